"""Independent check of smote: for each pick, every other sample ranked by (squared distance, index), the
chosen neighbour interpolated from the base by the given gap."""

import numpy as np


def smote(samples: np.ndarray, k: int, picks: list) -> np.ndarray:
    m, d = samples.shape
    rows = []
    for pick in picks:
        base = int(pick["base"])
        others = [j for j in range(m) if j != base]
        ranked = sorted(others, key=lambda j: (float(np.sum((samples[j] - samples[base]) ** 2)), j))[:k]
        neighbour = samples[ranked[int(pick["neighbour"])]]
        rows.append(samples[base] + pick["gap"] * (neighbour - samples[base]))
    return np.array(rows, dtype=np.float64).reshape(len(rows), d)
