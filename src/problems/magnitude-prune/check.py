"""Independent check of magnitude-prune: rank the weights by (|w|, index) and prune the first ⌊sparsity·n⌋."""

import math

import numpy as np


def magnitude_prune(weights: np.ndarray, sparsity: float) -> dict:
    n = weights.shape[0]
    k = math.floor(sparsity * n)
    ranked = sorted(range(n), key=lambda i: (abs(weights[i]), i))
    mask = np.ones(n)
    for i in ranked[:k]:
        mask[i] = 0.0
    pruned = np.where(mask == 1.0, weights, 0.0)
    return {"pruned": pruned, "mask": mask}
