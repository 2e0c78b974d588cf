import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Redis } from "ioredis";
import pino from "pino";
import { SocketLeases } from "../../src/app/socket-leases.ts";
import { createRedis } from "../../src/redis.ts";
import { testRedisPrefix, testRedisUrl } from "../helpers/env.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";

const prefix = testRedisPrefix("socket-leases");
const log = pino({ level: "silent" });
let redis: Redis;
const made: SocketLeases<string>[] = [];

/** One API process's view: its own SocketLeases on the shared Redis. */
function apiProcess(max: number, leaseMs?: number): SocketLeases<string> {
  const leases = new SocketLeases<string>({ redis, prefix, max, log, leaseMs });
  made.push(leases);
  return leases;
}

beforeAll(() => {
  redis = createRedis(testRedisUrl());
});
afterAll(async () => {
  for (const leases of made) leases.stop();
  redis.disconnect();
  await deleteNamespace(testRedisUrl(), prefix);
});

describe("SocketLeases (one socket cap for every API process, in Redis)", () => {
  it("counts an owner's sockets across processes, and a released socket frees its place", async () => {
    const [a, b, c] = [apiProcess(2), apiProcess(2), apiProcess(2)];
    expect(await a.acquire("a1", "user:1")).toBe(true);
    expect(await b.acquire("b1", "user:1")).toBe(true);
    // Per process this would be the first socket of c: the fleet's cap refuses it.
    expect(await c.acquire("c1", "user:1")).toBe(false);
    expect(await c.acquire("c2", "user:2")).toBe(true);
    a.release("a1");
    await redis.ping(); // the release is sent without waiting; one round trip later it has landed
    expect(await c.acquire("c1", "user:1")).toBe(true);
    // A socket that already holds the owner's lease is not counted twice.
    expect(await c.acquire("c1", "user:1")).toBe(true);
    expect(await a.acquire("a2", "user:1")).toBe(false);
    // A socket changing hands gives up its previous owner's lease.
    expect(await c.acquire("c1", "ip:203.0.113.1")).toBe(true);
    expect(c.ownerOf("c1")).toBe("ip:203.0.113.1");
    expect(await a.acquire("a2", "user:1")).toBe(true);
  });

  it("renews the leases of open sockets and lets a crashed process's leases expire", async () => {
    const crashed = apiProcess(1, 300);
    const alive = apiProcess(1);
    expect(await crashed.acquire("x", "user:3")).toBe(true);
    // The crashed process neither renews nor releases; another's socket gets in once its lease ran out.
    crashed.stop();
    while (!(await alive.acquire("y", "user:3"))) await new Promise((resolve) => setTimeout(resolve, 100));
    // Renewed (here by hand, so the test does not race the timer), the live lease keeps its place.
    const key = `${prefix}:ws:sockets:user:3`;
    await redis.del(key);
    await alive.renew();
    expect(await redis.zcard(key)).toBe(1);
    expect(await crashed.acquire("z", "user:3")).toBe(false);
  });
});
