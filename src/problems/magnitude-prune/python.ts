import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import math

import numpy as np


def magnitude_prune(weights: np.ndarray, sparsity: float) -> dict:
    count = math.floor(sparsity * len(weights))
    # A stable sort keeps equal magnitudes in index order.
    dropped = np.argsort(np.abs(weights), kind="stable")[:count]
    mask = np.ones(len(weights))
    mask[dropped] = 0.0
    return {"pruned": weights * mask, "mask": mask}
`;

export const magnitudePrunePython: PythonForm = {
  kernelId: "magnitude-prune",
  functionName: "magnitude_prune",
  signature:
    'def magnitude_prune(weights: np.ndarray, sparsity: float) -> dict  # {"pruned": np.ndarray, "mask": np.ndarray}',
  argKinds: ["ndarray1d", "float"],
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `import numpy as np


def magnitude_prune(weights: np.ndarray, sparsity: float) -> dict:
    # Zero the floor(sparsity * len(weights)) weights with the smallest absolute value (equal magnitudes:
    # lower index first). mask[i] = 1 where weights[i] is kept, 0 where pruned.
    return {"pruned": weights.copy(), "mask": np.ones_like(weights)}
`,
  solutionCode,
};
