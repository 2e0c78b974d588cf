import type { RedisClient } from "./redis-connection.ts";
import { isRedisDown } from "./redis-connection.ts";

export type DependencyState = "ok" | "down";
export type DependencyReport = { postgres: DependencyState; redis: DependencyState };

// A probe that has not answered in this long counts as down: health checks time out at 3 s (compose).
const PROBE_TIMEOUT_MS = 1000;

async function probe(check: () => Promise<unknown>, timeoutMs: number): Promise<DependencyState> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("probe timed out")), timeoutMs);
      }),
    ]);
    return "ok";
  } catch {
    return "down";
  } finally {
    clearTimeout(timer);
  }
}

/** Whether PostgreSQL answers `SELECT 1`; the caller's client runs it, so this file needs no Prisma type. */
export function probePostgres(
  db: { $queryRaw(query: TemplateStringsArray): PromiseLike<unknown> },
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<DependencyState> {
  return probe(async () => db.$queryRaw`SELECT 1`, timeoutMs);
}

/** Whether Redis answers PING; a client that lost its connection is down without waiting for a retry. */
export function probeRedis(redis: RedisClient, timeoutMs = PROBE_TIMEOUT_MS): Promise<DependencyState> {
  if (isRedisDown(redis)) return Promise.resolve("down");
  return probe(() => redis.ping(), timeoutMs);
}

export async function checkDependencies(
  db: Parameters<typeof probePostgres>[0],
  redis: RedisClient,
): Promise<DependencyReport> {
  const [postgres, redisState] = await Promise.all([probePostgres(db), probeRedis(redis)]);
  return { postgres, redis: redisState };
}
