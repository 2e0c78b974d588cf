import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Redis } from "ioredis";
import { hitRateLimit, spendBudget } from "../../src/lib/rate-limit.ts";
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

describe("spendBudget (weighted, GCRA in Redis)", () => {
  // 100 units a minute refill at 1.7 units a second: a slow machine's seconds between calls change nothing here.
  const spend = async (key: string, weight: number, periodSeconds = 60) =>
    (await spendBudget(redis, key, 100, periodSeconds, weight)).allowed;

  it("spends each hit's weight and refuses what does not fit, with the wait until it would", async () => {
    const key = newKey();
    expect([await spend(key, 60), await spend(key, 40)]).toEqual([true, true]);
    // 10 units take 6 s to come back.
    const refused = await spendBudget(redis, key, 100, 60, 10);
    expect(refused.allowed).toBe(false);
    expect(refused).toMatchObject({ retryAfterSeconds: expect.any(Number) });
    const wait = (refused as { retryAfterSeconds: number }).retryAfterSeconds;
    expect(wait).toBeGreaterThanOrEqual(4);
    expect(wait).toBeLessThanOrEqual(6);
    // Refusals cost nothing: hammering does not push the wait further.
    for (let i = 0; i < 5; i++) await spendBudget(redis, key, 100, 60, 10);
    const again = await spendBudget(redis, key, 100, 60, 10);
    expect(again).toMatchObject({ allowed: false });
    expect((again as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(wait);
  });

  it("charges a weight above the capacity as the whole budget, so it passes on a full one", async () => {
    const key = newKey();
    expect(await spend(key, 500)).toBe(true);
    expect(await spend(key, 5)).toBe(false);
  });

  it("refills continuously over its period", async () => {
    const key = newKey();
    expect(await spend(key, 100, 1)).toBe(true);
    expect(await spend(key, 100, 1)).toBe(false);
    await sleep(1100);
    expect(await spend(key, 100, 1)).toBe(true);
  });
});
