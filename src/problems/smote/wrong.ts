import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { smoteKernel } from "./kernel.ts";
import { smotePython } from "./python.ts";

const { solutionCode } = smoteKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "the base sample counts as its own nearest neighbour", [
    [
      "for (let j = 0; j < samples.length; j++) if (j !== i) others.push(j);",
      "for (let j = 0; j < samples.length; j++) others.push(j);",
    ],
  ]),
  edited(solutionCode, "equal distances ordered by higher index first", [
    ["others[x] - others[y]", "others[y] - others[x]"],
  ]),
  edited(solutionCode, "interpolates from the neighbour toward the base", [
    ["v + gap * (nn[j] - v)", "nn[j] + gap * (v - nn[j])"],
  ]),
  edited(solutionCode, "neighbour index read 1-based", [
    ["knn(base)[neighbour]", "knn(base)[Math.min(neighbour + 1, k - 1)]"],
  ]),
  edited(solutionCode, "Manhattan distance instead of Euclidean", [
    [
      "Math.sqrt(a.reduce((s, v, j) => s + (v - b[j]) * (v - b[j]), 0))",
      "a.reduce((s, v, j) => s + Math.abs(v - b[j]), 0)",
    ],
  ]),
];

const pythonSolution = smotePython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "counts the base sample as its own nearest neighbour", [
    ["others = [j for j in range(len(samples)) if j != i]", "others = list(range(len(samples)))"],
  ]),
  edited(pythonSolution, "interpolates toward the base from the neighbour (gap from the wrong end)", [
    ['out.append(base + pick["gap"] * (neighbour - base))', 'out.append(neighbour + pick["gap"] * (base - neighbour))'],
  ]),
  edited(pythonSolution, "equal distances ordered by higher index first", [
    ["key=lambda j: (distance(samples[i], samples[j]), j)", "key=lambda j: (distance(samples[i], samples[j]), -j)"],
  ]),
  edited(pythonSolution, "neighbours ranked by Manhattan distance", [
    [
      "math.sqrt(sum((float(u) - float(v)) ** 2 for u, v in zip(a, b)))",
      "sum(abs(float(u) - float(v)) for u, v in zip(a, b))",
    ],
  ]),
  edited(pythonSolution, "picks the farthest of the k neighbours first (list reversed)", [["[:k]", "[:k][::-1]"]]),
];
