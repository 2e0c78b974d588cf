import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def conv_classifier(images: np.ndarray, filters: np.ndarray, conv_bias: np.ndarray, pool_size: int,
                    dense_w: np.ndarray, dense_b: np.ndarray) -> np.ndarray:
    n, height, width = images.shape
    f, kh, kw = filters.shape
    conv_h, conv_w = height - kh + 1, width - kw + 1
    maps = np.zeros((n, f, conv_h, conv_w)) + conv_bias[None, :, None, None]
    for i in range(kh):
        for j in range(kw):
            maps += images[:, None, i : i + conv_h, j : j + conv_w] * filters[None, :, i, j, None, None]
    maps = np.maximum(maps, 0.0)
    pool_h, pool_w = conv_h // pool_size, conv_w // pool_size
    cropped = maps[:, :, : pool_h * pool_size, : pool_w * pool_size]
    pooled = cropped.reshape(n, f, pool_h, pool_size, pool_w, pool_size).max(axis=(3, 5))
    logits = pooled.reshape(n, -1) @ dense_w + dense_b
    e = np.exp(logits - logits.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)
`;

export const convClassifierPython: PythonForm = {
  kernelId: "conv-classifier",
  functionName: "conv_classifier",
  signature: `def conv_classifier(images: np.ndarray, filters: np.ndarray, conv_bias: np.ndarray, pool_size: int,
                    dense_w: np.ndarray, dense_b: np.ndarray) -> np.ndarray`,
  argKinds: ["ndarray3d", "ndarray3d", "ndarray1d", "int", "ndarray2d", "ndarray1d"],
  forbiddenNames: ["scipy", "torch"],
  allowed: `${NUMPY_ALLOWED} The @ operator is allowed; no library convolution, pooling or softmax (scipy, torch).`,
  starterCode: `import numpy as np


def conv_classifier(images: np.ndarray, filters: np.ndarray, conv_bias: np.ndarray, pool_size: int,
                    dense_w: np.ndarray, dense_b: np.ndarray) -> np.ndarray:
    # images: N grayscale images (N×H×W); filters: F filters (F×KH×KW) with one bias each.
    # For every image: cross-correlate each filter (stride 1, no padding, do not flip it) and add its bias → F maps
    # of (H-KH+1)×(W-KW+1); ReLU; max-pool pool_size×pool_size windows with stride pool_size (drop partial
    # windows); flatten filter by filter, row by row; logits = flat·dense_w + dense_b; return softmax(logits).
    return np.full((images.shape[0], dense_b.shape[0]), 1.0 / dense_b.shape[0])
`,
  solutionCode,
};
