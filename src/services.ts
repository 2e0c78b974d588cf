import type { Config } from "./config.ts";
import { createDb } from "./db.ts";
import type { AppServices } from "./graphql/context.ts";
import { createLogger } from "./logger.ts";
import { createRedis } from "./redis.ts";

export type OwnedServices = AppServices & { close(): Promise<void> };

/** Opens the process-wide connections (Postgres pool, Redis) once; `close` releases them. */
export function openServices(config: Config, role: string): OwnedServices {
  const log = createLogger(config.LOG_LEVEL, role);
  const db = createDb({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE });
  const redis = createRedis(config.REDIS_URL);
  redis.on("error", (error) => log.warn({ err: error }, "redis connection error"));
  return {
    config,
    db,
    redis,
    log,
    async close() {
      await Promise.allSettled([db.$disconnect(), redis.quit()]);
    },
  };
}
