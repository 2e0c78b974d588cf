// Per-submission overhead of the sandbox, for the grading benchmark to print.

import { holdTranspiler, transpile } from "../workers/runtimes/isolate/transpile.ts";
import type { SandboxLayers } from "../workers/sandbox/launcher.ts";
import { ExecutorPool } from "../workers/sandbox/pool.ts";

export type SandboxOverhead = {
  runs: number;
  /** Median esbuild transform of a small TypeScript solution. */
  transpileMs: number;
  /**
   * Median job with no tests through the pool, started right after the previous one: a fresh isolate and
   * the harness, compile and run of the script, dispose, IPC.
   */
  freshIsolateMs: number;
  /**
   * The same job after a short idle gap, when the executor has made the next isolate with the harness
   * while it waited: compile and run of the script, dispose, IPC.
   */
  spareIsolateMs: number;
  /** Median extra cost of one trivial test call (copy in, call, copy out, IPC round trip). */
  callMs: number;
  layers: SandboxLayers;
};

const SOLUTION = `export function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
`;

/** Long enough for an idle executor to have its next isolate ready. */
const IDLE_GAP_MS = 20;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timed(action: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await action();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Uses `pool` when given (its processes must be idle), else a pool of one process it starts and closes. */
export async function measureSandboxOverhead(
  options: { runs?: number; pool?: ExecutorPool } = {},
): Promise<SandboxOverhead> {
  const runs = options.runs ?? 50;
  const pool = options.pool ?? (await ExecutorPool.start({ size: 1, maxJobsPerProcess: runs * 3 + 10 }));
  // Held as the grader's runtime holds it: without a holder each transpile started and stopped esbuild's service
  // process, and the median "transform" (17.6 ms) was that process's start.
  const releaseTranspiler = holdTranspiler();
  try {
    const compiled = await transpile(SOLUTION, "TYPESCRIPT");
    if (!compiled.ok) throw new Error(`benchmark solution does not compile: ${compiled.error.message}`);
    const job = { script: compiled.script, functionName: "dot", memoryLimitMb: 64, timeLimitMs: 1000 };
    const args = [Float64Array.of(1, 2, 3), Float64Array.of(4, 5, 6)];
    // Warm-up: esbuild's service, the executor's JIT.
    await transpile(SOLUTION, "TYPESCRIPT");
    await pool.run({ ...job, tests: [args] });

    const transpiles: number[] = [];
    const backToBack: number[] = [];
    const afterGap: number[] = [];
    const withCall: number[] = [];
    const idle = () => new Promise((resolve) => setTimeout(resolve, IDLE_GAP_MS));
    for (let i = 0; i < runs; i++) {
      transpiles.push(await timed(() => transpile(SOLUTION, "TYPESCRIPT")));
      await pool.run({ ...job, tests: [] });
      backToBack.push(await timed(() => pool.run({ ...job, tests: [] })));
      withCall.push(await timed(() => pool.run({ ...job, tests: [args] })));
      await idle();
      afterGap.push(await timed(() => pool.run({ ...job, tests: [] })));
    }
    const freshIsolateMs = median(backToBack);
    return {
      runs,
      transpileMs: median(transpiles),
      freshIsolateMs,
      spareIsolateMs: median(afterGap),
      callMs: Math.max(0, median(withCall) - freshIsolateMs),
      layers: pool.describeSandbox(),
    };
  } finally {
    await releaseTranspiler();
    if (!options.pool) await pool.close();
  }
}
