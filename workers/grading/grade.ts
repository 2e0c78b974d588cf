// The pure grading function used by the grader worker: transpile, run every test in the executor pool,
// compare with the reference kernel on the trusted side, and summarise. No database, no queue.
import { checkResult } from "../../src/kernels/suite.ts";
import type { AnyKernelSpec, CheckResult, TestCase, TestCounts, TestKind } from "../../src/kernels/types.ts";
import type { CallOutcome, ExecutorPool } from "../sandbox/pool.ts";
import { type CompileError, type SourceLanguage, transpile } from "../sandbox/transpile.ts";
import { preview } from "./preview.ts";
import { PERFORMANCE_RUNS } from "./reference-timing.ts";
import { type TestPlan, testPlan } from "./test-plan.ts";
import type { TypeChecker } from "./type-check.ts";

export { InfrastructureError } from "../sandbox/pool.ts";

export type Verdict =
  | "ACCEPTED"
  | "WRONG_ANSWER"
  | "TIME_LIMIT_EXCEEDED"
  | "MEMORY_LIMIT_EXCEEDED"
  | "RUNTIME_ERROR"
  | "COMPILE_ERROR"
  | "INTERNAL_ERROR";

export type TestStatus =
  | "PASSED"
  | "FAILED"
  | "SKIPPED"
  | "TIME_LIMIT_EXCEEDED"
  | "MEMORY_LIMIT_EXCEEDED"
  | "RUNTIME_ERROR";

/** input/expected/got are present on sample tests only (JSON-safe, long values cut to a preview string). */
export type TestResult = {
  name: string;
  kind: TestKind;
  status: TestStatus;
  message?: string;
  runtimeMs?: number;
  input?: unknown;
  expected?: unknown;
  got?: unknown;
};

export type GradeResult = {
  verdict: Verdict;
  tests: TestResult[];
  /** Total learner runtime over the tests that ran; null when none ran. */
  runtimeMs: number | null;
  /** Geometric mean over performance tests of learner / reference runtime; null unless accepted in FULL mode. */
  perfRatio: number | null;
  /** The most memory the isolate held after any test (see CallOutcome); null when none ran. */
  memoryMb: number | null;
  compileError: CompileError | null;
  warnings: string[];
};

export type GradeInput = {
  code: string;
  language: SourceLanguage;
  kernel: AnyKernelSpec;
  seed: number;
  /** The deployment's secret, from which hidden and performance tests are generated (with the seed). */
  hiddenTestSecret: string;
  mode: "FULL" | "SAMPLES";
  /** Limit of each call of the learner's function. */
  timeLimitMs: number;
  memoryLimitMb: number;
  /** Overrides the kernel's test counts (tests and benchmarks). */
  testCounts?: TestCounts;
};

const ERROR_NAMES = new Set([
  "Error",
  "TypeError",
  "RangeError",
  "ReferenceError",
  "SyntaxError",
  "EvalError",
  "URIError",
  "AggregateError",
]);
// Messages the sandbox itself writes; they carry no test data.
const SANDBOX_MESSAGE =
  /^(time limit|memory limit|output too large|the result (contains|is nested)|the executor process|the function did not finish)/;

function validate(input: GradeInput): void {
  if (!Number.isFinite(input.timeLimitMs) || input.timeLimitMs <= 0)
    throw new TypeError("timeLimitMs must be a positive number");
  if (!Number.isInteger(input.memoryLimitMb) || input.memoryLimitMb < 8)
    throw new TypeError("memoryLimitMb must be an integer ≥ 8");
  if (!Number.isInteger(input.seed)) throw new TypeError("seed must be an integer");
  if (!input.hiddenTestSecret) throw new TypeError("hiddenTestSecret must not be empty");
  if (input.mode !== "FULL" && input.mode !== "SAMPLES") throw new TypeError(`unknown mode ${String(input.mode)}`);
}

/**
 * A learner can throw anything, including hidden inputs: on hidden and performance tests only the sandbox's
 * own messages and the name of a built-in error class get through.
 */
function visibleMessage(test: TestCase, message: string): string {
  if (test.kind === "sample" || SANDBOX_MESSAGE.test(message)) return message;
  const name = /^([A-Za-z]+):/.exec(message)?.[1];
  return name && ERROR_NAMES.has(name) ? `${name} on a hidden test` : "runtime error on a hidden test";
}

function verdictOf(status: TestStatus): Verdict {
  return status === "FAILED" ? "WRONG_ANSWER" : (status as Verdict);
}

function geometricMean(values: number[]): number {
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}

/**
 * Grades one submission. Returns a final verdict, or throws InfrastructureError when the executor pool
 * could not run the job (the caller should retry and record INTERNAL_ERROR only when retries are spent).
 * A fault of the trusted side that a retry cannot fix (a reference or checker that throws) is returned as
 * INTERNAL_ERROR. With a type checker, TypeScript's type errors are added to the warnings (never a verdict).
 */
