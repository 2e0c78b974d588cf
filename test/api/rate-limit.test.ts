import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Redis } from "ioredis";
import { hitRateLimit } from "../../src/lib/rate-limit.ts";
import { createRedis } from "../../src/redis.ts";
import { testRedisPrefix, testRedisUrl, uniqueSuffix } from "../helpers/env.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";

let redis: Redis;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const prefix = testRedisPrefix("rate-limit");
const newKey = () => `${prefix}:ratelimit:${uniqueSuffix()}`;

async function hits(key: string, count: number, limit: number, windowSeconds: number) {
  const results = [];
  for (let i = 0; i < count; i++) results.push(await hitRateLimit(redis, key, limit, windowSeconds));
  return results.map((result) => result.allowed);
}

beforeAll(() => {
  redis = createRedis(testRedisUrl());
});
afterAll(async () => {
  redis.disconnect();
  await deleteNamespace(testRedisUrl(), prefix);
});

describe("hitRateLimit (sliding log in Redis)", () => {
  it("allows `limit` hits, then refuses with the seconds until the oldest hit leaves the window", async () => {
    const key = newKey();
    expect(await hits(key, 3, 3, 60)).toEqual([true, true, true]);
    const refused = await hitRateLimit(redis, key, 3, 60);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 60 });
    // Another key is counted on its own.
    expect(await hits(newKey(), 1, 3, 60)).toEqual([true]);
  });

  it("never lets more than `limit` through in any window, even across what a fixed window's edge would be", async () => {
    const key = newKey();
    expect(await hits(key, 1, 3, 1)).toEqual([true]);
    await sleep(700);
    expect(await hits(key, 3, 3, 1)).toEqual([true, true, false]);
    // 1.05 s after the first hit only that hit has left the window: one more, not three.
    await sleep(350);
    expect(await hits(key, 2, 3, 1)).toEqual([true, false]);
  });

  it("does not log refused hits, so retrying does not extend the wait", async () => {
    const key = newKey();
    expect(await hits(key, 2, 2, 1)).toEqual([true, true]);
    expect(await hits(key, 5, 2, 1)).toEqual([false, false, false, false, false]);
    await sleep(1050);
    expect(await hits(key, 3, 2, 1)).toEqual([true, true, false]);
  });
});
