import { flat, ndarray, reshaped } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def paged_attention_decode(query: np.ndarray, key_cache: np.ndarray, value_cache: np.ndarray,
                           block_tables: np.ndarray, context_lens: np.ndarray) -> np.ndarray:
    num_seqs, hq, d = query.shape
    _, block_size, hkv, _ = key_cache.shape
    group = hq // hkv
    out = np.empty_like(query)
    for s in range(num_seqs):
        length = int(context_lens[s])
        blocks = block_tables[s, : -(-length // block_size)]
        k = key_cache[blocks].reshape(-1, hkv, d)[:length]  # (length, hkv, d), in token order
        v = value_cache[blocks].reshape(-1, hkv, d)[:length]
        q = query[s].reshape(hkv, group, d)  # query heads of KV head g: g*group .. g*group + group - 1
        scores = np.einsum("kgd,tkd->kgt", q, k) / np.sqrt(d)
        weights = np.exp(scores - scores.max(axis=-1, keepdims=True))
        weights /= weights.sum(axis=-1, keepdims=True)
        out[s] = np.einsum("kgt,tkd->kgd", weights, v).reshape(hq, d)
    return out
`;

export const pagedAttentionDecodePython: PythonForm = {
  kernelId: "paged-attention-decode",
  functionName: "paged_attention_decode",
  signature:
    "def paged_attention_decode(query: np.ndarray, key_cache: np.ndarray, value_cache: np.ndarray, block_tables: np.ndarray, context_lens: np.ndarray) -> np.ndarray  # query (S, Hq, d); caches (num_blocks, block_size, Hkv, d); block_tables int64 (S, max_blocks), -1 unused; context_lens int64 (S,); returns (S, Hq, d)",
  argKinds: ["ndarray3d", "ndarray4d", "ndarray4d", "intarray2d", "intarray1d"],
  // The kernel's flat buffers with their sizes ⇄ numpy arrays of their shapes; the output back flat.
  adapter: {
    args: ([query, keyCache, valueCache, blockTables, contextLens, hq, hkv, d, blockSize]) => {
      const seqs = (contextLens as number[]).length;
      const blockElements = (blockSize as number) * (hkv as number) * (d as number);
      const shape = [
        (keyCache as Float64Array).length / blockElements,
        blockSize as number,
        hkv as number,
        d as number,
      ];
      return [
        ndarray(query as Float64Array, [seqs, hq as number, d as number]),
        ndarray(keyCache as Float64Array, shape),
        ndarray(valueCache as Float64Array, shape),
        blockTables,
        contextLens,
      ];
    },
    result: flat,
    present: (out, [, , , , contextLens, hq, , d]) =>
      reshaped(out, [(contextLens as number[]).length, hq as number, d as number]),
  },
  forbiddenNames: ["scipy", "torch"],
  allowed: "Python 3 with numpy and math (einsum and @ included); no library attention or softmax (scipy, torch).",
  starterCode: `import numpy as np


def paged_attention_decode(query: np.ndarray, key_cache: np.ndarray, value_cache: np.ndarray,
                           block_tables: np.ndarray, context_lens: np.ndarray) -> np.ndarray:
    # query (S, Hq, d): one new token per sequence. key_cache, value_cache (num_blocks, block_size, Hkv, d).
    # Token t of sequence s: block block_tables[s, t // block_size], slot t % block_size; t < context_lens[s].
    # Query head h reads KV head h // (Hq // Hkv). Scores (q . k) / sqrt(d), softmax. Return (S, Hq, d).
    return np.zeros_like(query)
`,
  solutionCode,
};
