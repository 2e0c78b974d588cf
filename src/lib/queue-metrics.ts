import type { Queue } from "bullmq";
import { Gauge, type Registry } from "prom-client";

// A scrape must answer while Redis is down (the other metrics are still worth having), so the queue's
// counts are given this long and otherwise left out, with dojo_queue_reachable 0.
const COUNTS_TIMEOUT_MS = 500;

type Counts = Record<string, number>;

async function readCounts(queue: Queue): Promise<Counts | null> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      queue.getJobCounts("waiting", "active", "delayed", "failed"),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("queue counts timed out")), COUNTS_TIMEOUT_MS);
      }),
    ]);
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `dojo_queue_depth{state}`, read from BullMQ at scrape time, and `dojo_queue_reachable` (1 when the
 * counts could be read); the API and every grader export them.
 */
export function registerQueueDepth(registry: Registry, queue: Queue): void {
  // Both gauges are collected in the same scrape: they share one read.
  let scrape: Promise<Counts | null> | null = null;
  const counts = () => {
    scrape ??= readCounts(queue).finally(() => {
      scrape = null;
    });
    return scrape;
  };
  new Gauge({
    name: "dojo_queue_reachable",
    help: "1 when the grading queue's counts could be read from Redis at this scrape",
    registers: [registry],
    async collect() {
      this.set((await counts()) ? 1 : 0);
    },
  });
  new Gauge({
    name: "dojo_queue_depth",
    help: "Grading jobs by state",
    labelNames: ["state"],
    registers: [registry],
    async collect() {
      const read = await counts();
      this.reset();
      for (const [state, value] of Object.entries(read ?? {})) this.set({ state }, value);
    },
  });
}
