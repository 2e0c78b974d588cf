import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";

const RESULT_KEYS = [
  "loss",
  "mean_loss",
  "grad",
  "local_max",
  "global_max",
  "local_target",
  "target_logit",
  "local_sum_exp",
  "sum_exp",
];

const solutionCode = `import numpy as np


def vocab_parallel_cross_entropy(shards: np.ndarray, targets: np.ndarray) -> dict:
    ranks, tokens, s = shards.shape
    rows = np.arange(tokens)

    # 1. all-reduce(max): the global max of every token, from each rank's local max.
    local_max = shards.max(axis=2)                      # (T, N)
    global_max = local_max[0].copy()
    for r in range(1, ranks):
        global_max = np.maximum(global_max, local_max[r])

    # 2. all-reduce(sum) of the target's shifted logit: only the rank holding the target contributes.
    local_target = np.zeros((ranks, tokens))
    for r in range(ranks):
        local = targets - r * s
        held = (local >= 0) & (local < s)
        index = np.where(held, local, 0)
        local_target[r] = np.where(held, shards[r, rows, index] - global_max, 0.0)
    target_logit = local_target[0].copy()
    for r in range(1, ranks):
        target_logit = target_logit + local_target[r]

    # 3. all-reduce(sum) of the local sums of exp(logit - global max).
    exp = np.exp(shards - global_max[None, :, None])   # (T, N, S)
    local_sum_exp = exp.sum(axis=2)
    sum_exp = local_sum_exp[0].copy()
    for r in range(1, ranks):
        sum_exp = sum_exp + local_sum_exp[r]

    loss = np.log(sum_exp) - target_logit
    grad = exp / sum_exp[None, :, None]
    for r in range(ranks):
        local = targets - r * s
        held = (local >= 0) & (local < s)
        grad[r, rows[held], local[held]] -= 1.0
    grad = grad / tokens
    return {"loss": loss, "mean_loss": float(loss.mean()), "grad": grad,
            "local_max": local_max, "global_max": global_max,
            "local_target": local_target, "target_logit": target_logit,
            "local_sum_exp": local_sum_exp, "sum_exp": sum_exp}
`;

export const vocabParallelCrossEntropyPython: PythonForm = {
  kernelId: "vocab-parallel-cross-entropy",
  functionName: "vocab_parallel_cross_entropy",
  signature: `def vocab_parallel_cross_entropy(shards: np.ndarray, targets: np.ndarray) -> dict
# shards (T, N, S) float64: rank r holds vocabulary ids [r*S, (r+1)*S); targets (N,) int64 in [0, T*S)
# -> {"loss": (N,), "mean_loss": float, "grad": (T, N, S),
#     "local_max": (T, N), "global_max": (N,), "local_target": (T, N), "target_logit": (N,),
#     "local_sum_exp": (T, N), "sum_exp": (N,)}`,
  argKinds: ["ndarray3d", "intarray1d"],
  adapter: dictResult(RESULT_KEYS),
  forbiddenNames: ["torch", "scipy"],
  allowed: "Python 3 with numpy and math; no torch or scipy (their cross-entropy and logsumexp do the job unsharded).",
  starterCode: `import numpy as np


def vocab_parallel_cross_entropy(shards: np.ndarray, targets: np.ndarray) -> dict:
    # Rank r holds vocabulary ids [r*S, (r+1)*S). Three all-reduces: max, the target's shifted logit, the sum of exp.
    ranks, tokens, s = shards.shape
    zeros = np.zeros((ranks, tokens))
    return {"loss": np.zeros(tokens), "mean_loss": 0.0, "grad": np.zeros(shards.shape),
            "local_max": zeros, "global_max": np.zeros(tokens), "local_target": zeros,
            "target_logit": np.zeros(tokens), "local_sum_exp": zeros, "sum_exp": np.zeros(tokens)}
`,
  solutionCode,
};
