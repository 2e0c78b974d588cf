/** Connection settings for tests, read lazily (ESM imports run before a test's top-level code). */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/infra_dojo_test";
}

/**
 * Tests use Redis database 15 unless TEST_REDIS_URL names another one: never database 0, where a development stack
 * (docker compose, `npm start`) keeps its queue.
 */
export const DEFAULT_TEST_REDIS_DB = 15;

export function testRedisUrl(): string {
  // An empty TEST_REDIS_URL counts as unset.
  const url = new URL(process.env.TEST_REDIS_URL || "redis://127.0.0.1:6379");
  if (url.pathname === "" || url.pathname === "/") url.pathname = `/${DEFAULT_TEST_REDIS_DB}`;
  return url.toString();
}

/** A short unique suffix so each test file's rows, queues and keys never collide with another's. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}

/**
 * A Redis key prefix for one test's queues, rate limits and channels. It starts with this run's prefix (set by the
 * global setup), so the global teardown finds every key the run left behind.
 */
export function testRedisPrefix(label: string): string {
  return `${process.env.TEST_RUN_REDIS_PREFIX ?? "test"}-${label}-${uniqueSuffix()}`;
}
