import { Redis } from "ioredis";
import { trackConnection } from "./lib/redis-connection.ts";

/** A command fails after two reconnection attempts instead of waiting for Redis forever. */
export function createRedis(url: string): Redis {
  return trackConnection(new Redis(url, { maxRetriesPerRequest: 2 }));
}
