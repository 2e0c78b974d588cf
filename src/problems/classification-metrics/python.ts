import type { PythonForm } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def classification_metrics(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int, average: str) -> dict:
    confusion = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(confusion, (y_true, y_pred), 1)
    tp = np.diag(confusion).astype(float)
    predicted = confusion.sum(axis=0)
    actual = confusion.sum(axis=1)
    precision = np.divide(tp, predicted, out=np.zeros(num_classes), where=predicted > 0)
    recall = np.divide(tp, actual, out=np.zeros(num_classes), where=actual > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros(num_classes), where=both > 0)
    classes = [1] if average == "binary" else list(range(num_classes))
    return {
        "accuracy": float(tp.sum() / len(y_true)),
        "precision": float(precision[classes].mean()),
        "recall": float(recall[classes].mean()),
        "f1": float(f1[classes].mean()),
        "confusion": confusion,
    }
`;

export const classificationMetricsPython: PythonForm = {
  kernelId: "classification-metrics",
  functionName: "classification_metrics",
  signature:
    'def classification_metrics(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int, average: str) -> dict  # {"accuracy", "precision", "recall", "f1", "confusion"}',
  argKinds: ["intarray1d", "intarray1d", "int", "str"],
  forbiddenNames: ["sklearn"],
  allowed: "Python 3 with numpy; not scikit-learn's metrics.",
  starterCode: `import numpy as np


def classification_metrics(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int, average: str) -> dict:
    # Build confusion[t, p] (true t, predicted p). average "binary": precision/recall/F1 of class 1.
    # "macro": per-class values averaged over all classes. A ratio with a zero denominator is 0.
    confusion = np.zeros((num_classes, num_classes), dtype=np.int64)
    return {"accuracy": 0.0, "precision": 0.0, "recall": 0.0, "f1": 0.0, "confusion": confusion}
`,
  solutionCode,
};
