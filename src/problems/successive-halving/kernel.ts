import { compareValues } from "../../kernels/compare.ts";
import { requireInteger, requireMatrix } from "../../kernels/guards.ts";
import { round2 } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";

type Args = [scores: number[][], eta: number];
export type HalvingResult = { rungs: number[][]; winner: number };

/** Sorts configurations best first: higher score wins, equal scores go to the lower index. */
function rankAt(configs: number[], scores: number[][], rung: number): number[] {
  return [...configs].sort((a, b) => scores[b][rung] - scores[a][rung] || a - b);
}

/**
 * Successive halving over a precomputed score table: scores[c][r] is configuration c's validation score
 * (higher is better) after training with rung r's budget. Every configuration runs at rung 0; after each
 * rung, the best max(1, ⌊m/eta⌋) of the m configurations that ran are promoted to the next rung. The
 * winner is the best configuration of the last rung. rungs[r] lists who ran at rung r, ascending.
 */
function successiveHalving(scores: number[][], eta: number): HalvingResult {
  const numRungs = requireMatrix(scores, "scores");
  requireInteger(eta, "eta", 2);
  let alive = scores.map((_, c) => c);
  const rungs: number[][] = [];
  for (let rung = 0; rung < numRungs; rung++) {
    rungs.push([...alive].sort((a, b) => a - b));
    if (rung === numRungs - 1) break;
    alive = rankAt(alive, scores, rung).slice(0, Math.max(1, Math.floor(alive.length / eta)));
  }
  return { rungs, winner: rankAt(alive, scores, numRungs - 1)[0] };
}

export const successiveHalvingKernel: KernelSpec<Args, HalvingResult> = {
  id: "successive-halving",
  functionName: "successiveHalving",
  signature: "function successiveHalving(scores: number[][], eta: number): { rungs: number[][]; winner: number }",
  tolerance: { atol: 0, rtol: 0 },
  testCounts: { sample: 2, hidden: 9, performance: 0 },
  reference: successiveHalving,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) {
        return [
          [
            [0.6, 0.7, 0.75],
            [0.5, 0.65, 0.8],
            [0.7, 0.72, 0.73],
            [0.4, 0.6, 0.9],
          ],
          2,
        ];
      }
      return [rng.matrix(9, 3, 0, 1).map((row) => row.map(round2)), 3];
    }
    switch (index) {
      case 0:
        return [[[0.5]], 2]; // one configuration, one rung
      case 1:
        return [[[0.3, 0.9, 0.1]], 3]; // one configuration keeps running
      case 2:
        return [[[1], [1], [1]], 2]; // one rung: best by score, ties to the lower index
      case 3:
        return [Array.from({ length: 8 }, () => [0.5, 0.5, 0.5, 0.5]), 2]; // all tied
      case 4:
        // the ranking changes between rungs: the best at rung 0 loses at rung 1
        return [
          [
            [0.9, 0.3, 0.3],
            [0.8, 0.9, 0.5],
            [0.1, 0.2, 0.3],
            [0.2, 0.3, 0.9],
            [0.7, 0.6, 0.95],
            [0.6, 0.1, 0.1],
          ],
          2,
        ];
      default: {
        const configs = rng.int(2, 40);
        const numRungs = rng.int(1, 5);
        // Scores on a coarse grid so ties happen; learning curves rise with budget.
        const table = Array.from({ length: configs }, () => {
          const quality = rng.float(0, 0.5);
          return Array.from(
            { length: numRungs },
            (_, r) => Math.round((quality + 0.1 * r + rng.float(0, 0.1)) * 20) / 20,
          );
        });
        return [table, rng.int(2, 4)];
      }
    }
  },
  check(got, want, tolerance) {
    return compareValues(got, want, { ...tolerance, exact: true });
  },
  starterCode: `function successiveHalving(scores: number[][], eta: number): { rungs: number[][]; winner: number } {
  // scores[c][r]: score of configuration c at rung r (higher is better). All configurations run at rung 0;
  // after each rung keep the best max(1, floor(m / eta)) of the m that ran (ties: lower index first).
  // rungs[r] lists who ran at rung r in ascending order; winner is the best at the last rung.
  return { rungs: [], winner: 0 };
}
`,
  solutionCode: `function successiveHalving(scores: number[][], eta: number): { rungs: number[][]; winner: number } {
  const R = scores[0].length;
  let pool = scores.map((_, c) => c);
  const rungs: number[][] = [];
  const better = (r: number) => (a: number, b: number) =>
    scores[a][r] !== scores[b][r] ? scores[b][r] - scores[a][r] : a - b;
  let r = 0;
  while (true) {
    rungs.push(pool.slice().sort((a, b) => a - b));
    pool.sort(better(r));
    if (r === R - 1) return { rungs, winner: pool[0] };
    pool = pool.slice(0, Math.max(1, Math.floor(pool.length / eta)));
    r++;
  }
}
`,
};
