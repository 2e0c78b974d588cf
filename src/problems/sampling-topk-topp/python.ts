import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def sample_token(logits: np.ndarray, temperature: float, top_k: int, top_p: float,
                 repetition_penalty: float, previous_tokens: list, u: float) -> dict:
    scores = logits.astype(np.float64).copy()
    for i in set(previous_tokens):
        scores[i] = scores[i] * repetition_penalty if scores[i] < 0 else scores[i] / repetition_penalty
    vocab = scores.size
    if temperature == 0:
        best = int(np.argmax(scores))  # the first (lowest) id among ties
        probs = np.zeros(vocab)
        probs[best] = 1.0
        return {"token": best, "probs": probs}
    scores = scores / temperature
    kept = np.ones(vocab, dtype=bool)
    if 0 < top_k < vocab:
        kth = np.sort(scores)[::-1][top_k - 1]
        kept = scores >= kth
    weights = np.where(kept, np.exp(scores - scores[kept].max()), 0.0)
    probs = weights / weights.sum()
    if top_p < 1:
        order = sorted((i for i in range(vocab) if kept[i]), key=lambda i: (-probs[i], i))
        nucleus = []
        cumulative = 0.0
        for i in order:
            nucleus.append(i)
            cumulative += probs[i]
            if cumulative >= top_p:
                break
        mask = np.zeros(vocab, dtype=bool)
        mask[nucleus] = True
        probs = np.where(mask, probs, 0.0)
        probs = probs / probs[mask].sum()
    cdf = 0.0
    last = 0
    for i in range(vocab):
        if probs[i] == 0:
            continue
        last = i
        cdf += probs[i]
        if u < cdf:
            return {"token": i, "probs": probs}
    return {"token": last, "probs": probs}
`;

export const samplingTopkToppPython: PythonForm = {
  kernelId: "sampling-topk-topp",
  functionName: "sample_token",
  signature:
    "def sample_token(logits: np.ndarray, temperature: float, top_k: int, top_p: float, repetition_penalty: float, " +
    'previous_tokens: list, u: float) -> dict  # {"token": int, "probs": np.ndarray}',
  argKinds: ["ndarray1d", "float", "int", "float", "float", "list", "float"],
  adapter: dictResult(["token", "probs"]),
  forbiddenNames: ["torch", "scipy"],
  allowed: `${NUMPY_ALLOWED} Not a library sampler (torch, transformers' logits processors).`,
  starterCode: `import numpy as np


def sample_token(logits: np.ndarray, temperature: float, top_k: int, top_p: float,
                 repetition_penalty: float, previous_tokens: list, u: float) -> dict:
    # In order: repetition penalty on every token seen before, temperature (0 = greedy), top-k (ties kept),
    # softmax, top-p (keep the token that crosses p), renormalise, then pick the first token id (ascending)
    # whose cumulative probability exceeds u.
    return {"token": 0, "probs": np.full(logits.size, 1.0 / logits.size)}
`,
  solutionCode,
};
