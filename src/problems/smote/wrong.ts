import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { smoteKernel } from "./kernel.ts";

const { solutionCode } = smoteKernel;

export const smoteWrongSolutions: readonly WrongSolution[] = [
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
