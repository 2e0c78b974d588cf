"""Independent check of conv-classifier: convolution (cross-correlation, valid), ReLU, floor max-pooling,
flatten in (filter, row, column) order, a dense layer and a log-sum-exp softmax, image by image."""

import numpy as np


def conv_classifier(images: np.ndarray, filters: np.ndarray, conv_bias: np.ndarray, pool_size: int,
                    dense_w: np.ndarray, dense_b: np.ndarray) -> np.ndarray:
    n_images, height, width = images.shape
    n_filters, kh, kw = filters.shape
    map_h, map_w = height - kh + 1, width - kw + 1
    pooled_h, pooled_w = map_h // pool_size, map_w // pool_size
    out = np.empty((n_images, dense_b.shape[0]))
    for n in range(n_images):
        features = []
        for f in range(n_filters):
            feature_map = np.empty((map_h, map_w))
            for y in range(map_h):
                for x in range(map_w):
                    feature_map[y, x] = np.sum(images[n, y : y + kh, x : x + kw] * filters[f]) + conv_bias[f]
            feature_map = np.maximum(feature_map, 0.0)
            for y in range(pooled_h):
                for x in range(pooled_w):
                    window = feature_map[y * pool_size : (y + 1) * pool_size, x * pool_size : (x + 1) * pool_size]
                    features.append(window.max())
        flat = np.array(features)
        assert flat.shape[0] == dense_w.shape[0]
        logits = np.array([np.sum(flat * dense_w[:, c]) for c in range(dense_w.shape[1])]) + dense_b
        top = logits.max()
        log_total = top + np.log(np.sum(np.exp(logits - top)))
        out[n] = np.exp(logits - log_total)
    return out
