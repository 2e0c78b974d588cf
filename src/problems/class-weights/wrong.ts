import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { classWeightsKernel } from "./kernel.ts";

const { solutionCode } = classWeightsKernel;
const WEIGHT = "weights.push(labels.length / numClasses / (counts.get(c) ?? 0));";

export const classWeightsWrongSolutions: readonly WrongSolution[] = [
  edited(solutionCode, "plain inverse frequency 1/count, not scaled by n/numClasses", [
    [WEIGHT, "weights.push(1 / (counts.get(c) ?? 0));"],
  ]),
  edited(solutionCode, "n/count: forgets to divide by the number of classes", [
    [WEIGHT, "weights.push(labels.length / (counts.get(c) ?? 0));"],
  ]),
  edited(solutionCode, "class frequencies count/n instead of their inverse", [
    [WEIGHT, "weights.push((counts.get(c) ?? 0) / labels.length);"],
  ]),
  edited(solutionCode, "weights normalised to sum to 1", [
    [
      "  return weights;",
      "  const total = weights.reduce((a, w) => a + w, 0);\n  return weights.map((w) => w / total);",
    ],
  ]),
  edited(solutionCode, "majority / count: the largest class gets weight 1", [
    [WEIGHT, "weights.push(Math.max(...counts.values()) / (counts.get(c) ?? 0));"],
  ]),
];
