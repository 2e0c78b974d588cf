import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Redis } from "ioredis";
import { openServices } from "../../src/app/services.ts";
import { getKernel } from "../../src/problems/registry.ts";
import { REDIS_DISCONNECT_TIMEOUT_MS } from "../../src/redis.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { SUBMIT } from "../helpers/grading.ts";
import { type PrivateRedis, startPrivateRedis } from "../helpers/private-redis.ts";

// The API runs on a redis-server of this test's own, which the test stops and starts again.
let redis: PrivateRedis;
let t: TestApi;
let slug: string;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (await condition()) return;
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${what}`);
}

beforeAll(async () => {
  redis = await startPrivateRedis();
  t = await startTestApi({ REDIS_URL: redis.url });
  slug = await createCodingQuestion(t.db, "softmax");
});
afterAll(async () => {
  await t.close();
  await redis.stop();
});

describe("the API while Redis is down", () => {
  let learner: Awaited<ReturnType<typeof signUpUser>>;

  beforeAll(async () => {
    learner = await signUpUser(t);
    await redis.stop();
    await until(() => t.services.redis.status === "reconnecting", "the API to notice Redis is gone");
  });

  it("accepts a submission without waiting for Redis (QUEUED; the sweeper enqueues it later)", async () => {
    // A command waiting for a reconnection sits in the client's offline queue (private in ioredis's types):
    // sampling it during the request shows whether the request waited for Redis, whatever the machine's speed.
    const client = t.services.redis as unknown as { offlineQueue: { length: number } };
    let waitedForRedis = false;
    const sampler = setInterval(() => {
      if (client.offlineQueue.length > 0) waitedForRedis = true;
    }, 2);
    try {
      const input = { slug, language: "TYPESCRIPT", code: getKernel("softmax")?.solutionCode ?? "" };
      const submitted = await t.gql<{ submitSolution: { id: string; status: string } }>(
        SUBMIT,
        { input },
        learner.token,
      );
      expect(submitted.errors).toBeUndefined();
      expect(submitted.data?.submitSolution.status).toBe("QUEUED");
      const row = await t.db.submission.findUniqueOrThrow({ where: { id: submitted.data?.submitSolution.id ?? "" } });
      expect(row.status).toBe("QUEUED");
    } finally {
      clearInterval(sampler);
    }
    expect(waitedForRedis).toBe(false);
  });

  it("signs up and logs in (the per-IP limits fail open)", async () => {
    const email = `down-${uniqueSuffix()}@example.com`;
    const signUp = await t.gql<{ signUp: { token: string } }>(
      `mutation($input: SignUpInput!) { signUp(input: $input) { token } }`,
      { input: { email, handle: `d_${uniqueSuffix()}`.slice(0, 32), password: "correct horse battery" } },
    );
    expect(signUp.errors).toBeUndefined();
    const logIn = await t.gql<{ logIn: { token: string } }>(
      `mutation($input: LogInInput!) { logIn(input: $input) { token } }`,
      { input: { email, password: "correct horse battery" } },
    );
    expect(logIn.errors).toBeUndefined();
    expect(logIn.data?.logIn.token).toEqual(expect.any(String));
  });

  it("serves /metrics with what it has, and /readyz names Redis as down", async () => {
    const base = t.api.url.replace(/\/graphql$/, "");
    const metrics = await fetch(`${base}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain("dojo_queue_reachable 0");
    expect(text).toContain("dojo_api_request_duration_seconds");

    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "not ready", postgres: "ok", redis: "down", down: ["redis"] });
  });

  it("is ready again once Redis is back", async () => {
    await redis.start();
    const base = t.api.url.replace(/\/graphql$/, "");
    await until(async () => (await fetch(`${base}/readyz`)).status === 200, "/readyz to answer 200");
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain("dojo_queue_reachable 1");
  });
});

describe("closing the API's connections while Redis is down", () => {
  it("cancels every pending reconnection, so a stopped process can exit", async () => {
    await redis.start(); // a no-op when the tests above left it running
    const services = openServices(t.config, "api-test");
    await Promise.all([services.gradeQueue.waitUntilReady(), services.redis.ping()]);
    // BullMQ's proxy of the queue's ioredis client: it reads through to the client's own fields.
    const queueClient = (await services.gradeQueue.backend.client) as unknown as Redis;
    await redis.stop();
    await until(() => queueClient.status === "reconnecting", "the queue's connection to notice Redis is gone");

    await services.close();
    await redis.start(); // for the namespace clean-up below
    // A reconnection timer left pending (private in ioredis's types) would reconnect the closed queue later and
    // keep the process alive: a lone `npm test -- test/api/redis-down.test.ts` never exited.
    // One Redis here (no REDIS_CLUSTER_NODES), so the API's client is a single-server one.
    for (const client of [queueClient, services.redis as Redis]) {
      const state = client as unknown as { reconnectTimeout: NodeJS.Timeout | null };
      expect({ reconnectionPending: state.reconnectTimeout !== null }).toEqual({ reconnectionPending: false });
      // disconnect() on a socket Redis's death already closed waits disconnectTimeout for a "close" that never
      // comes (ioredis's default: 2 s): every closing process and test worker lingered that long.
      expect(client.options.disconnectTimeout).toBeLessThanOrEqual(REDIS_DISCONNECT_TIMEOUT_MS);
    }
  });
});
