import { Redis } from "ioredis";

/** A command fails after two reconnection attempts instead of waiting for Redis forever. */
export function createRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: 2 });
}
