import type { DestinationStream } from "pino";
import type { Config } from "../config.ts";
import { createDb } from "../db.ts";
import { createLogger } from "../logger.ts";
import { SubmissionEvents } from "../modules/submissions/events.ts";
import { createRedis, openGradeQueue } from "../redis.ts";
import type { AppServices } from "./context.ts";

export type OwnedServices = AppServices & { close(): Promise<void> };

/** Opens the process-wide connections (Postgres pool, Redis) once; `close` releases them. */
export function openServices(
  config: Config,
  role: string,
  options: { logQueries?: boolean; logDestination?: DestinationStream } = {},
): OwnedServices {
  const log = createLogger(config.LOG_LEVEL, role, options.logDestination);
  const db = createDb({
    url: config.DATABASE_URL,
    poolSize: config.DATABASE_POOL_SIZE,
    applicationName: `dojo-${role}`,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    logQueries: options.logQueries,
  });
  const redis = createRedis(config);
  redis.on("error", (error) => log.warn({ err: error }, "redis connection error"));
  const subscriber = createRedis(config);
  subscriber.on("error", (error) => log.warn({ err: error }, "redis subscriber connection error"));
  const gradeQueue = openGradeQueue(config, log);
  return {
    config,
    db,
    redis,
    log,
    gradeQueue,
    submissionEvents: new SubmissionEvents(subscriber, config.REDIS_PREFIX, log),
    async close() {
      // disconnect, not quit: quit would wait forever for a Redis that is down.
      redis.disconnect();
      subscriber.disconnect();
      await Promise.allSettled([db.$disconnect(), gradeQueue.close()]);
    },
  };
}
