// The judge: code + problem → result. Prepares the code with the runtime of its language, runs every test
// there, compares with the reference kernel on the trusted side, and summarises. No database, no queue.

import {
  type GradeResult,
  internalErrorResult,
  type TestResult,
  type TestStatus,
  type Verdict,
} from "../../src/grading/result.ts";
import { type ProblemTests, problemTests } from "../../src/kernels/problem-tests.ts";
import { checkResult } from "../../src/kernels/suite.ts";
import type { AnyKernelSpec, CheckResult, TestCase, TestCounts, TestKind } from "../../src/kernels/types.ts";
import { hiddenTestStates } from "../../src/lib/hidden-test-secret.ts";
import { inSpan, SPAN } from "../../src/lib/tracing.ts";
import type { CompileError, FailureFrame, Language, OutcomeFrame, Runtime } from "../runtimes/runtime.ts";
import { preview } from "./preview.ts";
import { measurePerfRatio, runtimeTests } from "./reference-timing.ts";
import { resultBudgetBytes } from "./result-budget.ts";
import { storableResult } from "./storable.ts";

export type { GradeResult, TestResult, Verdict };

export type GradeInput = {
  code: string;
  language: Language;
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

function validate(input: GradeInput): void {
  if (!Number.isFinite(input.timeLimitMs) || input.timeLimitMs <= 0)
    throw new TypeError("timeLimitMs must be a positive number");
  if (!Number.isInteger(input.memoryLimitMb) || input.memoryLimitMb < 8)
    throw new TypeError("memoryLimitMb must be an integer ≥ 8");
  if (!Number.isInteger(input.seed)) throw new TypeError("seed must be an integer");
  if (!input.hiddenTestSecret) throw new TypeError("hiddenTestSecret must not be empty");
  if (input.mode !== "FULL" && input.mode !== "SAMPLES") throw new TypeError(`unknown mode ${String(input.mode)}`);
}

const FAILURE_KIND: Record<FailureFrame["status"], string> = {
  TIME_LIMIT_EXCEEDED: "time limit exceeded",
  MEMORY_LIMIT_EXCEEDED: "memory limit exceeded",
  RUNTIME_ERROR: "runtime error",
};

/**
 * A learner can throw anything, including hidden inputs: its own text (origin "learner", marked by the
 * runtime, never recognised by its words) is shown on sample tests only. On hidden and performance tests a
 * failure shows the kind of failure, or the runtime's own message (which carries no test data), and the
 * test's number: "runtime error on hidden test 3".
 */
function failureMessage(test: TestCase, ordinal: number, failure: FailureFrame): string {
  if (test.kind === "sample") return failure.message;
  const said = failure.origin === "sandbox" ? failure.message : FAILURE_KIND[failure.status];
  return `${said} on ${test.kind} test ${ordinal}`;
}

/**
 * A figure a learner sees about hidden and performance tests (the total runtime, the perf ratio), kept to two
 * significant digits and at least 0.1 (a positive figure never becomes 0). A learner controls how long their
 * code runs, so each figure is a channel out of the sandbox for what it read: this bounds it to fewer than
 * 460 values below 100 000 (under 9 bits) per figure per submission (docs/security.md).
 */
export function coarseFigure(value: number): number {
  if (!(value > 0)) return 0;
  if (value < 0.1) return 0.1;
  const step = 10 ** Math.max(Math.floor(Math.log10(value)) - 1, -1);
  return Number((Math.round(value / step) * step).toFixed(1));
}

function verdictOf(status: TestStatus): Verdict {
  return status === "FAILED" ? "WRONG_ANSWER" : (status as Verdict);
}

function compileErrorResult(error: CompileError, warnings: string[]): GradeResult {
  return {
    verdict: "COMPILE_ERROR",
    tests: [],
    runtimeMs: null,
    perfRatio: null,
    perfNote: null,
    memoryMb: null,
    compileError: error,
    warnings,
  };
}

/**
 * Grades one submission with `runtime` (the one for its language). Returns a final verdict, or throws
 * InfrastructureError when the runtime could not run it (the caller should retry and record INTERNAL_ERROR
 * only when retries are spent). A fault of the trusted side that a retry cannot fix (a reference or checker
 * that throws) is returned as INTERNAL_ERROR. The runtime's warnings (e.g. TypeScript's type errors) are
 * added to the result's, never a verdict.
 */
export async function gradeSubmission(input: GradeInput, runtime: Runtime): Promise<GradeResult> {
  // Learner text of any content (NUL, lone surrogates) must still be a verdict that can be written.
  return storableResult(await grade(input, runtime));
}

async function grade(input: GradeInput, runtime: Runtime): Promise<GradeResult> {
  validate(input);
  const { kernel } = input;
  const prepared = await runtime.prepare(
    { code: input.code, language: input.language },
    { functionName: kernel.functionName, kernelId: kernel.id },
  );
  if (!prepared.ok) return compileErrorResult(prepared.error, prepared.warnings);
  const { program } = prepared;
  const allWarnings = async (): Promise<string[]> => [...prepared.warnings, ...(await program.lateWarnings())];
  const internalError = async (message: string): Promise<GradeResult> =>
    internalErrorResult([...(await allWarnings()), message]);

  // Expected outputs come from the trusted reference before any input is sent to the learner's code.
  let problem: ProblemTests;
  try {
    problem = problemTests(
      kernel,
      input.seed,
      input.testCounts ?? kernel.testCounts,
      hiddenTestStates(input.hiddenTestSecret),
    );
  } catch (error) {
    return internalError(`reference kernel ${kernel.id} failed: ${(error as Error).message}`);
  }
  const selected = problem.tests.flatMap((test, index) =>
    input.mode === "FULL" || test.kind === "sample" ? [index] : [],
  );
  const tests = selected.map((index) => problem.tests[index]);
  const expected = selected.map((index) => problem.expected[index]);

  const checks: CheckResult[] = [];
  let checkerFault: string | null = null;
  // A repeated test passes when every run it reports answered its own inputs (the first run, then each timed one).
  const passes = (index: number, outcome: OutcomeFrame): boolean => {
    if (outcome.status !== "OK") return false;
    try {
      checks[index] = checkResult(kernel, outcome.value, expected[index]);
      for (const [timed, value] of (outcome.timedRunValues ?? []).entries()) {
        if (!checks[index].ok) break;
        checks[index] = checkResult(kernel, value, problem.runOf(selected[index], timed + 1).expected);
      }
    } catch (error) {
      checkerFault = `checker of ${kernel.id} failed: ${(error as Error).message}`;
      return false;
    }
    return checks[index].ok;
  };
  const limits = { timeLimitMs: input.timeLimitMs, memoryLimitMb: input.memoryLimitMb };
  // Each result is capped by what its expected output needs (applied inside the sandbox before it is sent).
  const capped = runtimeTests(problem, selected).map((test, index) => ({
    ...test,
    maxResultBytes: resultBudgetBytes(expected[index]),
  }));
  // Printed output is shown on sample tests only; a run is one program, so the rest is captured and dropped.
  const run = await inSpan(SPAN.runTests, { "dojo.language": input.language, "dojo.tests": capped.length }, () =>
    program.run(
      capped,
      { ...limits, captureOutput: tests.some((test) => test.kind === "sample") },
      (index, outcome) => passes(index, outcome) || input.mode === "SAMPLES",
    ),
  );
  if (checkerFault) return internalError(checkerFault);
  const { setup } = run;
  if (setup.status === "COMPILE_ERROR") return compileErrorResult(setup.error, await allWarnings());

  // The number of each test among the tests of its kind, from 1 (as in its name).
  const seen = new Map<TestKind, number>();
  const ordinals = tests.map((test) => {
    seen.set(test.kind, (seen.get(test.kind) ?? 0) + 1);
    return seen.get(test.kind) ?? 0;
  });
  const results: TestResult[] = tests.map((test, index) => {
    const result: TestResult = { name: test.name, kind: test.kind, status: "SKIPPED" };
    if (test.kind === "sample") {
      result.input = preview(runtime.presentArguments?.(kernel.id, test.args) ?? test.args);
      result.expected = preview(expected[index]);
    }
    if (setup.status !== "OK") {
      if (index === 0) {
        result.status = setup.status;
        result.message = failureMessage(test, ordinals[index], setup);
      }
      return result;
    }
    const outcome = run.outcomes[index];
    if (!outcome) return result;
    if (outcome.output && test.kind === "sample") result.output = outcome.output.text;
    // A hidden test's own runtime would let a solution spell out its inputs in busy-wait time.
    if (outcome.runtimeMs !== undefined && test.kind === "sample") result.runtimeMs = outcome.runtimeMs;
    if (outcome.status !== "OK") {
      result.status = outcome.status;
      result.message = failureMessage(test, ordinals[index], outcome);
      return result;
    }
    if (test.kind === "sample") result.got = preview(outcome.value);
    const check = checks[index];
    if (check.ok) result.status = "PASSED";
    else {
      result.status = "FAILED";
      result.message = test.kind === "sample" ? check.message : `wrong answer on ${test.kind} test ${ordinals[index]}`;
    }
    return result;
  });

  const firstFailure = results.find((result) => result.status !== "PASSED" && result.status !== "SKIPPED");
  const verdict: Verdict = firstFailure ? verdictOf(firstFailure.status) : "ACCEPTED";
  const runtimes = setup.status === "OK" ? run.outcomes.map((outcome) => outcome.runtimeMs) : [];
  const timed = runtimes.filter((ms) => ms !== undefined);
  const runtimeMs = timed.length > 0 ? coarseFigure(timed.reduce((sum, ms) => sum + ms, 0)) : null;

  let perf: Pick<GradeResult, "perfRatio" | "perfNote"> = { perfRatio: null, perfNote: null };
  const performance = run.outcomes.flatMap((outcome, index) =>
    tests[index].kind === "performance" && outcome.status === "OK" ? [{ index: selected[index], outcome }] : [],
  );
  if (verdict === "ACCEPTED" && input.mode === "FULL" && performance.length > 0) {
    perf = await inSpan(SPAN.referenceTiming, { "dojo.language": input.language, "dojo.kernel": kernel.id }, () =>
      measurePerfRatio(kernel, input.language, problem, runtime, limits, performance),
    );
    if (perf.perfRatio !== null) perf = { ...perf, perfRatio: coarseFigure(perf.perfRatio) };
  }
  const memories = run.outcomes.flatMap((outcome) => (outcome.memoryMb === undefined ? [] : [outcome.memoryMb]));
  const memoryMb = memories.length > 0 ? Math.max(...memories) : null;
  return {
    verdict,
    tests: results,
    runtimeMs,
    ...perf,
    memoryMb,
    compileError: null,
    warnings: await allWarnings(),
  };
}
