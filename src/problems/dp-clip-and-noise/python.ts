import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import math

import numpy as np


def dp_clip_and_noise(per_example_grads: np.ndarray, clip_norm: float, noise_multiplier: float, noise: np.ndarray) -> dict:
    clipped = per_example_grads.copy()
    for row in clipped:
        norm = math.hypot(*row)  # no overflow or underflow on the way, unlike sqrt(sum of squares)
        if norm > clip_norm:
            row[:] = row / norm * clip_norm
    total = noise_multiplier * clip_norm * noise + clipped.sum(axis=0)
    return {"clipped_grads": clipped, "noisy_gradient": total / per_example_grads.shape[0]}
`;

export const dpClipAndNoisePython: PythonForm = {
  kernelId: "dp-clip-and-noise",
  functionName: "dp_clip_and_noise",
  signature:
    'def dp_clip_and_noise(per_example_grads: np.ndarray, clip_norm: float, noise_multiplier: float, noise: np.ndarray) -> dict  # {"clipped_grads", "noisy_gradient"}',
  argKinds: ["ndarray2d", "float", "float", "ndarray1d"],
  adapter: dictResult(["clipped_grads", "noisy_gradient"]),
  forbiddenNames: ["opacus", "torch"],
  allowed: `${NUMPY_ALLOWED} np.linalg.norm is allowed; no differential-privacy library (opacus).`,
  starterCode: `import numpy as np


def dp_clip_and_noise(per_example_grads: np.ndarray, clip_norm: float, noise_multiplier: float, noise: np.ndarray) -> dict:
    # Clip each example's gradient (a row) to L2 norm <= clip_norm (scale by min(1, clip_norm / norm)), sum
    # them, add noise_multiplier * clip_norm * noise, divide by the batch size.
    return {"clipped_grads": per_example_grads.copy(), "noisy_gradient": np.zeros_like(noise)}
`,
  solutionCode,
};