export async function gradeSubmission(
  input: GradeInput,
  pool: ExecutorPool,
  typeChecker?: Pick<TypeChecker, "check">,
): Promise<GradeResult> {
  validate(input);
  const compiled = await transpile(input.code, input.language);
  if (!compiled.ok) {
    return {
      verdict: "COMPILE_ERROR",
      tests: [],
      runtimeMs: null,
      perfRatio: null,
      memoryMb: null,
      compileError: compiled.error,
      warnings: compiled.warnings,
    };
  }
  // Checked while the tests run (a check never rejects: one that cannot finish is a warning itself). Once
  // nothing else is left to wait for, the check is expedited (it runs at low priority until then).
  const typeCheck = typeChecker && input.language === "TYPESCRIPT" ? typeChecker.check(input.code) : null;
  const typeWarnings = (): Promise<string[]> => {
    typeCheck?.expedite();
    return typeCheck ?? Promise.resolve([]);
  };
  const { kernel } = input;
  const internalError = async (message: string): Promise<GradeResult> => ({
    verdict: "INTERNAL_ERROR",
    tests: [],
    runtimeMs: null,
    perfRatio: null,
    memoryMb: null,
    compileError: null,
    warnings: [...compiled.warnings, ...(await typeWarnings()), message],
  });

  // Expected outputs come from the trusted reference before any input is sent to the learner's code.
  let plan: TestPlan;
  try {
    plan = testPlan(kernel, input.seed, input.testCounts ?? kernel.testCounts, input.hiddenTestSecret);
  } catch (error) {
    return internalError(`reference kernel ${kernel.id} failed: ${(error as Error).message}`);
  }
  const selected = plan.tests.flatMap((test, index) =>
    input.mode === "FULL" || test.kind === "sample" ? [index] : [],
  );
  const tests = selected.map((index) => plan.tests[index]);
  const expected = selected.map((index) => plan.expected[index]);

  const checks: CheckResult[] = [];
  let checkerFault: string | null = null;
  const passes = (index: number, outcome: CallOutcome): boolean => {
    if (outcome.status !== "OK") return false;
    try {
      checks[index] = checkResult(kernel, outcome.value, expected[index]);
    } catch (error) {
      checkerFault = `checker of ${kernel.id} failed: ${(error as Error).message}`;
      return false;
    }
    return checks[index].ok;
  };
  const run = await pool.run({
    script: compiled.script,
    functionName: kernel.functionName,
    memoryLimitMb: input.memoryLimitMb,
    timeLimitMs: input.timeLimitMs,
    tests: tests.map((test) => test.args),
    runsPerTest: tests.map((test) => (test.kind === "performance" ? PERFORMANCE_RUNS : 1)),
    shouldContinue: (index, outcome) => passes(index, outcome) || input.mode === "SAMPLES",
  });
  if (checkerFault) return internalError(checkerFault);

  const results: TestResult[] = tests.map((test, index) => {
    const result: TestResult = { name: test.name, kind: test.kind, status: "SKIPPED" };
    if (test.kind === "sample") {
      result.input = preview(test.args);
      result.expected = preview(expected[index]);
    }
    if (run.setup.status !== "OK") {
      if (index === 0) Object.assign(result, { status: run.setup.status, message: run.setup.message });
      return result;
    }
    const outcome = run.outcomes[index];
    if (!outcome) return result;
    if (outcome.runtimeMs !== undefined) result.runtimeMs = outcome.runtimeMs;
    if (outcome.status !== "OK") {
      result.status = outcome.status;
      result.message = visibleMessage(test, outcome.message);
      return result;
    }
    if (test.kind === "sample") result.got = preview(outcome.value);
    const check = checks[index];
    if (check.ok) result.status = "PASSED";
    else {
      result.status = "FAILED";
      result.message = test.kind === "sample" ? check.message : "wrong answer on a hidden test";
    }
    return result;
  });

  const firstFailure = results.find((result) => result.status !== "PASSED" && result.status !== "SKIPPED");
  const verdict: Verdict = firstFailure ? verdictOf(firstFailure.status) : "ACCEPTED";
  const timed = results.filter((result) => result.runtimeMs !== undefined);
  const runtimeMs = timed.length > 0 ? timed.reduce((sum, result) => sum + (result.runtimeMs ?? 0), 0) : null;

  let perfRatio: number | null = null;
  const performance = tests.flatMap((test, index) => (test.kind === "performance" ? [index] : []));
  if (verdict === "ACCEPTED" && input.mode === "FULL" && performance.length > 0) {
    const limits = { timeLimitMs: input.timeLimitMs, memoryLimitMb: input.memoryLimitMb };
    const sandboxed = await plan.sandboxReferenceMs(pool, limits);
    const referenceMs = (planIndex: number) => sandboxed?.get(planIndex) ?? plan.referenceMs(planIndex);
    const ratios = performance.map((index) => (results[index].runtimeMs ?? 0) / referenceMs(selected[index]));
    perfRatio = geometricMean(ratios.map((ratio) => Math.max(ratio, 1e-6)));
  }
  const memories = run.outcomes.flatMap((outcome) => (outcome.memoryMb === undefined ? [] : [outcome.memoryMb]));
  const memoryMb = memories.length > 0 ? Math.max(...memories) : null;
  const warnings = [...compiled.warnings, ...(await typeWarnings())];
  return { verdict, tests: results, runtimeMs, perfRatio, memoryMb, compileError: null, warnings };
}
