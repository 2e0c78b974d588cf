// What a language needs to be graded, behind one interface (a "runtime"). The judge (grade.ts) owns
// everything that does not depend on the language: the tests and their expected outputs (computed on the
// trusted side from the kernel suite), the comparison, the verdict, the performance ratio. A runtime only
// turns source code into something runnable and runs it on test arguments inside its sandbox.
//
// Life of one submission through a runtime:
//   const prepared = await runtime.prepare({ code, language }, { functionName });
//   if (!prepared.ok) → COMPILE_ERROR with prepared.error (line:col when known)
//   const run = await prepared.program.run(tests, limits, onOutcome);   // one outcome frame per test, in order
//   if (run.setup.status === "COMPILE_ERROR") → COMPILE_ERROR with run.setup.error (a runtime whose compiler
//                                                  runs in the sandbox, with the program: Python)
//   const warnings = [...prepared.warnings, ...(await prepared.program.lateWarnings())];
//
// The one runtime contract: each language family implements it in a folder of its own under workers/runtimes
// (isolate/: TypeScript and JavaScript in V8 isolates — runtime, transpile, type check; python/: CPython + numpy —
// zygote, child, harness), and every implementation passes the same conformance suite
// (test/runtimes/conformance.test.ts). The grader picks the runtime by the submission's language from a
// RuntimeRegistry (workers/judge/registry.ts), so a new language adds one folder and one entry in
// workers/grader/runtimes.ts; the grader, the queue and the verdict write do not change.
//
// Arguments reach a runtime in kernel form (numbers, arrays, Float64Array, plain objects); a runtime whose
// language has another idiom converts them on the way in and the result back to kernel form on the way out,
// so the judge compares like with like. A performance ratio divides the learner's time by the time of the
// runtime's own reference program for the problem (`referenceSource`: the kernel's TypeScript solution for
// the isolate runtime, the Python form's solution for the Python runtime), run through the same runtime in
// the same conditions (reference-timing.ts).
import type { Language } from "../../src/generated/prisma/enums.ts";
import type { CompileError } from "../../src/grading/result.ts";
import type { AnyKernelSpec } from "../../src/kernels/types.ts";
import type { PrintedOutput } from "../sandbox/printed-output.ts";

/** What a runtime throws when it, not the learner's code, failed (a retry may succeed): the queue retries the job. */
export { InfrastructureError } from "../sandbox/errors.ts";
export type { CompileError, Language };

/** The source as submitted. A runtime may serve several languages (the isolate runtime serves two). */
export type SourceCode = { code: string; language: Language };

/** What a runtime needs to know of the problem to prepare a program for it. */
export type ProblemInterface = {
  /** The function the learner must define, in the kernel's naming (a runtime may map it to its idiom). */
  functionName: string;
  /** The kernel the problem is graded against: a runtime finds its language's form of the problem by it. */
  kernelId: string;
};

/**
 * Per-test limits. Every call of the learner's function gets `timeLimitMs`; `memoryLimitMb` bounds the program.
 * `captureOutput` keeps what the learner prints, per test (the judge shows it on sample tests only).
 */
export type RunLimits = { timeLimitMs: number; memoryLimitMb: number; captureOutput?: boolean };

/** One test as the runtime receives it: the kernel-form arguments (the runtime adapts them if its language needs). */
export type RuntimeTest = {
  args: readonly unknown[];
  /**
   * Runs of this test (default 1). With more than one, the first warms the runtime up and `runtimeMs` is the
   * fastest of the others: used for performance tests, whose runtime is compared with the reference's. It is
   * the most: a runtime may stop once its fastest timed run is reproduced (the same rule for the learner's
   * program and the reference's).
   */
  runs?: number;
  /**
   * The arguments of run `run` (1 to runs − 1) of a repeated test; run 0 takes `args`. Every run gets inputs of
   * its own, handed to the program only when that run starts: on one set of inputs a program could compute the
   * answer on the untimed warm-up and return it from memory on every timed run. Without it every run takes `args`.
   */
  argsOfRun?: (run: number) => readonly unknown[];
  /**
   * Cap on the result as JSON, from the expected output (result-budget.ts), applied inside the sandbox when
   * the runtime can (Python); a larger result is a RUNTIME_ERROR. Omitted for trusted programs.
   */
  maxResultBytes?: number;
};

export type FailureStatus = "TIME_LIMIT_EXCEEDED" | "MEMORY_LIMIT_EXCEEDED" | "RUNTIME_ERROR";

