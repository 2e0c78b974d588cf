import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { rnnForwardKernel } from "./kernel.ts";
import { rnnForwardPython } from "./python.ts";

const { solutionCode } = rnnForwardKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "updates h in place: later units see this step's new values of earlier ones", [
    [
      "    const previous = h;\n    h = bh.map((bias, r) => Math.tanh(dot(Wx[r], x) + dot(Wh[r], previous) + bias));",
      "    for (let r = 0; r < h.length; r++) h[r] = Math.tanh(dot(Wx[r], x) + dot(Wh[r], h) + bh[r]);",
    ],
  ]),
  edited(solutionCode, "transposed recurrent weights: Whᵀ·h", [
    ["dot(Wh[r], previous)", "Wh.reduce((acc, row, q) => acc + row[r] * previous[q], 0)"],
  ]),
  edited(solutionCode, "ReLU cell instead of tanh", [
    [
      "Math.tanh(dot(Wx[r], x) + dot(Wh[r], previous) + bias)",
      "Math.max(0, dot(Wx[r], x) + dot(Wh[r], previous) + bias)",
    ],
  ]),
  edited(solutionCode, "h starts at the bias instead of zeros", [
    ["let h: number[] = bh.map(() => 0);", "let h: number[] = bh.slice();"],
  ]),
  edited(solutionCode, "off-by-one: the last time step is never fed in", [
    ["for (const x of xs)", "for (const x of xs.slice(0, -1))"],
  ]),
  edited(solutionCode, "tanh instead of sigmoid on the output: not a probability", [
    [
      "return logit >= 0 ? 1 / (1 + Math.exp(-logit)) : Math.exp(logit) / (1 + Math.exp(logit));",
      "return Math.tanh(logit);",
    ],
  ]),
];

const pythonSolution = rnnForwardPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "forgets the recurrent term Wh·h", [["Wx @ x + Wh @ h + bh", "Wx @ x + bh"]]),
  edited(pythonSolution, "reads the state while overwriting it (unit by unit, in place)", [
    [
      "        h = np.tanh(Wx @ x + Wh @ h + bh)",
      "        for u in range(h.shape[0]):\n            h[u] = np.tanh(Wx[u] @ x + Wh[u] @ h + bh[u])",
    ],
  ]),
  edited(pythonSolution, "ReLU instead of tanh", [
    ["h = np.tanh(Wx @ x + Wh @ h + bh)", "h = np.maximum(Wx @ x + Wh @ h + bh, 0.0)"],
  ]),
  edited(pythonSolution, "Wh used transposed (hᵀ·Wh)", [["Wh @ h", "h @ Wh"]]),
  edited(pythonSolution, "returns the logit, not the probability", [
    ["    logit = float(w_out @ h + b_out)\n", "    return float(w_out @ h + b_out)\n    logit = 0.0\n"],
  ]),
];
