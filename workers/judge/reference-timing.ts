// What a learner's performance-test time is divided by, and when the quotient is worth showing.
//
// The bar is the runtime's own reference program (Runtime.referenceSource) run through the same runtime,
// on the same tests with the same runs, interleaved with the learners' jobs: refreshed by a job of its own
// right after a grading once the newest timing is older than REFRESH_MS, and taken as the median of the
// timings of the last REFERENCE_WINDOW_MS. Calibrated once per grader and problem instead, the reference's own code
// scored 1.24 (25 submissions/s) to 2.0 (50/s) on a busy machine: the bar was set in other conditions.
//
// A ratio is reported only when both sides are stable (perfNote says why not): the learner's fastest run
// of each performance test is reproduced by its second fastest, and the reference's recent timings agree.
import type { ProblemTests } from "../../src/kernels/problem-tests.ts";
import type { AnyKernelSpec } from "../../src/kernels/types.ts";
import type {
  Language,
  OutcomeFrame,
  Program,
  RunLimits,
  Runtime,
  RuntimeTest,
  SourceCode,
} from "../runtimes/runtime.ts";
import { MIN_TIMED_MS, spreadOf, TIMED_RUNS } from "../sandbox/timed-runs.ts";

/**
 * A warm-up run, then up to nine timed ones. The executor optimises on the isolate's own thread, so after the
 * sample and hidden tests a 64³ matmul runs at its steady 0.36 ms from the 3rd run on; but on a busy
 * machine one run in several is preempted (1–9 ms). With 3 runs the fastest was often mid-tier-up; with
 * 6 the two fastest still differed by more than SPREAD_LIMIT for 162 of 657 accepted bench submissions.
 * The executor stops as soon as the fastest is reproduced, so a quiet machine pays for 4 runs, not 10.
 */
export const PERFORMANCE_RUNS = 10;

/** How often a grader re-times a problem's reference while it grades that problem. */
const REFRESH_MS = 1000;
/**
 * Reference timings older than this are forgotten: the bar follows the machine's load. A VM's speed moves in
 * spells of about a second (the same grading of the reference read 8.5–11 ms a timed run for a few gradings,
 * then 13–17). Over 10 s the recent timings disagreed by more than REFERENCE_SPREAD_LIMIT for 158 of 558
 * accepted TypeScript bench submissions, whose ratio was withheld as "the grader is busy"; over 3 s, 57 of 558,
 * and the ratios shown were no wider (the reference's own code: p10–p90 0.8–1.7 against 0.8–1.8). Back to back
 * in a noisier sitting: 407 of 540 withheld over 10 s, 104 of 558 over 3 s (p10–p90 0.8–1.9 both).
 */
export const REFERENCE_WINDOW_MS = 3_000;
/** How much slower than the fastest the second-fastest timed run may be for the fastest to count. */
const SPREAD_LIMIT = TIMED_RUNS.usableSpread;
/** How much the reference's recent timings (median over fastest) may disagree for the bar to count. */
const REFERENCE_SPREAD_LIMIT = 1.5;

/**
 * How the tests at `indices` of `problem` (default: all) are run for grading: performance tests several times
 * (the fastest timed run counts), each run on inputs of its own (ProblemTests.runOf).
 */
export function runtimeTests(
  problem: ProblemTests,
  indices: readonly number[] = problem.tests.map((_, index) => index),
): RuntimeTest[] {
  return indices.map((index) => {
    const test = problem.tests[index];
    if (test.kind !== "performance") return { args: test.args, runs: 1 };
    return { args: test.args, runs: PERFORMANCE_RUNS, argsOfRun: (run) => problem.runOf(index, run).args };
  });
}

/** A perf ratio, or why there is none (a sentence the API shows as the submission's perfNote). */
export type PerfMeasurement = { perfRatio: number; perfNote: null } | { perfRatio: null; perfNote: string };

/** One learner performance test: its index among the problem's tests and how it ran (status OK). */
export type TimedTest = { index: number; outcome: Extract<OutcomeFrame, { status: "OK" }> };

type ReferenceTiming = { at: number; msByTest: Map<number, number> };
type ReferenceClock = { timings: ReferenceTiming[]; refreshing: Promise<void> | null; failure: string | null };

const programs = new WeakMap<Runtime, Map<string, Promise<Program | string>>>();
/** Per runtime, problem's tests and reference program (a runtime may have one per language it serves). */
const clocks = new WeakMap<Runtime, WeakMap<ProblemTests, Map<string, ReferenceClock>>>();

