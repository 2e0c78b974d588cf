"""Independent check of fgsm: logistic regression's binary cross-entropy written with the softplus
(log(1 + e^z), stable for |z| = 800), its input gradient (p − label)·w, and the clipped signed step."""

import math

import numpy as np


def _softplus(z: float) -> float:
    return max(z, 0.0) + math.log1p(math.exp(-abs(z)))


def fgsm(x: np.ndarray, w: np.ndarray, b: float, label: int, epsilon: float, clip_min: float, clip_max: float) -> dict:
    z = math.fsum(x * w) + b
    # −log p = softplus(−z) and −log(1 − p) = softplus(z)
    loss = label * _softplus(-z) + (1 - label) * _softplus(z)
    p = 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))
    gradient = (p - label) * w
    adversarial = np.minimum(np.maximum(x + epsilon * np.sign(gradient), clip_min), clip_max)
    return {"loss": loss, "gradient": gradient, "adversarial": adversarial}
