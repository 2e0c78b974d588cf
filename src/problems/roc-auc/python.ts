import type { PythonForm } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    # Mann–Whitney U: average ranks (ties share their mean rank), minus the positives' own ranks.
    order = np.argsort(scores, kind="mergesort")
    sorted_scores = scores[order]
    ranks = np.empty(len(scores))
    i = 0
    while i < len(scores):
        j = i
        while j + 1 < len(scores) and sorted_scores[j + 1] == sorted_scores[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    positives = labels == 1
    p = int(positives.sum())
    n = len(labels) - p
    return float((ranks[positives].sum() - p * (p + 1) / 2) / (p * n))
`;

export const rocAucPython: PythonForm = {
  kernelId: "roc-auc",
  functionName: "roc_auc",
  signature: "def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float",
  argKinds: ["intarray1d", "ndarray1d"],
  forbiddenNames: ["sklearn", "scipy"],
  allowed: "Python 3 with numpy (sorting, argsort, cumsum); not scikit-learn's roc_auc_score or scipy.stats.",
  starterCode: `import numpy as np


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    # The probability that a randomly chosen positive (label 1) scores higher than a randomly chosen
    # negative (label 0); a tie counts 1/2. Sorting by score gives O(n log n).
    return 0.0
`,
  solutionCode,
};
