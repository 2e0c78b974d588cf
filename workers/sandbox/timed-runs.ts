// When a repeated (performance) test has been timed enough: one rule for every runtime. A performance test
// runs up to `runs` times (reference-timing.ts: a warm-up, then timed runs); the fastest timed run is its time,
// and the judge reports a perf ratio only when the second fastest is within `usableSpread` of it. The executor
// process imports this file inside its sandbox, so it imports nothing.

export const TIMED_RUNS = {
  /** Timed runs before the fastest may count as reproduced, so a plateau before optimisation is not taken as steady. */
  minForSteady: 3,
  /**
   * The fastest counts as reproduced when the second fastest is within this factor. On an idle machine a 64³
   * matmul is steady after 3 timed runs (0.38, 0.53, 0.39 ms); on a busy one, where one run in several is
   * preempted, it goes on up to `runs`. Always running all 10 cost 17–25 % of grading throughput.
   */
  steadySpread: 1.1,
  /**
   * Once the timed runs add up to this many milliseconds, two of them are enough, when the judge can use them
   * (within `usableSpread`; on a busy machine more runs may find two that agree). Without it a long test ran
   * its 10 runs whenever the machine was busy: matmul's 256³ test (9 ms a run in TypeScript, 30 ms in numpy
   * without BLAS) spent 125 and 306 ms of CPU per submission, 90 % and 77 % of all grading, measured with
   * other work on both cores, where its CPU time per run still varied 7–16 ms (shared caches and cores).
   */
  budgetMs: 20,
  /** How much slower than the fastest the second fastest may be for the fastest to count (the judge's bar). */
  usableSpread: 1.5,
} as const;

/** Second fastest over fastest of the timed runs (1 when they agree); null when fewer than two were timed. */
export function spreadOf(timedMs: readonly number[] | undefined): number | null {
  if (!timedMs || timedMs.length < 2) return null;
  const [fastest, second] = [...timedMs].sort((a, b) => a - b);
  return second / Math.max(fastest, MIN_TIMED_MS);
}

/** Below this a timer's resolution dominates; spreads and ratios against it would be noise. */
export const MIN_TIMED_MS = 0.001;

/** The budget is spent and the runs so far are usable by the judge (on a busy machine, more runs may be). */
function budgetSpent(timedMs: readonly number[]): boolean {
  const spread = spreadOf(timedMs);
  const spent = timedMs.reduce((sum, ms) => sum + ms, 0) >= TIMED_RUNS.budgetMs;
  return spread !== null && spent && spread <= TIMED_RUNS.usableSpread;
}

/** Whether `timedMs` (the timed runs so far, warm-up excluded) are enough: fastest reproduced, or budget spent. */
export function timedEnough(timedMs: readonly number[]): boolean {
  if (budgetSpent(timedMs)) return true;
  if (timedMs.length < TIMED_RUNS.minForSteady) return false;
  const [fastest, second] = [...timedMs].sort((a, b) => a - b);
  return second <= fastest * TIMED_RUNS.steadySpread;
}
