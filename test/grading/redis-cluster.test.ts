// The platform on a real Redis Cluster (3 masters, started for this file on free loopback ports): a submission made
// through the API is graded by a grader on the cluster, its events reach a graphql-ws subscriber through the
// cluster's pub/sub, every key of the queue sits in the slot of the `{prefix}` hash tag, and the rate limits' Lua
// scripts run there. Failover is the drill's (`npm run drill -- cluster`).
import { afterAll, beforeAll, describe, expect } from "@jest/globals";
import { hitRateLimit, spendBudget } from "../../src/lib/rate-limit.ts";
import { getKernel } from "../../src/problems/registry.ts";
import { queuePrefix } from "../../src/redis.ts";
import type { RunningGrader } from "../../workers/grader/run.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { itWhen } from "../helpers/capabilities.ts";
import { testRedisPrefix } from "../helpers/env.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { startTestGrader, submitCode, waitForVerdict } from "../helpers/grading.ts";
import { clusterToolsMissing, type RedisCluster, startRedisCluster } from "../helpers/redis-cluster.ts";
import { wsClient } from "../helpers/ws.ts";

const missingTool = clusterToolsMissing();
const itOnCluster = itWhen({
  present: missingTool === null,
  // CI (.ci/run) installs redis-server and redis-cli: there a missing one is a failure, not a skip.
  required: process.env.REDIS_CLUSTER_TESTS_REQUIRED === "true",
  missing: `${missingTool} (a Redis Cluster needs redis-server and redis-cli)`,
});

let cluster: RedisCluster | null = null;
let t: TestApi | null = null;
let grader: RunningGrader | null = null;
let slug = "";

function world(): { cluster: RedisCluster; t: TestApi } {
  if (!cluster || !t) throw new Error("the cluster did not start");
  return { cluster, t };
}

beforeAll(async () => {
  if (missingTool && process.env.REDIS_CLUSTER_TESTS_REQUIRED !== "true") return;
  cluster = await startRedisCluster({ masters: 3, replicasPerMaster: 0 });
  t = await startTestApi({
    REDIS_CLUSTER_NODES: cluster.seedNodes,
    // Its own namespace on its own cluster: nothing lands on the shared Redis, and the cluster goes at the end.
    REDIS_PREFIX: testRedisPrefix("cluster"),
    AUTH_RATE_LIMIT_PER_MINUTE: "1000",
    SUBMIT_RATE_LIMIT_PER_MINUTE: "1000",
  });
  slug = await createCodingQuestion(t.db, "softmax", { timeLimitMs: 4000 });
}, 120_000);

afterAll(async () => {
  await grader?.close();
  await t?.close();
  await cluster?.stop();
}, 120_000);

type Update = { status: string };

describe("on a Redis Cluster", () => {
  itOnCluster(
    "grades a submission made through the API and streams its events to a subscriber",
    async () => {
      const { cluster: redisCluster, t: api } = world();
      const learner = await signUpUser(api);
      const id = await submitCode(api, learner.token, slug, getKernel("softmax")?.solutionCode ?? "");
      const client = wsClient(api, learner.token);
      const statuses: string[] = [];
      let sawQueued: () => void = () => undefined;
      const queued = new Promise<void>((resolve) => {
        sawQueued = resolve;
      });
      const streamed = new Promise<unknown>((resolve) => {
        client.subscribe<{ submissionUpdated: Update }>(
          { query: "subscription($id: ID!) { submissionUpdated(id: $id) { status } }", variables: { id } },
          {
            next: (message) => {
              const status = message.data?.submissionUpdated.status;
              if (status) statuses.push(status);
              if (status === "QUEUED") sawQueued();
              if (message.errors) resolve(message.errors);
            },
            error: resolve,
            complete: () => resolve(null),
          },
        );
      });
      try {
        // No grader yet: the stream opens on QUEUED, so every later status can only come through pub/sub.
        await queued;
        grader = await startTestGrader(api, { REDIS_CLUSTER_NODES: redisCluster.seedNodes });
        expect(await streamed).toBeNull();
      } finally {
        await client.dispose();
      }
      expect(statuses[0]).toBe("QUEUED");
      expect(statuses.at(-1)).toBe("FINISHED");
      const graded = await waitForVerdict(api, id, learner.token, 60_000);
      expect(graded.verdict).toBe("ACCEPTED");
    },
    120_000,
  );

  itOnCluster("keeps every key of the queue in the slot of its hash tag", async () => {
    const { cluster: redisCluster, t: api } = world();
    const prefix = queuePrefix(api.config);
    expect(prefix).toBe(`{${api.config.REDIS_PREFIX}}`);
    const keys: string[] = [];
    for (const node of redisCluster.nodes) {
      keys.push(...((await redisCluster.command(node.port, "KEYS", "*")) as string[]));
    }
    const queueKeys = keys.filter((key) => key.startsWith(`${prefix}:${api.config.QUEUE_NAME}:`));
    // The graded job's own hash, and the queue's lists and event stream at least.
    expect(queueKeys.length).toBeGreaterThanOrEqual(3);
    // Nothing of the queue under the plain prefix (that is the single-server layout).
    expect(keys.filter((key) => key.startsWith(`${api.config.REDIS_PREFIX}:${api.config.QUEUE_NAME}:`))).toEqual([]);
    const port = redisCluster.nodes[0]?.port ?? 0;
    const tagSlot = await redisCluster.command(port, "CLUSTER", "KEYSLOT", prefix);
    const slots = await Promise.all(queueKeys.map((key) => redisCluster.command(port, "CLUSTER", "KEYSLOT", key)));
    expect(new Set(slots)).toEqual(new Set([tagSlot]));
  });

  itOnCluster("runs the rate limits' scripts on whichever master holds their key", async () => {
    const { t: api } = world();
    const redis = api.services.redis;
    // Keys on several slots, so more than one master runs the scripts.
    for (const subject of ["alpha", "bravo", "charlie", "delta"]) {
      const key = `${api.config.REDIS_PREFIX}:ratelimit:test:${subject}`;
      expect(await hitRateLimit(redis, key, 2, 60)).toEqual({ allowed: true });
      expect(await hitRateLimit(redis, key, 2, 60)).toEqual({ allowed: true });
      expect((await hitRateLimit(redis, key, 2, 60)).allowed).toBe(false);
      const budget = `${api.config.REDIS_PREFIX}:budget:test:${subject}`;
      expect(await spendBudget(redis, budget, 10, 60, 10)).toEqual({ allowed: true });
      expect((await spendBudget(redis, budget, 10, 60, 1)).allowed).toBe(false);
    }
  });
});
