"""Independent check of class-weights: scikit-learn's "balanced" rule, n / (K · count_c), counting by hand."""

import numpy as np


def class_weights(labels: np.ndarray, num_classes: int) -> np.ndarray:
    counts = [0] * num_classes
    for label in labels:
        counts[int(label)] += 1
    assert all(count > 0 for count in counts)
    return np.array([len(labels) / (num_classes * count) for count in counts])
