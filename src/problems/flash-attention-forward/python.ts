import { flat, ndarray, reshaped } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NdArray } from "../../kernels/python/ndarray.ts";

const solutionCode = `import numpy as np


def flash_attention_forward(q: np.ndarray, k: np.ndarray, v: np.ndarray, br: int, bc: int) -> dict:
    n, d = q.shape
    tiles = -(-n // bc)
    scale = 1.0 / np.sqrt(d)
    out = np.empty_like(q)
    lse = np.empty(n)
    m = np.empty((tiles, n))
    l = np.empty((tiles, n))
    for i0 in range(0, n, br):
        qi = q[i0 : i0 + br] * scale
        mi = np.full(len(qi), -np.inf)
        li = np.zeros(len(qi))
        acc = np.zeros((len(qi), d))
        for j in range(tiles):
            kj, vj = k[j * bc : (j + 1) * bc], v[j * bc : (j + 1) * bc]
            s = qi @ kj.T  # (rows, cols): the only scores that ever exist
            m_new = np.maximum(mi, s.max(axis=1))
            alpha = np.exp(mi - m_new)
            p = np.exp(s - m_new[:, None])
            li = li * alpha + p.sum(axis=1)
            acc = acc * alpha[:, None] + p @ vj
            mi = m_new
            m[j, i0 : i0 + br] = mi
            l[j, i0 : i0 + br] = li
        out[i0 : i0 + br] = acc / li[:, None]
        lse[i0 : i0 + br] = mi + np.log(li)
    return {"out": out, "lse": lse, "m": m, "l": l}
`;

/** The kernel's result as the Python learner returns it: (n, d), (n,), (T_c, n) and (T_c, n) arrays. */
function presented(result: unknown, [, , , n, d, , bc]: readonly unknown[]): unknown {
  if (typeof result !== "object" || result === null) return result;
  const { out, lse, m, l } = result as Record<string, unknown>;
  const tiles = Math.ceil((n as number) / (bc as number));
  return {
    out: reshaped(out, [n as number, d as number]),
    lse: reshaped(lse, [n as number]),
    m: reshaped(m, [tiles, n as number]),
    l: reshaped(l, [tiles, n as number]),
  };
}

/** The learner's dict ({"out", "lse", "m", "l"} of numpy arrays) as the kernel's object of flat Float64Arrays. */
function flatFields(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof NdArray) return value;
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, flat(field)]));
}

export const flashAttentionForwardPython: PythonForm = {
  kernelId: "flash-attention-forward",
  functionName: "flash_attention_forward",
  signature:
    'def flash_attention_forward(q: np.ndarray, k: np.ndarray, v: np.ndarray, br: int, bc: int) -> dict  # q, k, v (n, d); returns {"out": (n, d), "lse": (n,), "m": (T_c, n), "l": (T_c, n)}',
  argKinds: ["ndarray2d", "ndarray2d", "ndarray2d", "int", "int"],
  // Flat row-major q, k, v with their sizes ⇄ three (n, d) arrays; each result array back flat.
  adapter: {
    args: ([q, k, v, n, d, br, bc]) => [
      ndarray(q as Float64Array, [n as number, d as number]),
      ndarray(k as Float64Array, [n as number, d as number]),
      ndarray(v as Float64Array, [n as number, d as number]),
      br,
      bc,
    ],
    result: flatFields,
    present: presented,
  },
  forbiddenNames: ["scipy", "torch"],
  allowed:
    "Python 3 with numpy and math (@ and einsum included); no library attention or softmax (scipy, torch). " +
    "The memory limit does not fit an n × n array at the largest test.",
  starterCode: `import numpy as np


def flash_attention_forward(q: np.ndarray, k: np.ndarray, v: np.ndarray, br: int, bc: int) -> dict:
    # q, k, v are (n, d). Scores s = q . k / sqrt(d), no mask. Work in tiles of br query rows x bc keys;
    # never build the (n, n) score matrix (the memory limit forbids it at the largest test).
    # Keep per row a running max m, a normaliser l = sum(exp(s - m)) and an output accumulator; rescale both by
    # exp(m_old - m_new) when the max grows. After key tile j store m[j, i] and l[j, i].
    # out = acc / l, lse = m + log(l). Return {"out": out, "lse": lse, "m": m, "l": l}.
    n, d = q.shape
    tiles = -(-n // bc)
    return {"out": np.zeros((n, d)), "lse": np.zeros(n), "m": np.zeros((tiles, n)), "l": np.zeros((tiles, n))}
`,
  solutionCode,
};
