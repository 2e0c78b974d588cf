import { createRedis } from "../../src/redis.ts";

/**
 * Deletes every key matching `pattern` in the Redis database at `url` and returns the keys it removed. SCAN walks the
 * keyspace in batches, so a shared Redis is never blocked the way KEYS would block it.
 */
export async function deleteKeys(url: string, pattern: string): Promise<string[]> {
  const redis = createRedis(url);
  try {
    const removed: string[] = [];
    for await (const batch of redis.scanStream({ match: pattern, count: 1000 })) {
      const keys = batch as string[];
      if (keys.length === 0) continue;
      await redis.unlink(...keys);
      removed.push(...keys);
    }
    return removed;
  } finally {
    redis.disconnect();
  }
}

/** Deletes a test's Redis namespace: its queues, rate-limit logs and locks (every key under `<prefix>:`). */
export function deleteNamespace(url: string, prefix: string): Promise<string[]> {
  return deleteKeys(url, `${prefix}:*`);
}
