import { Redis } from "ioredis";

/** `maxRetriesPerRequest: null` is what BullMQ workers require; commands wait for a reconnect instead of failing. */
export function createRedis(url: string, options: { forWorker?: boolean } = {}): Redis {
  return new Redis(url, {
    maxRetriesPerRequest: options.forWorker ? null : 2,
    enableOfflineQueue: true,
    lazyConnect: false,
  });
}