/**
 * How one test ended, as seen from the trusted side. `memoryMb`: what the program held once the call
 * returned (inputs included), when the runtime can tell. `origin` says who wrote `message`: "sandbox" for
 * the runtime's own words (limits, crashes, unserialisable results; they carry no test data and may be
 * shown on hidden tests), "learner" for anything the learner's code produced (shown on sample tests only).
 * The runtime sets it from where the frame came from, never from what the message says. `timedRunsMs`:
 * the time of every timed run of a test run more than once (`runtimeMs` is the fastest), when the runtime
 * can tell; without it a perf ratio cannot be shown to be stable and is not reported. A repeated test's
 * `value` is what its first run (on `args`) returned and `timedRunValues` what each timed run returned (same
 * order as timedRunsMs, run r on `argsOfRun(r)`): the judge checks them all, so a timed run that returned
 * a wrong answer fast fails the test instead of setting its time.
 */
export type OutcomeFrame =
  | {
      status: "OK";
      value: unknown;
      runtimeMs: number;
      memoryMb?: number;
      timedRunsMs?: readonly number[];
      timedRunValues?: readonly unknown[];
      output?: PrintedOutput;
    }
  | {
      status: FailureStatus;
      message: string;
      origin: "sandbox" | "learner";
      runtimeMs?: number;
      memoryMb?: number;
      output?: PrintedOutput;
    };

export type FailureFrame = Extract<OutcomeFrame, { status: FailureStatus }>;

/**
 * Called with each test's frame as soon as it arrives, in test order. Returning false stops the run: the
 * remaining tests are not run and get no frame.
 */
export type OnOutcome = (index: number, outcome: OutcomeFrame) => boolean;

/**
 * A learner's compile error found when the program was first run rather than by `prepare`: a runtime whose
 * compiler can only run inside the sandbox (Python's parser) checks the source in the child that runs it, so a
 * submission forks one child, not two (the separate check cost 40 of the 88 ms of CPU a small Python
 * submission took, measured on a 2-core VM). The judge reports it as it reports prepare's.
 */
export type CompileFailure = { status: "COMPILE_ERROR"; error: CompileError };

export type ProgramRun = {
  /**
   * Loading the program (e.g. its top-level code); when it failed no test ran and `outcomes` is empty. A runtime
   * that compiles in the sandbox reports a compile error here (CompileFailure); every other failure is a frame.
   */
  setup: { status: "OK" } | FailureFrame | CompileFailure;
  /** One frame per test that ran, in order (the same frames `onOutcome` saw). */
  outcomes: OutcomeFrame[];
};

/** A prepared program: runnable any number of times (the judge runs a problem's reference through it too). */
export type Program = {
  /**
   * Runs `tests` in order in a fresh sandbox. Throws InfrastructureError when the runtime
   * itself failed and a retry may succeed; a fault of the learner's code is always a frame.
   */
  run(tests: readonly RuntimeTest[], limits: RunLimits, onOutcome?: OnOutcome): Promise<ProgramRun>;
  /**
   * Warnings that take longer than preparing (e.g. TypeScript's type errors, checked while the tests run).
   * Calling it says nothing else is left to wait for; it never rejects.
   */
  lateWarnings(): Promise<string[]>;
};

export type PrepareOptions = {
  /**
   * false skips checks whose only product is warnings (e.g. the type check): for trusted code such as a
   * kernel's own solution, timed to calibrate performance ratios. Default true.
   */
  warnings?: boolean;
};

export type Prepared =
  | { ok: true; program: Program; warnings: string[] }
  | { ok: false; error: CompileError; warnings: string[] };

export type Runtime = {
  /** The languages this runtime prepares. */
  readonly languages: readonly Language[];
  /**
   * Compiles / transpiles / checks `source` for `problem`. A learner's mistake is `{ ok: false }` with a
   * COMPILE_ERROR position (or, for a runtime that compiles in its sandbox, the first run's CompileFailure);
   * only a fault of the runtime throws.
   */
  prepare(source: SourceCode, problem: ProblemInterface, options?: PrepareOptions): Promise<Prepared>;
  /**
   * The trusted solution of `kernel` that a submission in `language` is compared with: the problem's
   * reference program for that language (prepared with `{ warnings: false }` and timed like a submission).
   * null when this runtime has none: such submissions get no perf ratio, and a note says why.
   */
  referenceSource(kernel: AnyKernelSpec, language: Language): SourceCode | null;
  /**
   * A test's kernel arguments as a learner of this runtime's language sees them (a sample's input), when
   * they differ from the kernel form; omitted: the kernel form is shown.
   */
  presentArguments?(kernelId: string, kernelArgs: readonly unknown[]): unknown[] | undefined;
  /** What the grader logs at start-up: the sandbox layers in force, versions, pool size. */
  describe(): Record<string, unknown>;
  /** Finishes the programs in flight, then releases processes and threads. */
  close(): Promise<void>;
};
