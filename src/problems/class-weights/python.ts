import type { PythonForm } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def class_weights(labels: np.ndarray, num_classes: int) -> np.ndarray:
    counts = np.bincount(labels, minlength=num_classes)
    return len(labels) / (num_classes * counts)
`;

export const classWeightsPython: PythonForm = {
  kernelId: "class-weights",
  functionName: "class_weights",
  signature: "def class_weights(labels: np.ndarray, num_classes: int) -> np.ndarray",
  argKinds: ["intarray1d", "int"],
  forbiddenNames: ["sklearn"],
  allowed: "Python 3 with numpy (np.bincount, np.unique, …); not scikit-learn's compute_class_weight.",
  starterCode: `import numpy as np


def class_weights(labels: np.ndarray, num_classes: int) -> np.ndarray:
    # "balanced" weights: weight of class c = len(labels) / (num_classes * count of c).
    return np.ones(num_classes)
`,
  solutionCode,
};
