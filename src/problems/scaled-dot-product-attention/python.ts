import { flat, ndarray, reshaped } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def scaled_dot_product_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: str) -> np.ndarray:
    scores = (q @ k.T) / np.sqrt(q.shape[1])
    if mask != "none":
        seq_q, seq_k = scores.shape
        # query i sees keys j <= i + offset: top-left offset 0, bottom-right seq_k - seq_q
        offset = seq_k - seq_q if mask == "bottom-right" else 0
        scores = np.where(np.arange(seq_k)[None, :] <= np.arange(seq_q)[:, None] + offset, scores, -np.inf)
    weights = np.exp(scores - scores.max(axis=1, keepdims=True))
    weights /= weights.sum(axis=1, keepdims=True)
    return weights @ v
`;

export const scaledDotProductAttentionPython: PythonForm = {
  kernelId: "scaled-dot-product-attention",
  functionName: "scaled_dot_product_attention",
  signature: "def scaled_dot_product_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: str) -> np.ndarray",
  argKinds: ["ndarray2d", "ndarray2d", "ndarray2d", "str"],
  // Flat row-major q, k, v with their sizes ⇄ three 2-D arrays; the output back flat.
  adapter: {
    args: ([q, k, v, seqQ, seqK, dK, dV, mask]) => [
      ndarray(q as Float64Array, [seqQ as number, dK as number]),
      ndarray(k as Float64Array, [seqK as number, dK as number]),
      ndarray(v as Float64Array, [seqK as number, dV as number]),
      mask,
    ],
    result: flat,
    present: (out, [, , , seqQ, , , dV]) => reshaped(out, [seqQ as number, dV as number]),
  },
  forbiddenNames: ["scipy", "torch"],
  allowed: `${NUMPY_ALLOWED} The @ operator is allowed; no library attention or softmax (torch, scipy).`,
  starterCode: `import numpy as np


def scaled_dot_product_attention(q: np.ndarray, k: np.ndarray, v: np.ndarray, mask: str) -> np.ndarray:
    # q is seq_q×d_k, k is seq_k×d_k, v is seq_k×d_v.
    # scores[i, j] = (q_i · k_j) / sqrt(d_k). mask "top-left": query i sees keys j <= i;
    # "bottom-right": query i sees keys j <= i + seq_k - seq_q (the queries are the last seq_q positions).
    # weights = softmax of each score row (stable!); return weights · v (seq_q×d_v). Performance is ranked.
    return np.zeros((q.shape[0], v.shape[1]))
`,
  solutionCode,
};
