import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";

const solutionCode = `import math

import numpy as np


def online_softmax(x: np.ndarray) -> dict:
    m = -math.inf
    d = 0.0
    for v in x:
        new_max = max(m, v)
        d = d * math.exp(m - new_max) + math.exp(v - new_max)
        m = new_max
    return {"max": m, "sum_exp": d, "probs": np.exp(x - m) / d}
`;

export const onlineSoftmaxPython: PythonForm = {
  kernelId: "online-softmax",
  functionName: "online_softmax",
  signature: 'def online_softmax(x: np.ndarray) -> dict  # {"max": float, "sum_exp": float, "probs": np.ndarray}',
  argKinds: ["ndarray1d"],
  adapter: dictResult(["max", "sum_exp", "probs"]),
  forbiddenNames: ["scipy", "torch"],
  allowed: "Python 3 with numpy and math; no library softmax (scipy.special.softmax, torch).",
  starterCode: `import numpy as np


def online_softmax(x: np.ndarray) -> dict:
    # In ONE pass over x keep the running maximum m and the running sum d of exp(x_i - m):
    # when a new maximum arrives, rescale d by exp(old m - new m) before adding.
    # Then probs[i] = exp(x[i] - m) / d. Return {"max": m, "sum_exp": d, "probs": probs}.
    return {"max": 0.0, "sum_exp": 0.0, "probs": np.zeros_like(x)}
`,
  solutionCode,
};
