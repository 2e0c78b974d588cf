import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, expect, it } from "@jest/globals";
import { Queue } from "bullmq";
import { Counter, Registry } from "prom-client";
import type { GradeJobData } from "../../src/grading/queue.ts";
import { withProcessMetrics } from "../../src/lib/process-metrics.ts";
import { createRedis } from "../../src/redis.ts";
import { createGraderMetrics } from "../../workers/grader/metrics.ts";
import { testRedisPrefix, testRedisUrl } from "../helpers/env.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";

// A full garbage collection on demand: a context created after the flag is set has `gc`.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

const prefix = testRedisPrefix("metrics-lifetime");
const connection = createRedis(testRedisUrl());
const queue = new Queue<GradeJobData>("grade", { connection, prefix });

afterAll(async () => {
  await queue.close();
  connection.disconnect();
  await deleteNamespace(testRedisUrl(), prefix);
});

/** A weak reference to a new grader's metrics registry, made in a job of its own. */
async function dropGraderMetrics(): Promise<WeakRef<Registry>> {
  const registry = new WeakRef(createGraderMetrics(queue).registry);
  // A WeakRef keeps its target until the job that made it ends.
  await new Promise((resolve) => setImmediate(resolve));
  return registry;
}

// prom-client's default metrics register a GC observer with Node that nothing removes; collected per grader (or per
// API), they kept every registry, and in the tests every finished test file, reachable for the process's life.
it("frees a grader's metrics once nothing uses them: nothing process-wide holds them", async () => {
  const registry = await dropGraderMetrics();
  collectGarbage();
  expect(registry.deref()).toBeUndefined();
});

it("serves the process's metrics beside a server's own when the entry point collected them", async () => {
  const own = new Registry();
  new Counter({ name: "own_total", help: "a server's own metric", registers: [own] });
  const processMetrics = new Registry();
  new Counter({ name: "process_total", help: "a process-wide metric", registers: [processMetrics] });
  const served = await withProcessMetrics(own, processMetrics).metrics();
  expect(served).toMatch(/^own_total 0$/m);
  expect(served).toMatch(/^process_total 0$/m);
  expect(await withProcessMetrics(own, undefined).metrics()).not.toMatch(/process_total/);
});
