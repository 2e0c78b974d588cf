import type { Queue } from "bullmq";
import { Gauge, type Registry } from "prom-client";

/** `dojo_queue_depth{state}`, read from BullMQ at scrape time; the API and every grader export it. */
export function registerQueueDepth(registry: Registry, queue: Queue): void {
  new Gauge({
    name: "dojo_queue_depth",
    help: "Grading jobs by state",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const counts = await queue.getJobCounts("waiting", "active", "delayed", "failed");
      for (const [state, value] of Object.entries(counts)) this.set({ state }, value);
    },
  });
}
