import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { classWeightsKernel } from "./kernel.ts";
import { classWeightsPython } from "./python.ts";

const { solutionCode } = classWeightsKernel;
const WEIGHT = "weights.push(labels.length / numClasses / (counts.get(c) ?? 0));";

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
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

const pythonSolution = classWeightsPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "inverse frequency without the 1/num_classes factor", [
    ["len(labels) / (num_classes * counts)", "len(labels) / counts"],
  ]),
  edited(pythonSolution, "plain inverse frequency 1/count, not scaled by n/num_classes", [
    ["len(labels) / (num_classes * counts)", "1.0 / counts"],
  ]),
  edited(pythonSolution, "class frequencies count/n instead of their inverse", [
    ["len(labels) / (num_classes * counts)", "counts / len(labels)"],
  ]),
  edited(pythonSolution, "weights normalised to sum to 1", [
    [
      "    return len(labels) / (num_classes * counts)",
      "    w = len(labels) / (num_classes * counts)\n    return w / w.sum()",
    ],
  ]),
  edited(pythonSolution, "counts ordered by first appearance in labels instead of by class index", [
    [
      "np.bincount(labels, minlength=num_classes)",
      "np.unique(labels, return_counts=True)[1][np.argsort(np.unique(labels, return_index=True)[1])]",
    ],
  ]),
];
