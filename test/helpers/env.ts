/** Connection settings for tests, read lazily (ESM imports run before a test's top-level code). */
export function testDatabaseUrl(): string {
  return process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/infra_dojo_test";
}

export function testRedisUrl(): string {
  return process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";
}

/** A short unique suffix so each test file's rows, queues and keys never collide with another's. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
