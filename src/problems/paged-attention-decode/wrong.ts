import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { pagedAttentionDecodeKernel } from "./kernel.ts";
import { pagedAttentionDecodePython } from "./python.ts";

const { solutionCode } = pagedAttentionDecodeKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "reads the last block in full: the stale slots after the context's end join the softmax", [
    ["const len = contextLens[s];", "const len = Math.ceil(contextLens[s] / blockSize) * blockSize;"],
  ]),
  edited(solutionCode, "misses the newest token (t < contextLens − 1)", [
    ["const len = contextLens[s];", "const len = contextLens[s] - 1 || 1;"],
  ]),
  edited(solutionCode, "KV head h % Hkv instead of ⌊h / (Hq/Hkv)⌋", [
    ["const kv = Math.floor(h / group);", "const kv = h % numKvHeads;"],
  ]),
  edited(solutionCode, "ignores the block table: reads the pool as if sequence s owned contiguous blocks", [
    [
      "const block = blockTables[s][Math.floor(t / blockSize)];\n        const k =",
      "const block = s * blockTables[0].length + Math.floor(t / blockSize);\n        const k =",
    ],
    [
      "const block = blockTables[s][Math.floor(t / blockSize)];\n        const v =",
      "const block = s * blockTables[0].length + Math.floor(t / blockSize);\n        const v =",
    ],
  ]),
  edited(solutionCode, "block and slot swapped: block t % blockSize, slot ⌊t / blockSize⌋", [
    [
      "const block = blockTables[s][Math.floor(t / blockSize)];\n        const k = ((block * blockSize + (t % blockSize))",
      "const block = blockTables[s][t % blockSize] ?? 0;\n        const k = ((block * blockSize + Math.floor(t / blockSize))",
    ],
    [
      "const block = blockTables[s][Math.floor(t / blockSize)];\n        const v = ((block * blockSize + (t % blockSize))",
      "const block = blockTables[s][t % blockSize] ?? 0;\n        const v = ((block * blockSize + Math.floor(t / blockSize))",
    ],
  ]),
  edited(solutionCode, "no 1/√d scale on the scores", [["const scale = 1 / Math.sqrt(d);", "const scale = 1;"]]),
];

const pythonSolution = pagedAttentionDecodePython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "reads the last block in full: the stale slots after the context's end join the softmax", [
    ["k = key_cache[blocks].reshape(-1, hkv, d)[:length]", "k = key_cache[blocks].reshape(-1, hkv, d)"],
    ["v = value_cache[blocks].reshape(-1, hkv, d)[:length]", "v = value_cache[blocks].reshape(-1, hkv, d)"],
  ]),
  edited(pythonSolution, "takes floor(length / block_size) blocks: drops the partly filled last block", [
    [
      "blocks = block_tables[s, : -(-length // block_size)]",
      "blocks = block_tables[s, : max(length // block_size, 1)]",
    ],
  ]),
  edited(pythonSolution, "query heads grouped as (group, hkv): head h reads KV head h % Hkv", [
    ["q = query[s].reshape(hkv, group, d)", "q = query[s].reshape(group, hkv, d).transpose(1, 0, 2)"],
    [
      'out[s] = np.einsum("kgt,tkd->kgd", weights, v).reshape(hq, d)',
      'out[s] = np.einsum("kgt,tkd->kgd", weights, v).transpose(1, 0, 2).reshape(hq, d)',
    ],
  ]),
  edited(pythonSolution, "ignores the block table: reads blocks s*max_blocks, s*max_blocks + 1, ... of the pool", [
    [
      "blocks = block_tables[s, : -(-length // block_size)]",
      "blocks = s * block_tables.shape[1] + np.arange(-(-length // block_size))",
    ],
  ]),
  edited(pythonSolution, "token order lost: gathers slot-major (block_size, blocks) instead of block-major", [
    [
      "k = key_cache[blocks].reshape(-1, hkv, d)[:length]",
      "k = key_cache[blocks].transpose(1, 0, 2, 3).reshape(-1, hkv, d)[:length]",
    ],
    [
      "v = value_cache[blocks].reshape(-1, hkv, d)[:length]",
      "v = value_cache[blocks].transpose(1, 0, 2, 3).reshape(-1, hkv, d)[:length]",
    ],
  ]),
  edited(pythonSolution, "no 1/sqrt(d) scale on the scores", [
    ['np.einsum("kgd,tkd->kgt", q, k) / np.sqrt(d)', 'np.einsum("kgd,tkd->kgt", q, k)'],
  ]),
];
