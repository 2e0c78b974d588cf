"""Independent check of finetune-head-step: softmax cross-entropy of the linear head via log-sum-exp, its
gradients dW = featuresᵀ·(P − Y)/N and db = Σ(P − Y)/N, and one SGD step on copies of W and b."""

import math

import numpy as np


def finetune_head_step(features: np.ndarray, targets: np.ndarray, W: np.ndarray, b: np.ndarray, lr: float) -> dict:
    n, d = features.shape
    classes = W.shape[1]
    logits = np.array([[math.fsum(features[i, p] * W[p, c] for p in range(d)) + b[c] for c in range(classes)]
                       for i in range(n)])
    errors = np.empty((n, classes))
    losses = []
    for i in range(n):
        top = logits[i].max()
        log_p = logits[i] - (top + math.log(math.fsum(math.exp(v - top) for v in logits[i])))
        target = int(targets[i])
        losses.append(-log_p[target])
        errors[i] = np.exp(log_p)
        errors[i, target] -= 1.0
    dW = np.array([[math.fsum(features[i, p] * errors[i, c] for i in range(n)) / n for c in range(classes)]
                   for p in range(d)])
    db = np.array([math.fsum(errors[:, c]) / n for c in range(classes)])
    return {"W": W - lr * dW, "b": b - lr * db, "loss": math.fsum(losses) / n}
