// What the Python runtime costs: starting a zygote (bubblewrap, CPython, numpy, the harness) and, per
// submission, the fork from the warm zygote plus one call; and how timed runs read when the grader's event loop
// is busy. Printed by `npm run bench -- python`; the grading
// benchmark's Python phase can call measurePythonOverhead() for the same figures.

import { NdArray } from "../src/kernels/python/ndarray.ts";
import { resolvePythonSandbox } from "../workers/runtimes/python/install.ts";
import { PythonRuntime } from "../workers/runtimes/python/runtime.ts";
import { Zygote } from "../workers/runtimes/python/zygote.ts";

export type PythonOverhead = {
  runs: number;
  /** One-time: finding python3 and numpy, listing their libraries, probing bubblewrap. */
  resolveMs: number;
  /** Median start of a zygote until it reports ready (numpy and the harness imported). */
  zygoteStartMs: number;
  /** Median run of one trivial test: fork, rlimits and seccomp, parse and check the source, load it, one call, exit report. */
  submissionMs: number;
  /** Median CPU time of that run's child, as the zygote measured it. */
  submissionCpuMs: number;
  /** Median extra cost of one more trivial test in the same child (frame in, call, frame out). */
  callMs: number;
  description: Record<string, unknown>;
};

const SOLUTION = `import numpy as np

def matmul(a, b):
    return (a[:, :, None] * b[None, :, :]).sum(axis=1)
`;
const PROBLEM = {
  functionName: "matmul",
  forbiddenNames: ["matmul", "dot", "einsum", "linalg"],
  argKinds: ["ndarray2d", "ndarray2d"],
} as const;
const LIMITS = { timeLimitMs: 2000, memoryLimitMb: 64 };
const TESTS_FOR_CALL_COST = 51;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timed<T>(action: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = process.hrtime.bigint();
  const value = await action();
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, value };
}

async function zygoteStarts(count: number): Promise<{ resolveMs: number; startMs: number[] }> {
  const resolved = await timed(() => resolvePythonSandbox());
  const startMs: number[] = [];
  for (let i = 0; i < count; i++) {
    const zygote = new Zygote(resolved.value.command, resolved.value.env);
    startMs.push((await timed(() => zygote.versions)).ms);
    await zygote.stop(2000);
  }
  return { resolveMs: resolved.ms, startMs };
}

/** Uses `runtime` when given (idle), else a runtime of one zygote it starts and closes. */
export async function measurePythonOverhead(
  options: { runs?: number; runtime?: PythonRuntime } = {},
): Promise<PythonOverhead> {
  const runs = options.runs ?? 40;
  const { resolveMs, startMs } = await zygoteStarts(5);
  const runtime = options.runtime ?? (await PythonRuntime.start({ size: 1 }));
  try {
    const a = new NdArray([4, 4], new Float64Array(16).fill(1));
    const one = [{ args: [a, a] }];
    const many = Array.from({ length: TESTS_FOR_CALL_COST }, () => ({ args: [a, a] }));
    const submissionMs: number[] = [];
    const submissionCpuMs: number[] = [];
    const manyMs: number[] = [];
    for (let i = 0; i < runs + 3; i++) {
      const prepared = await runtime.prepare({ code: SOLUTION, language: "PYTHON" }, PROBLEM);
      if (!prepared.ok) throw new Error(prepared.error.message);
      const program = prepared.program;
      const single = await timed(() => program.run(one, LIMITS));
      const batch = await timed(() => program.run(many, LIMITS));
      if (single.value.outcomes[0]?.status !== "OK" || batch.value.outcomes.length !== many.length) {
        throw new Error("the benchmark solution did not pass");
      }
      if (i < 3) continue; // warm-up
      submissionMs.push(single.ms);
      submissionCpuMs.push(single.value.cpuMs);
      manyMs.push(batch.ms);
    }
    return {
      runs,
      resolveMs,
      zygoteStartMs: median(startMs),
      submissionMs: median(submissionMs),
      submissionCpuMs: median(submissionCpuMs),
      callMs: (median(manyMs) - median(submissionMs)) / (TESTS_FOR_CALL_COST - 1),
      description: runtime.describe(),
    };
  } finally {
    if (!options.runtime) await runtime.close();
  }
}

/** A solution whose every call lasts at least 30 ms: its timed runs should read ~30 ms however busy this process is. */
const SLEEPING_SOLUTION = `import time

def matmul(a, b):
    time.sleep(0.03)
    return (a[:, :, None] * b[None, :, :]).sum(axis=1)
`;
const STALL_MS = 1500;

/**
 * The timed runs of a performance test (a warm-up and two timed runs of a 30 ms call), `rounds` times, with this
 * process's event loop free and with it busy `STALL_MS` at a time (another job parsing and comparing, at an
 * extreme). The zygote times the runs (zygote.ts): timed on this process's clock, the busy rounds would read up to
 * the stall's length.
 */
async function timedRunsUnderStall(rounds: number): Promise<{ freeMs: number[]; stalledMs: number[] }> {
  const runtime = await PythonRuntime.start({ size: 1 });
  try {
    const prepared = await runtime.prepare({ code: SLEEPING_SOLUTION, language: "PYTHON" }, PROBLEM);
    if (!prepared.ok) throw new Error(prepared.error.message);
    const a = new NdArray([4, 4], new Float64Array(16).fill(1));
    const timedRuns = async (): Promise<readonly number[]> => {
      const run = await prepared.program.run([{ args: [a, a], runs: 3 }], { ...LIMITS, timeLimitMs: 20_000 });
      const outcome = run.outcomes[0];
      if (outcome?.status !== "OK" || !outcome.timedRunsMs) throw new Error("the benchmark solution did not pass");
      return outcome.timedRunsMs;
    };
    const freeMs: number[] = [];
    const stalledMs: number[] = [];
    for (let round = 0; round < rounds; round++) {
      freeMs.push(...(await timedRuns()));
      const stalls = setInterval(() => {
        const end = performance.now() + STALL_MS;
        while (performance.now() < end);
      }, 1);
      try {
        stalledMs.push(...(await timedRuns()));
      } finally {
        clearInterval(stalls);
      }
    }
    return { freeMs, stalledMs };
  } finally {
    await runtime.close();
  }
}

export async function runPythonBench(): Promise<void> {
  const figures = await measurePythonOverhead();
  const round = (ms: number) => ms.toFixed(2);
  console.log("python runtime:", JSON.stringify(figures.description));
  console.log(`  resolve (once: python3, numpy, libraries, bubblewrap probe)   ${round(figures.resolveMs)} ms`);
  console.log(`  zygote start (median of 5)                                     ${round(figures.zygoteStartMs)} ms`);
  console.log(
    `  submission: fork + limits + parse and check + load + one call + exit report (median of ${figures.runs})  ${round(figures.submissionMs)} ms`,
  );
  console.log(`    of which CPU in the child                                    ${round(figures.submissionCpuMs)} ms`);
  console.log(`  each further test in the same child                            ${round(figures.callMs)} ms`);
  const { freeMs, stalledMs } = await timedRunsUnderStall(3);
  const range = (values: number[]) => `${round(Math.min(...values))}–${round(Math.max(...values))} ms`;
  console.log(`  timed runs of a 30 ms call, event loop free                    ${range(freeMs)}`);
  console.log(`  the same, event loop busy ${STALL_MS} ms at a time           ${range(stalledMs)}`);
}
