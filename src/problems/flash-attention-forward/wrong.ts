import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { flashAttentionForwardKernel } from "./kernel.ts";
import { naive } from "./naive.ts";
import { flashAttentionForwardPython } from "./python.ts";

const { solutionCode } = flashAttentionForwardKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "l not rescaled when the maximum grows: earlier tiles' sums stay relative to the old max", [
    ["li[r] = li[r] * alpha + rowSum;", "li[r] = li[r] + rowSum;"],
  ]),
  edited(solutionCode, "output accumulator not rescaled when the maximum grows", [
    ["for (let x = 0; x < d; x++) acc[r * d + x] *= alpha;\n", ""],
  ]),
  edited(solutionCode, "final division by l missing: returns the unnormalised accumulator", [
    ["out[(start + r) * d + x] = acc[r * d + x] / li[r];", "out[(start + r) * d + x] = acc[r * d + x];"],
  ]),
  edited(solutionCode, "lse = log(l) without adding the running maximum", [
    ["lse[start + r] = mi[r] + Math.log(li[r]);", "lse[start + r] = Math.log(li[r]);"],
  ]),
  edited(solutionCode, "scale 1/d instead of 1/√d", [["const scale = 1 / Math.sqrt(d);", "const scale = 1 / d;"]]),
  edited(solutionCode, "records the tile's own maximum as m instead of the running maximum", [
    ["m[j * n + i] = mi[r];", "m[j * n + i] = tileMax;"],
  ]),
  edited(
    solutionCode,
    "two passes with the global row maximum: out and lse right, but every tile's (m, l) is relative to the final max",
    [
      [
        "    for (let j = 0; j < tiles; j++) {\n      const first",
        `    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < n; c++) {
        let dot = 0;
        for (let x = 0; x < d; x++) dot += q[(start + r) * d + x] * k[c * d + x];
        mi[r] = Math.max(mi[r], dot * scale);
      }
    }
    for (let j = 0; j < tiles; j++) {
      const first`,
      ],
    ],
  ),
  { why: `naive: ${naive.why} — 32 MiB of scores at n = 2048, over the memory limit`, code: naive.code },
];

const pythonSolution = flashAttentionForwardPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "l not rescaled when the maximum grows", [
    ["li = li * alpha + p.sum(axis=1)", "li = li + p.sum(axis=1)"],
  ]),
  edited(pythonSolution, "output accumulator not rescaled when the maximum grows", [
    ["acc = acc * alpha[:, None] + p @ vj", "acc = acc + p @ vj"],
  ]),
  edited(pythonSolution, "lse = log(l) without adding the running maximum", [
    ["lse[i0 : i0 + br] = mi + np.log(li)", "lse[i0 : i0 + br] = np.log(li)"],
  ]),
  edited(pythonSolution, "final division by l missing: returns the unnormalised accumulator", [
    ["out[i0 : i0 + br] = acc / li[:, None]", "out[i0 : i0 + br] = acc"],
  ]),
  edited(
    pythonSolution,
    "two passes with the global row maximum: out and lse right, but every tile's (m, l) is relative to the final max",
    [["mi = np.full(len(qi), -np.inf)", "mi = (qi @ k.T).max(axis=1)"]],
  ),
  edited(pythonSolution, "scale 1/d instead of 1/sqrt(d)", [["scale = 1.0 / np.sqrt(d)", "scale = 1.0 / d"]]),
  edited(pythonSolution, "records the tile's own maximum as m instead of the running maximum", [
    ["m[j, i0 : i0 + br] = mi", "m[j, i0 : i0 + br] = s.max(axis=1)"],
  ]),
  {
    why: "the whole (n, n) score matrix: right values, but 32 MiB of scores at n = 2048, over the memory limit",
    code: `import numpy as np


def flash_attention_forward(q: np.ndarray, k: np.ndarray, v: np.ndarray, br: int, bc: int) -> dict:
    n, d = q.shape
    tiles = -(-n // bc)
    s = (q @ k.T) / np.sqrt(d)
    m = np.empty((tiles, n))
    l = np.empty((tiles, n))
    for j in range(tiles):
        prefix = s[:, : (j + 1) * bc]
        m[j] = prefix.max(axis=1)
        l[j] = np.exp(prefix - m[j][:, None]).sum(axis=1)
    p = np.exp(s - m[-1][:, None]) / l[-1][:, None]
    return {"out": p @ v, "lse": m[-1] + np.log(l[-1]), "m": m, "l": l}
`,
  },
];
