"""Independent check of classification-metrics: the confusion matrix counted pair by pair, per-class
precision/recall/F1 with 0 for a zero denominator, then class 1 (binary) or the plain mean (macro)."""

import numpy as np


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator != 0 else 0.0


def classification_metrics(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int, average: str) -> dict:
    K = num_classes
    confusion = [[0] * K for _ in range(K)]
    for t, p in zip(y_true, y_pred):
        confusion[int(t)][int(p)] += 1
    n = len(y_true)
    accuracy = sum(confusion[c][c] for c in range(K)) / n
    per_class = []
    for c in range(K):
        tp = confusion[c][c]
        predicted = sum(confusion[t][c] for t in range(K))
        actual = sum(confusion[c])
        precision = _ratio(tp, predicted)
        recall = _ratio(tp, actual)
        f1 = _ratio(2 * precision * recall, precision + recall)
        per_class.append((precision, recall, f1))
    if average == "binary":
        assert K == 2
        precision, recall, f1 = per_class[1]
    elif average == "macro":
        precision, recall, f1 = (sum(values[i] for values in per_class) / K for i in range(3))
    else:
        raise ValueError(f"unknown average {average!r}")
    return {"accuracy": accuracy, "precision": precision, "recall": recall, "f1": f1,
            "confusion": np.array(confusion, dtype=np.int64)}
