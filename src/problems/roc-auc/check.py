"""Independent check of roc-auc: the definition itself, over every (positive, negative) pair (O(n²))."""

import numpy as np


def roc_auc(labels: np.ndarray, scores: np.ndarray) -> float:
    positives = [float(s) for s, label in zip(scores, labels) if label == 1]
    negatives = [float(s) for s, label in zip(scores, labels) if label == 0]
    assert positives and negatives
    wins = 0.0
    for p in positives:
        for q in negatives:
            wins += 1.0 if p > q else 0.5 if p == q else 0.0
    return wins / (len(positives) * len(negatives))
