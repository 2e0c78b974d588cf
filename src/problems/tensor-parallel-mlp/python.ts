import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";

const solutionCode = `import math

import numpy as np


def gelu(v: np.ndarray) -> np.ndarray:
    return 0.5 * v * (1 + np.tanh(math.sqrt(2 / math.pi) * (v + 0.044715 * v ** 3)))


def tensor_parallel_mlp(x, w1, b1, w2, b2, ranks: int, bytes_per_element: int) -> dict:
    b, h = x.shape
    shard = w1.shape[1] // ranks
    partials = []
    for rank in range(ranks):
        cols = slice(rank * shard, (rank + 1) * shard)
        activated = gelu(x @ w1[:, cols] + b1[cols])
        partials.append(activated @ w2[cols, :])
    total = np.zeros((b, h))
    for partial in partials:
        total = total + partial
    output = total + b2
    bytes_per_rank = 2 * (ranks - 1) / ranks * b * h * bytes_per_element
    return {"partials": np.stack(partials), "output": output, "bytes_per_rank": bytes_per_rank}
`;

export const tensorParallelMlpPython: PythonForm = {
  kernelId: "tensor-parallel-mlp",
  functionName: "tensor_parallel_mlp",
  signature: `def tensor_parallel_mlp(x: np.ndarray, w1: np.ndarray, b1: np.ndarray, w2: np.ndarray, b2: np.ndarray,
                        ranks: int, bytes_per_element: int) -> dict
# x (b, h), w1 (h, f), b1 (f,), w2 (f, h), b2 (h,)
# -> {"partials": np.ndarray (ranks, b, h), "output": np.ndarray (b, h), "bytes_per_rank": float}`,
  argKinds: ["ndarray2d", "ndarray2d", "ndarray1d", "ndarray2d", "ndarray1d", "int", "int"],
  adapter: dictResult(["partials", "output", "bytes_per_rank"]),
  forbiddenNames: ["torch", "scipy"],
  allowed: "Python 3 with numpy and math; no torch or scipy (their GeLU is the exact erf form).",
  starterCode: `import numpy as np


def tensor_parallel_mlp(x, w1, b1, w2, b2, ranks: int, bytes_per_element: int) -> dict:
    # Rank i owns columns [i*f/T, (i+1)*f/T) of w1 and b1 and the same rows of w2: Z_i = GeLU(x w1_i + b1_i) w2_i.
    # One all-reduce sums the Z_i; add b2 once. A ring all-reduce sends 2(T-1)/T of the b x h output per rank.
    return {"partials": np.zeros((ranks,) + x.shape), "output": np.zeros(x.shape), "bytes_per_rank": 0.0}
`,
  solutionCode,
};
