import type { PythonForm } from "../../kernels/python/form.ts";

const solutionCode = `import math

import numpy as np


def online_softmax(blocks: list, other_max: float, other_sum: float) -> dict:
    maxes, sums = [], []
    m = -math.inf
    d = 0.0
    for block in blocks:
        x = np.asarray(block, dtype=np.float64)
        new_max = max(m, float(x.max()))
        d = d * math.exp(m - new_max) + float(np.exp(x - new_max).sum())
        m = new_max
        maxes.append(m)
        sums.append(d)
    total_max = max(m, other_max)
    total_sum = d * math.exp(m - total_max) + other_sum * math.exp(other_max - total_max)
    values = np.concatenate([np.asarray(block, dtype=np.float64) for block in blocks])
    probs = np.exp(values - total_max) / total_sum
    return {"maxes": maxes, "sums": sums, "max": total_max, "sum": total_sum, "probs": probs}
`;

export const onlineSoftmaxPython: PythonForm = {
  kernelId: "online-softmax",
  functionName: "online_softmax",
  signature:
    'def online_softmax(blocks: list, other_max: float, other_sum: float) -> dict  # {"maxes", "sums", "max", "sum", "probs"}',
  // blocks: a list of blocks, each a list of floats (blocks may differ in length).
  argKinds: ["list", "float", "float"],
  forbiddenNames: ["scipy", "torch"],
  allowed: "Python 3 with numpy and math; no library softmax (scipy.special.softmax, torch).",
  starterCode: `import math

import numpy as np


def online_softmax(blocks: list, other_max: float, other_sum: float) -> dict:
    # Read the blocks in order, keeping the running state (m, d), d = sum of exp(x - m) over what was read.
    # After each block append m to maxes and d to sums. Then merge (m, d) with (other_max, other_sum) into
    # (max, sum), and return probs = exp(x - max) / sum for this part's values in block order.
    count = sum(len(block) for block in blocks)
    return {"maxes": [0.0] * len(blocks), "sums": [0.0] * len(blocks), "max": 0.0, "sum": 0.0,
            "probs": np.zeros(count)}
`,
  solutionCode,
};
