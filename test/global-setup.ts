import { adminQuery, createMigratedDatabase } from "./helpers/scratch-database.ts";

const BASE_URL = "postgresql://postgres@127.0.0.1:5432/infra_dojo_test";

/**
 * One global reset per run: a fresh database named after this run, migrated from scratch; test files then
 * create their own rows. A per-run name lets several runs share a server; globalTeardown drops it.
 */
export default async function globalSetup(): Promise<void> {
  const url = new URL(process.env.TEST_DATABASE_URL ?? BASE_URL);
  url.pathname = `/${url.pathname.slice(1)}_${process.pid}`;
  const database = url.pathname.slice(1);
  await createMigratedDatabase(url);
  // Jest workers are spawned after this and inherit the environment.
  process.env.TEST_DATABASE_URL = url.toString();
  process.env.TEST_RUN_DATABASE = database;
  // Every Redis key of this run starts with this prefix (see testRedisPrefix), so the teardown can check them all.
  process.env.TEST_RUN_REDIS_PREFIX = `test-${process.pid}`;
}

export async function dropRunDatabase(): Promise<void> {
  const database = process.env.TEST_RUN_DATABASE;
  if (!database || process.env.KEEP_TEST_DATABASE === "true") return;
  const url = new URL(process.env.TEST_DATABASE_URL ?? BASE_URL);
  // Scratch databases of this run (test/helpers/scratch-database.ts) are named after it; a crashed test leaves one.
  const scratch = await adminQuery(url, "SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [
    `${database}_`,
  ]);
  for (const name of [database, ...scratch.map((row) => String(row.datname))]) {
    await adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}
