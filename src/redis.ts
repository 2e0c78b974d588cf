import { Redis } from "ioredis";
import { trackConnection } from "./lib/redis-connection.ts";

/**
 * How long ioredis's disconnect() waits for the socket's "close" before destroying it (its default: 2000 ms). A
 * socket that is already dead (Redis down, or a failed connection attempt) never sends "close", so the default
 * kept every closing process (and every test worker, "failed to exit gracefully") alive 2 s after disconnect();
 * a live local socket closes within milliseconds of the server's FIN.
 */
export const REDIS_DISCONNECT_TIMEOUT_MS = 100;

/** A command fails after two reconnection attempts instead of waiting for Redis forever. */
export function createRedis(url: string): Redis {
  return trackConnection(new Redis(url, { maxRetriesPerRequest: 2, disconnectTimeout: REDIS_DISCONNECT_TIMEOUT_MS }));
}
