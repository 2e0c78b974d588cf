import { requireArray, requireFinite, requireInteger, requireMatrix } from "../../kernels/guards.ts";
import { round2 } from "../../kernels/numeric.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type SmotePick = { base: number; neighbour: number; gap: number };
type Args = [samples: number[][], k: number, picks: SmotePick[]];

/** Indices of the k nearest other samples to samples[base] by Euclidean distance, ties to the lower index. */
function nearestNeighbours(samples: number[][], base: number, k: number): number[] {
  const origin = samples[base];
  const candidates: { index: number; distance: number }[] = [];
  samples.forEach((point, index) => {
    if (index === base) return;
    let distance = 0;
    for (let j = 0; j < origin.length; j++) distance += (point[j] - origin[j]) ** 2;
    candidates.push({ index, distance });
  });
  candidates.sort((a, b) => a.distance - b.distance || a.index - b.index);
  return candidates.slice(0, k).map((candidate) => candidate.index);
}

/**
 * SMOTE oversampling with its randomness as input: synthetic sample p is
 * x_base + gap·(x_nn − x_base), where x_nn is the `neighbour`-th (0-based) of base's k nearest minority
 * neighbours (Euclidean, excluding base itself, equal distances ordered by lower index).
 */
function smote(samples: number[][], k: number, picks: SmotePick[]): number[][] {
  requireMatrix(samples, "samples");
  requireInteger(k, "k", 1, samples.length - 1);
  requireArray(picks, "picks");
  const neighbourCache = new Map<number, number[]>();
  return picks.map((pick, p) => {
    if (typeof pick !== "object" || pick === null) throw new KernelInputError(`picks[${p}] must be an object`);
    const base = requireInteger(pick.base, `picks[${p}].base`, 0, samples.length - 1);
    const rank = requireInteger(pick.neighbour, `picks[${p}].neighbour`, 0, k - 1);
    requireFinite(pick.gap, `picks[${p}].gap`);
    if (pick.gap < 0 || pick.gap > 1) throw new KernelInputError(`picks[${p}].gap must be in [0, 1], got ${pick.gap}`);
    let neighbours = neighbourCache.get(base);
    if (!neighbours) {
      neighbours = nearestNeighbours(samples, base, k);
      neighbourCache.set(base, neighbours);
    }
    const origin = samples[base];
    const target = samples[neighbours[rank]];
    return origin.map((value, j) => value + pick.gap * (target[j] - value));
  });
}

function randomPicks(count: number, samples: number, k: number, rng: Rng, round: boolean): SmotePick[] {
  return Array.from({ length: count }, () => {
    const gap = rng.unit();
    return { base: rng.int(0, samples - 1), neighbour: rng.int(0, k - 1), gap: round ? round2(gap) : gap };
  });
}

export const smoteKernel: KernelSpec<Args, number[][]> = {
  id: "smote",
  functionName: "smote",
  signature:
    "function smote(samples: number[][], k: number, picks: { base: number; neighbour: number; gap: number }[]): number[][]",
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: smote,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) {
        const samples = [
          [0, 0],
          [1, 0],
          [0, 2],
          [5, 5],
        ];
        return [
          samples,
          2,
          [
            { base: 0, neighbour: 0, gap: 0.5 },
            { base: 0, neighbour: 1, gap: 0.25 },
            { base: 3, neighbour: 0, gap: 0.1 },
          ],
        ];
      }
      const samples = rng.matrix(5, 3, 0, 10).map((row) => row.map(round2));
      return [samples, 3, randomPicks(4, 5, 3, rng, true)];
    }
    switch (index) {
      case 0:
        return [[[1], [3]], 1, [{ base: 1, neighbour: 0, gap: 1 }]]; // gap 1 lands on the neighbour
      case 1:
        // Equal distances and a duplicate point: ties go to the lower index, a duplicate is a neighbour.
        return [
          [
            [0, 0],
            [1, 0],
            [-1, 0],
            [0, 1],
            [0, 0],
          ],
          4,
          [
            { base: 0, neighbour: 0, gap: 0.5 },
            { base: 0, neighbour: 1, gap: 0.5 },
            { base: 0, neighbour: 3, gap: 0.5 },
            { base: 4, neighbour: 0, gap: 0 },
          ],
        ];
      case 2: {
        // Integer grid points: many exact ties.
        const samples = Array.from({ length: 12 }, () => [rng.int(-2, 2), rng.int(-2, 2)]);
        return [samples, 5, randomPicks(10, 12, 5, rng, false)];
      }
      default: {
        const m = rng.int(2, 30);
        const d = rng.int(1, 8);
        const k = rng.int(1, Math.min(m - 1, 6));
        return [rng.matrix(m, d, -5, 5), k, randomPicks(rng.int(0, 20), m, k, rng, false)];
      }
    }
  },
  starterCode: `function smote(
  samples: number[][],
  k: number,
  picks: { base: number; neighbour: number; gap: number }[],
): number[][] {
  // For each pick: find the k nearest other samples to samples[pick.base] (Euclidean; equal distances
  // ordered by lower index), take the pick.neighbour-th of them (0-based) and return
  // base + pick.gap * (neighbour - base).
  return picks.map((pick) => samples[pick.base].slice());
}
`,
  solutionCode: `function smote(
  samples: number[][],
  k: number,
  picks: { base: number; neighbour: number; gap: number }[],
): number[][] {
  const dist = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, v, j) => s + (v - b[j]) * (v - b[j]), 0));
  const knn = (i: number) => {
    const others: number[] = [];
    for (let j = 0; j < samples.length; j++) if (j !== i) others.push(j);
    const d = others.map((j) => dist(samples[i], samples[j]));
    const order = others.map((_, t) => t).sort((x, y) => (d[x] === d[y] ? others[x] - others[y] : d[x] - d[y]));
    return order.slice(0, k).map((t) => others[t]);
  };
  return picks.map(({ base, neighbour, gap }) => {
    const nn = samples[knn(base)[neighbour]];
    return samples[base].map((v, j) => v + gap * (nn[j] - v));
  });
}
`,
};
