import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { magnitudePruneKernel } from "./kernel.ts";
import { magnitudePrunePython } from "./python.ts";

const { solutionCode } = magnitudePruneKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "ranks by signed value instead of magnitude", [["({ m: Math.abs(w), i })", "({ m: w, i })"]]),
  edited(solutionCode, "rounds the count up", [
    ["Math.floor(sparsity * weights.length)", "Math.ceil(sparsity * weights.length)"],
  ]),
  edited(solutionCode, "equal magnitudes: higher index pruned first", [["a.i - b.i", "b.i - a.i"]]),
  {
    why: "threshold pruning: every weight with |w| ≤ the k-th smallest magnitude goes, so ties prune too many",
    code: `function magnitudePrune(weights: number[], sparsity: number): { pruned: number[]; mask: number[] } {
  const count = Math.floor(sparsity * weights.length);
  if (count === 0) return { pruned: weights.slice(), mask: weights.map(() => 1) };
  const threshold = weights.map(Math.abs).sort((a, b) => a - b)[count - 1];
  const mask = weights.map((w) => (Math.abs(w) <= threshold ? 0 : 1));
  return { pruned: weights.map((w, i) => (mask[i] === 1 ? w : 0)), mask };
}
`,
  },
  edited(solutionCode, "mask inverted: 1 marks a pruned weight", [
    ["mask: weights.map((_, i) => (dropped.has(i) ? 0 : 1))", "mask: weights.map((_, i) => (dropped.has(i) ? 1 : 0))"],
  ]),
];

const pythonSolution = magnitudePrunePython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "an unstable sort: equal magnitudes are pruned in any order", [
    ['np.argsort(np.abs(weights), kind="stable")', 'np.argsort(-np.abs(weights), kind="stable")[::-1]'],
  ]),
  edited(pythonSolution, "prunes by signed value, not magnitude", [["np.abs(weights)", "weights"]]),
  edited(pythonSolution, "prunes ceil instead of floor of sparsity·n", [
    ["count = math.floor(sparsity * len(weights))", "count = math.ceil(sparsity * len(weights))"],
  ]),
  edited(pythonSolution, "keeps the smallest weights and prunes the largest", [
    ["[:count]", "[len(weights) - count :]"],
  ]),
  edited(pythonSolution, "mask inverted: 1 for pruned weights", [
    [
      '    mask = np.ones(len(weights))\n    mask[dropped] = 0.0\n    return {"pruned": weights * mask, "mask": mask}',
      '    mask = np.ones(len(weights))\n    mask[dropped] = 0.0\n    return {"pruned": weights * mask, "mask": 1.0 - mask}',
    ],
  ]),
];
