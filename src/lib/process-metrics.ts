import { collectDefaultMetrics, Registry } from "prom-client";

/**
 * The process's own metrics (CPU, memory, heap, GC pauses, event-loop delay), for a role's entry point to collect
 * once per process and hand to the server it starts. They are not collected per server: prom-client's collectors
 * register a GC PerformanceObserver and an event-loop-delay histogram with Node that nothing can remove, so every
 * server a process built stayed reachable through them with all the code that built it. In the tests (a server
 * per test file) that kept every finished file's modules alive: a jest worker grew by about 35 MB per file to
 * 3 GB, and at 3 GB its exit took longer than the 500 ms jest waits before it force-exits a worker.
 */
export function collectProcessMetrics(prefix: string): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix });
  return registry;
}

/** One registry that serves `own` and, when given, the process's metrics beside them. */
export function withProcessMetrics(own: Registry, processMetrics: Registry | undefined): Registry {
  return processMetrics ? Registry.merge([processMetrics, own]) : own;
}
