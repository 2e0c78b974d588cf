import { dropRunDatabase } from "./global-setup.ts";
import { testRedisUrl } from "./helpers/env.ts";
import { deleteKeys } from "./helpers/redis-keys.ts";

/**
 * Drops the run's database, then makes sure the run left no Redis key: each test deletes its own namespace, so a
 * key found here is a leak. It is deleted (the keyspace ends as it began) and the run fails, naming the namespace.
 */
export default async function globalTeardown(): Promise<void> {
  await dropRunDatabase();
  const runPrefix = process.env.TEST_RUN_REDIS_PREFIX;
  if (!runPrefix) return;
  const leaked = await deleteKeys(testRedisUrl(), `${runPrefix}-*`);
  if (leaked.length > 0) {
    const namespaces = [...new Set(leaked.map((key) => key.split(":")[0]))];
    throw new Error(`tests left ${leaked.length} Redis keys behind, in ${namespaces.join(", ")}`);
  }
}
