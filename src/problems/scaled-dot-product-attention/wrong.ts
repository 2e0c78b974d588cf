import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { scaledDotProductAttentionKernel } from "./kernel.ts";
import { scaledDotProductAttentionPython } from "./python.ts";

const { solutionCode } = scaledDotProductAttentionKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "missing max shift: exp overflows (or underflows to 0/0) for large scores", [
    ["w[base + j] = Math.exp(w[base + j] - max);", "w[base + j] = Math.exp(w[base + j]);"],
  ]),
  edited(solutionCode, "missing causal mask: every query sees every key", [
    [
      'const lastKey = (i: number) => (mask === "none" ? seqK - 1 : Math.min(i + offset, seqK - 1));',
      "const lastKey = (i: number) => seqK - 1;",
    ],
  ]),
  edited(solutionCode, "causal mask off by one: query i sees keys j < i + offset only", [
    ["Math.min(i + offset, seqK - 1)", "Math.min(i + offset - 1, seqK - 1)"],
  ]),
  edited(solutionCode, "top-left when bottom-right is asked: a one-token decoding query sees only key 0 of its cache", [
    ['const offset = mask === "bottom-right" ? seqK - seqQ : 0;', "const offset = 0;"],
  ]),
  edited(
    solutionCode,
    "bottom-right offset with the wrong sign (seqQ − seqK): decoding queries see nothing but key 0",
    [
      [
        'const offset = mask === "bottom-right" ? seqK - seqQ : 0;',
        'const offset = mask === "bottom-right" ? seqQ - seqK : 0;',
      ],
    ],
  ),
  edited(solutionCode, "scales by 1/dK instead of 1/√dK", [
    ["const scale = 1 / Math.sqrt(dK);", "const scale = 1 / dK;"],
  ]),
  edited(solutionCode, "scales by 1/√dV instead of 1/√dK", [
    ["const scale = 1 / Math.sqrt(dK);", "const scale = 1 / Math.sqrt(dV);"],
  ]),
  edited(solutionCode, "float32 accumulation of the output (Math.fround)", [
    ["out[oa + d] += wa * x;", "out[oa + d] = Math.fround(out[oa + d] + wa * x);"],
  ]),
];

const pythonSolution = scaledDotProductAttentionPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "no 1/sqrt(d_k) scaling", [["(q @ k.T) / np.sqrt(q.shape[1])", "q @ k.T"]]),
  edited(pythonSolution, "causal mask lets a query see the next key (j <= i + offset + 1)", [
    ["<= np.arange(seq_q)[:, None] + offset", "<= np.arange(seq_q)[:, None] + offset + 1"],
  ]),
  edited(
    pythonSolution,
    "top-left when bottom-right is asked: a one-token decoding query sees only key 0 of its cache",
    [['offset = seq_k - seq_q if mask == "bottom-right" else 0', "offset = 0"]],
  ),
  edited(pythonSolution, "softmax without the max shift: scores near 800 overflow", [
    ["np.exp(scores - scores.max(axis=1, keepdims=True))", "np.exp(scores)"],
  ]),
  edited(pythonSolution, "softmax over the queries (axis 0) instead of the keys", [
    ["    weights /= weights.sum(axis=1, keepdims=True)", "    weights /= weights.sum(axis=0, keepdims=True)"],
  ]),
  edited(pythonSolution, "scaled by 1/d_k instead of 1/sqrt(d_k)", [["/ np.sqrt(q.shape[1])", "/ q.shape[1]"]]),
];
