import type { Queue } from "bullmq";
import { Cluster, Redis, type RedisOptions } from "ioredis";
import type { Logger } from "pino";
import type { Config } from "./config.ts";
import { createGradeQueue, type GradeJobData, PRODUCER_CONNECTION_OPTIONS } from "./grading/queue.ts";
import { type RedisClient, trackConnection } from "./lib/redis-connection.ts";

export type { RedisClient };

/**
 * How long ioredis's disconnect() waits for the socket's "close" before destroying it (its default: 2000 ms). A
 * socket that is already dead (Redis down, or a failed connection attempt) never sends "close", so the default
 * kept every closing process (and every test worker, "failed to exit gracefully") alive 2 s after disconnect();
 * a live local socket closes within milliseconds of the server's FIN.
 */
export const REDIS_DISCONNECT_TIMEOUT_MS = 100;

/** Where Redis is. */
export type RedisTarget = Pick<Config, "REDIS_URL" | "REDIS_CLUSTER_NODES">;

/**
 * A new client for the target. Options are the single-server client's; on a cluster they apply to the connection
 * to each node, and the queue-wide ones (the offline queue) to the cluster client as well.
 */
export function connectRedis(target: RedisTarget, extra: RedisOptions = {}): RedisClient {
  const options: RedisOptions = { disconnectTimeout: REDIS_DISCONNECT_TIMEOUT_MS, ...extra };
  const cluster = target.REDIS_CLUSTER_NODES;
  if (!cluster) return new Redis(target.REDIS_URL, options);
  return new Cluster(cluster.nodes, {
    redisOptions: {
      ...options,
      username: cluster.username,
      password: cluster.password,
      ...(cluster.tls ? { tls: {} } : {}),
    },
    ...(options.enableOfflineQueue === undefined ? {} : { enableOfflineQueue: options.enableOfflineQueue }),
    // During a failover the slots of the failed master answer CLUSTERDOWN (or their connection is closed) until
    // its replica takes over: `npm run drill -- cluster` (cluster-node-timeout 2000) measured 3.2–4.9 s for a killed
    // master, under 0.2 s for CLUSTER FAILOVER. Commands wait and retry (at most 16 redirections, ~3–5 s) instead of
    // failing at once; what still fails is recovered by its caller (an enqueue by the sweeper, a rate limit fails
    // open, a job by BullMQ's retry).
    retryDelayOnClusterDown: 300,
    retryDelayOnFailover: 200,
  });
}

/**
 * The processes' client: a command fails after two reconnection attempts instead of waiting for Redis forever.
 * Given a URL, one server (tests, tools).
 */
export function createRedis(url: string): Redis;
export function createRedis(target: RedisTarget): RedisClient;
export function createRedis(target: string | RedisTarget): RedisClient {
  const options = { maxRetriesPerRequest: 2, disconnectTimeout: REDIS_DISCONNECT_TIMEOUT_MS };
  return trackConnection(typeof target === "string" ? new Redis(target, options) : connectRedis(target, options));
}

/**
 * BullMQ's key prefix. Its scripts touch several keys of a queue at once, which a cluster allows only within one
 * hash slot: there the prefix is a hash tag, `{dojo}`, so every key of the queue hashes on "dojo". One server
 * keeps the plain prefix (the keys of running deployments do not move).
 */
export function queuePrefix(config: Pick<Config, "REDIS_PREFIX" | "REDIS_CLUSTER_NODES">): string {
  return config.REDIS_CLUSTER_NODES ? `{${config.REDIS_PREFIX}}` : config.REDIS_PREFIX;
}

/** The grade queue's producer side for this deployment's Redis, on a connection of its own. */
export function openGradeQueue(
  config: RedisTarget & Pick<Config, "REDIS_PREFIX" | "QUEUE_NAME">,
  log: Logger,
): Queue<GradeJobData> {
  return createGradeQueue(
    connectRedis(config, PRODUCER_CONNECTION_OPTIONS),
    { prefix: queuePrefix(config), queueName: config.QUEUE_NAME },
    log,
  );
}
