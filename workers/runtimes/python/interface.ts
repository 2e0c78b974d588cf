// The Python runtime's public surface: the runtime contract (../runtime.ts: prepare → Program.run with one outcome
// frame per test), with what Python adds: the problem's forbidden names, argument kinds and adapter, and what a
// run measures outside the child (children forked, CPU time, peak memory). The judge sees it through
// judge-runtime.ts, which implements the contract's Runtime.

import type { PythonAdapter } from "../../../src/kernels/python/adapter.ts";
import type { ArgKind } from "../../../src/kernels/python/arg-kinds.ts";
import type { PrintedOutput } from "../../sandbox/printed-output.ts";
import type {
  CompileError,
  CompileFailure,
  ProgramRun as ContractProgramRun,
  FailureFrame,
  FailureStatus,
  OnOutcome,
  OutcomeFrame,
  RunLimits,
  RuntimeTest,
} from "../runtime.ts";

export type {
  CompileError,
  CompileFailure,
  FailureFrame,
  FailureStatus,
  OnOutcome,
  OutcomeFrame,
  PrintedOutput,
  RunLimits,
  RuntimeTest,
};

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

/** A run as the contract reports it, with what the Python runtime measures besides. */
export type ProgramRun = ContractProgramRun & {
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
