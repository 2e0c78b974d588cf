import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { classWeightsKernel } from "./kernel.ts";
import { classWeightsPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "class-weights",
  kernel: classWeightsKernel,
  python: classWeightsPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "66a9d4990c457507e7c3705b899c77a0e454b600ee96826309156fd9bbf72721",
  starterCommentsZh: {
    '"balanced" weights: weight of class c = labels.length / (numClasses * count of c).':
      '"balanced" 权重：类别 c 的权重 = labels.length / (numClasses * c 的样本数)。',
    '"balanced" weights: weight of class c = len(labels) / (num_classes * count of c).':
      '"balanced" 权重：类别 c 的权重 = len(labels) / (num_classes * c 的样本数)。',
  },
  allowedZh: "Python 3 与 numpy（np.bincount、np.unique 等）；不能用 scikit-learn 的 compute_class_weight。",
};
