"""Independent check of softmax-cross-entropy: log-probabilities through each row's log-sum-exp; the loss is
the mean of −log p[target], the gradient (p − one_hot) / N."""

import math

import numpy as np


def softmax_cross_entropy(logits: np.ndarray, targets: np.ndarray) -> dict:
    n, classes = logits.shape
    losses = []
    grad = np.empty((n, classes))
    for i in range(n):
        row = logits[i]
        top = row.max()
        log_z = top + math.log(math.fsum(math.exp(v - top) for v in row))
        log_p = row - log_z
        target = int(targets[i])
        losses.append(-log_p[target])
        one_hot = np.zeros(classes)
        one_hot[target] = 1.0
        grad[i] = (np.exp(log_p) - one_hot) / n
    return {"loss": math.fsum(losses) / n, "grad": grad}
