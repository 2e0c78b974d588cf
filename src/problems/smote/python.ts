import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import math

import numpy as np


def smote(samples: np.ndarray, k: int, picks: list) -> np.ndarray:
    def distance(a, b):
        return math.sqrt(sum((float(u) - float(v)) ** 2 for u, v in zip(a, b)))

    def nearest(i):
        others = [j for j in range(len(samples)) if j != i]
        return sorted(others, key=lambda j: (distance(samples[i], samples[j]), j))[:k]

    out = []
    for pick in picks:
        base = samples[pick["base"]]
        neighbour = samples[nearest(pick["base"])[pick["neighbour"]]]
        out.append(base + pick["gap"] * (neighbour - base))
    return np.array(out)
`;

export const smotePython: PythonForm = {
  kernelId: "smote",
  functionName: "smote",
  signature:
    'def smote(samples: np.ndarray, k: int, picks: list[dict]) -> np.ndarray  # picks: [{"base": int, "neighbour": int, "gap": float}]',
  argKinds: ["ndarray2d", "int", "json"],
  forbiddenNames: ["sklearn", "imblearn"],
  allowed: `${NUMPY_ALLOWED} Not imbalanced-learn's SMOTE or scikit-learn's NearestNeighbors.`,
  starterCode: `import numpy as np


def smote(samples: np.ndarray, k: int, picks: list) -> np.ndarray:
    # For each pick: find the k nearest other samples to samples[pick["base"]] (Euclidean; equal distances
    # ordered by lower index), take the pick["neighbour"]-th of them (0-based) and return
    # base + pick["gap"] * (neighbour - base). One row per pick.
    return np.array([samples[pick["base"]] for pick in picks])
`,
  solutionCode,
};
