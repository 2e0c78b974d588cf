import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { rocAucKernel } from "./kernel.ts";
import { rocAucPython } from "./python.ts";

const { solutionCode } = rocAucKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "a tie counts 0 instead of 1/2", [["area += dfp * (tp + dtp / 2);", "area += dfp * tp;"]]),
  edited(solutionCode, "a tie counts 1 instead of 1/2", [
    ["area += dfp * (tp + dtp / 2);", "area += dfp * (tp + dtp);"],
  ]),
  edited(solutionCode, "sorts ascending: computes P(negative outranks positive) = 1 − AUC", [
    ["sort((a, b) => scores[b] - scores[a])", "sort((a, b) => scores[a] - scores[b])"],
  ]),
  edited(solutionCode, "divides by all n(n − 1)/2 pairs instead of positive × negative pairs", [
    ["return area / (P * N);", "return area / ((labels.length * (labels.length - 1)) / 2);"],
  ]),
  {
    why: "no tie grouping: each sample is its own threshold, so ties count by input order",
    code: `function rocAuc(labels: number[], scores: number[]): number {
  const idx = labels.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const P = labels.filter((l) => l === 1).length;
  const N = labels.length - P;
  let tp = 0;
  let area = 0;
  for (const i of idx) {
    if (labels[i] === 1) tp++;
    else area += tp;
  }
  return area / (P * N);
}
`,
  },
];

const pythonSolution = rocAucPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "ties get distinct ranks (a tie counts 0 or 1 instead of 1/2)", [
    ["sorted_scores[j + 1] == sorted_scores[i]", "False"],
  ]),
  edited(pythonSolution, "ranks from 0 instead of 1", [
    ["ranks[order[i : j + 1]] = (i + j) / 2 + 1", "ranks[order[i : j + 1]] = (i + j) / 2"],
  ]),
  edited(pythonSolution, "positives and negatives swapped (returns 1 − AUC)", [
    ["positives = labels == 1", "positives = labels == 0"],
  ]),
  edited(pythonSolution, "tied scores share the lowest rank instead of their mean", [
    ["ranks[order[i : j + 1]] = (i + j) / 2 + 1", "ranks[order[i : j + 1]] = i + 1"],
  ]),
  edited(pythonSolution, "divides by n² instead of positives × negatives", [
    ["/ (p * n))", "/ (len(labels) ** 2 / 4))"],
  ]),
];
