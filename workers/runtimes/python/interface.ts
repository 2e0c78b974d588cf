// The Python runtime's public surface. It mirrors the language-runtime interface the judge is getting
// (prepare → Program.run with one outcome frame per test → describe → close), with what Python adds: the
// problem's forbidden names and argument kinds, and the learner's printed output on sample tests.

import type { PythonAdapter } from "../../../src/kernels/python/adapter.ts";
import type { ArgKind } from "../../../src/kernels/python/arg-kinds.ts";
import type { PrintedOutput } from "../../sandbox/printed-output.ts";

/** Where a compile step stopped. line and column are 1-based; null when the error has no position. */
export type CompileError = { message: string; line: number | null; column: number | null };

export type PythonSource = { code: string; language: "PYTHON" };

/** What the runtime needs to know of the problem. */
export type PythonProblem = {
  /** The function the learner's module must define. */
  functionName: string;
  /** Names the learner may not use (e.g. matmul, dot, einsum, linalg): refused in the source and absent from numpy. */
  forbiddenNames?: readonly string[];
  /** How each argument reaches the learner (see arg-kinds.ts); omitted: every argument as decoded JSON. */
  argKinds?: readonly ArgKind[];
  /** Kernel form ⇄ Python form (adapter.ts); omitted: arguments as given, results as nested plain data. */
  adapter?: PythonAdapter;
};

/** Per-test limits; `captureOutput` keeps what the learner prints (sample tests only). */
export type RunLimits = { timeLimitMs: number; memoryLimitMb: number; captureOutput?: boolean };

/**
 * One test: the kernel's arguments (the problem's adapter turns them into the Python form), its runs, and
 * optionally a cap on its result as JSON (the judge derives it from the expected output), applied in the child.
 */
export type RuntimeTest = { args: readonly unknown[]; runs?: number; maxResultBytes?: number };

export type FailureStatus = "TIME_LIMIT_EXCEEDED" | "MEMORY_LIMIT_EXCEEDED" | "RUNTIME_ERROR";

export type { PrintedOutput };

/**
 * How one test ended, as seen from the trusted side. `origin` says who wrote `message`: "sandbox" for the
 * runtime's own words (limits, crashes; no test data), "learner" for text the learner's code produced. It is
 * set from where the outcome came from (a deadline, an exit status, a frame kind), never from any text.
 * `runtimeMs`: measured by the trusted side, from writing a run's input to reading its answer: with one run,
 * that run; with several (performance tests), the fastest run after the first.
 * `timedRunsMs`: every timed run of a performance test, as measured by the trusted side (the judge reports a
 * perf ratio only when the fastest is reproduced).
 */
export type OutcomeFrame =
  | { status: "OK"; value: unknown; runtimeMs: number; timedRunsMs?: number[]; output?: PrintedOutput }
  | {
      status: FailureStatus;
      message: string;
      origin: "sandbox" | "learner";
      runtimeMs?: number;
      output?: PrintedOutput;
    };

export type FailureFrame = Extract<OutcomeFrame, { status: FailureStatus }>;

/** Called with each test's outcome as it arrives, in order. Returning false stops the run. */
export type OnOutcome = (index: number, outcome: OutcomeFrame) => boolean;

export type ProgramRun = {
  /** Loading the learner's module; when it failed no test ran and `outcomes` is empty. */
  setup: { status: "OK" } | FailureFrame;
  outcomes: OutcomeFrame[];
  /** Children forked for this run (1, plus one after each test that ended its child while the run went on). */
  children: number;
  /** CPU time of those children and the largest peak resident set among them, measured outside the child. */
  cpuMs: number;
  peakMemoryMb: number;
};

export type Program = {
  /** Runs `tests` in order in a fresh child. Throws InfrastructureError when the runtime itself failed. */
  run(tests: readonly RuntimeTest[], limits: RunLimits, onOutcome?: OnOutcome): Promise<ProgramRun>;
  /** Python has no checks that outlast prepare. */
  lateWarnings(): Promise<string[]>;
};

export type Prepared =
  | { ok: true; program: Program; warnings: string[] }
  | { ok: false; error: CompileError; warnings: string[] };
