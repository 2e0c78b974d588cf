import { createServer, type Server } from "node:http";
import type { Queue } from "bullmq";
import { Counter, Histogram, Registry } from "prom-client";
import type { GradeJobData } from "../../src/grading/queue.ts";
import { withProcessMetrics } from "../../src/lib/process-metrics.ts";
import { registerQueueDepth } from "../../src/lib/queue-metrics.ts";

export type GraderMetrics = {
  registry: Registry;
  gradingLatency: Histogram<"mode">;
  verdicts: Counter<"verdict" | "mode">;
  executorRestarts: Counter<"reason">;
  typeChecksSkipped: Counter;
};

/** The grader's metrics, served with the process's metrics when the entry point collected them. */
export function createGraderMetrics(queue: Queue<GradeJobData>, processMetrics?: Registry): GraderMetrics {
  const registry = new Registry();
  registerQueueDepth(registry, queue);
  const gradingLatency = new Histogram({
    name: "dojo_grading_latency_seconds",
    help: "Time from submit to verdict",
    labelNames: ["mode"],
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const verdicts = new Counter({
    name: "dojo_verdicts_total",
    help: "Verdicts written, by kind",
    labelNames: ["verdict", "mode"],
    registers: [registry],
  });
  const executorRestarts = new Counter({
    name: "dojo_executor_restarts_total",
    help: "Executor processes replaced, by reason",
    labelNames: ["reason"],
    registers: [registry],
  });
  const typeChecksSkipped = new Counter({
    name: "dojo_type_checks_skipped_total",
    help: "TypeScript submissions graded without their type check (over its limits, or the checker was down)",
    registers: [registry],
  });
  return {
    // Merged after every metric above is registered: a merge copies the metrics registered so far.
    registry: withProcessMetrics(registry, processMetrics),
    gradingLatency,
    verdicts,
    executorRestarts,
    typeChecksSkipped,
  };
}

/** The grader's own /metrics endpoint (graders have no other HTTP surface). */
export async function serveMetrics(registry: Registry, port: number, host: string): Promise<Server> {
  const server = createServer(async (req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    try {
      const body = await registry.metrics();
      res.writeHead(200, { "content-type": registry.contentType }).end(body);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  return server;
}