function programKey(source: SourceCode, functionName: string): string {
  return `${source.language}\u0000${functionName}\u0000${source.code}`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function geometricMean(values: readonly number[]): number {
  return Math.exp(values.reduce((sum, value) => sum + Math.log(value), 0) / values.length);
}

/** The runtime's reference program `source`, prepared once per runtime (a failure is retried next time). */
function referenceProgram(kernel: AnyKernelSpec, source: SourceCode, runtime: Runtime): Promise<Program | string> {
  let byCode = programs.get(runtime);
  if (!byCode) {
    byCode = new Map();
    programs.set(runtime, byCode);
  }
  const key = programKey(source, kernel.functionName);
  let program = byCode.get(key);
  if (!program) {
    const cache = byCode;
    program = runtime
      .prepare(source, { functionName: kernel.functionName, kernelId: kernel.id }, { warnings: false })
      .then((prepared) => (prepared.ok ? prepared.program : `the reference solution does not compile here`));
    program.then(
      (ready) => typeof ready === "string" && cache.delete(key),
      () => cache.delete(key),
    );
    cache.set(key, program);
  }
  return program;
}

/** Times the reference on all of `problem`'s tests, as a grading runs them; a timing or why there is none. */
async function timeReference(
  kernel: AnyKernelSpec,
  source: SourceCode,
  problem: ProblemTests,
  runtime: Runtime,
  limits: RunLimits,
): Promise<ReferenceTiming | string> {
  const program = await referenceProgram(kernel, source, runtime);
  if (typeof program === "string") return program;
  const run = await program.run(runtimeTests(problem), limits);
  if (run.setup.status !== "OK" || run.outcomes.length !== problem.tests.length)
    return "the reference solution did not run here";
  const msByTest = new Map<number, number>();
  for (const [index, outcome] of run.outcomes.entries()) {
    if (problem.tests[index].kind !== "performance") continue;
    if (outcome.status !== "OK") return `the reference solution failed a performance test (${outcome.status})`;
    const spread = spreadOf(outcome.timedRunsMs);
    if (spread === null || spread > SPREAD_LIMIT) return "the reference solution's own runs varied too much";
    msByTest.set(index, Math.max(outcome.runtimeMs, MIN_TIMED_MS));
  }
  return { at: Date.now(), msByTest };
}

function clockFor(runtime: Runtime, problem: ProblemTests, key: string): ReferenceClock {
  let byProblem = clocks.get(runtime);
  if (!byProblem) {
    byProblem = new WeakMap();
    clocks.set(runtime, byProblem);
  }
  let byProgram = byProblem.get(problem);
  if (!byProgram) {
    byProgram = new Map();
    byProblem.set(problem, byProgram);
  }
  let clock = byProgram.get(key);
  if (!clock) {
    clock = { timings: [], refreshing: null, failure: null };
    byProgram.set(key, clock);
  }
  return clock;
}

/** Re-times the reference when its newest timing is older than REFRESH_MS (one refresh at a time). */
async function refresh(
  clock: ReferenceClock,
  kernel: AnyKernelSpec,
  source: SourceCode,
  problem: ProblemTests,
  runtime: Runtime,
  limits: RunLimits,
): Promise<void> {
  const newest = clock.timings.at(-1);
  if (newest && Date.now() - newest.at < REFRESH_MS) return;
  clock.refreshing ??= timeReference(kernel, source, problem, runtime, limits)
    .catch((error: unknown) => `the reference solution could not be timed: ${(error as Error).message}`)
    .then((timing) => {
      if (typeof timing === "string") clock.failure = timing;
      else {
        clock.failure = null;
        clock.timings = [...clock.timings.filter((kept) => timing.at - kept.at < REFERENCE_WINDOW_MS), timing];
      }
    })
    .finally(() => {
      clock.refreshing = null;
    });
  await clock.refreshing;
}

/**
 * The perf ratio of a learner's performance tests in `language` (geometric mean of learner / reference
 * time per test), or null and the reason: no reference here, a learner's or the reference's timing not
 * reproducible.
 */
export async function measurePerfRatio(
  kernel: AnyKernelSpec,
  language: Language,
  problem: ProblemTests,
  runtime: Runtime,
  limits: RunLimits,
  learner: readonly TimedTest[],
): Promise<PerfMeasurement> {
  for (const [ordinal, { outcome }] of learner.entries()) {
    const spread = spreadOf(outcome.timedRunsMs);
    if (spread === null) return { perfRatio: null, perfNote: "this runtime does not report each timed run" };
    // Each timed run's answer was checked by the judge (grade.ts); a time whose answer was not is no time.
    if (outcome.timedRunValues?.length !== outcome.timedRunsMs?.length)
      return { perfRatio: null, perfNote: "this runtime does not report each timed run's answer" };
    if (spread > SPREAD_LIMIT) {
      return {
        perfRatio: null,
        perfNote: `not stable enough to compare: on performance test ${ordinal + 1} the two fastest runs differed by ${Math.round((spread - 1) * 100)}%`,
      };
    }
  }
  const source = runtime.referenceSource(kernel, language);
  if (!source) return { perfRatio: null, perfNote: `no reference solution in ${language} to compare with` };
  const clock = clockFor(runtime, problem, programKey(source, kernel.functionName));
  await refresh(clock, kernel, source, problem, runtime, limits);
  const recent = clock.timings.filter((timing) => Date.now() - timing.at < REFERENCE_WINDOW_MS);
  if (recent.length === 0)
    return { perfRatio: null, perfNote: clock.failure ?? "the reference solution was not timed" };
  const ratios: number[] = [];
  for (const { index, outcome } of learner) {
    const timings = recent.map((timing) => timing.msByTest.get(index) ?? Number.NaN);
    const bar = median(timings);
    const disagreement = bar / Math.min(...timings);
    if (!(disagreement <= REFERENCE_SPREAD_LIMIT)) {
      return {
        perfRatio: null,
        perfNote: `not stable enough to compare: the grader is busy (the reference's recent timings differ by ${Math.round((disagreement - 1) * 100)}%)`,
      };
    }
    ratios.push(Math.max(outcome.runtimeMs / bar, 1e-6));
  }
  return { perfRatio: geometricMean(ratios), perfNote: null };
}
