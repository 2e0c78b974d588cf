"""Independent check of dp-clip-and-noise: each row's L2 norm computed after dividing by its largest
magnitude (no overflow at 1e200), clipped to C, summed, noised with σ·C·noise and averaged."""

import math

import numpy as np


def _norm(row: np.ndarray) -> float:
    largest = float(np.max(np.abs(row))) if row.size else 0.0
    if largest == 0.0:
        return 0.0
    scaled = row / largest
    return largest * math.sqrt(math.fsum(scaled * scaled))


def dp_clip_and_noise(per_example_grads: np.ndarray, clip_norm: float, noise_multiplier: float, noise: np.ndarray) -> dict:
    batch = per_example_grads.shape[0]
    clipped = np.empty_like(per_example_grads)
    for i, row in enumerate(per_example_grads):
        norm = _norm(row)
        clipped[i] = row * (clip_norm / norm) if norm > clip_norm else row
    total = clipped.sum(axis=0) + noise_multiplier * clip_norm * noise
    return {"clipped_grads": clipped, "noisy_gradient": total / batch}
