import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def kfold_indices(n: int, k: int, permutation) -> list:
    order = np.arange(n) if permutation is None else np.asarray(permutation)
    sizes = [n // k + (1 if f < n % k else 0) for f in range(k)]
    folds = []
    position = 0
    for size in sizes:
        in_test = np.zeros(n, dtype=bool)
        in_test[order[position : position + size]] = True
        position += size
        folds.append({"train": np.flatnonzero(~in_test), "test": np.flatnonzero(in_test)})
    return folds
`;

export const kfoldIndicesPython: PythonForm = {
  kernelId: "kfold-indices",
  functionName: "kfold_indices",
  signature:
    'def kfold_indices(n: int, k: int, permutation: list[int] | None) -> list[dict]  # [{"train": indices, "test": indices}, ...]',
  argKinds: ["int", "int", "json"],
  forbiddenNames: ["sklearn"],
  allowed: `${NUMPY_ALLOWED} Not scikit-learn's KFold.`,
  starterCode: `import numpy as np


def kfold_indices(n: int, k: int, permutation) -> list:
    # Order the samples (0..n-1, or permutation when it is not None) and cut that order into k consecutive
    # folds; the first n % k folds get one extra sample. For each fold return {"train": ..., "test": ...}:
    # its test indices and all other indices as train, both sorted ascending.
    return []
`,
  solutionCode,
};
