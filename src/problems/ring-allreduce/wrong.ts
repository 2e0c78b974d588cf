import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { ringAllreduceKernel } from "./kernel.ts";
import { ringAllreducePython } from "./python.ts";

const { solutionCode } = ringAllreduceKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  {
    why: "computes the mean directly (worker 0 + 1 + … order) instead of running the ring: wrong where addition order matters",
    code: `function ringAllreduce(buffers: number[][]): number[][] {
  const n = buffers.length;
  const mean = (buffers[0] ?? []).map((_, j) => {
    let sum = 0;
    for (const buffer of buffers) sum += buffer[j];
    return sum / n;
  });
  return buffers.map(() => mean.slice());
}
`,
  },
  edited(solutionCode, "chunking puts the remainder in the last chunk (sizes 2, 2, 2, 4 for L = 10, N = 4)", [
    [
      "offset += Math.floor(len / n) + (c < len % n ? 1 : 0);",
      "offset += c < n - 1 ? Math.floor(len / n) : len - offset;",
    ],
  ]),
  edited(solutionCode, "all-gather adds the forwarded chunk instead of overwriting it", [
    ["target[starts[c] + j] = values[j];", "target[starts[c] + j] += values[j];"],
  ]),
  edited(solutionCode, "never divides by N: returns the sum, not the mean", [
    [
      "  for (let i = 0; i < n; i++) {\n    const c = (i + 1) % n;\n    for (let j = starts[c]; j < starts[c + 1]; j++) held[i][j] = held[i][j] / n;\n  }\n",
      "",
    ],
  ]),
  edited(solutionCode, "divides chunk i instead of the chunk (i + 1) mod N the worker owns after reduce-scatter", [
    ["const c = (i + 1) % n;", "const c = i;"],
  ]),
  edited(solutionCode, "reduce-scatter sends chunk (i + s) mod N instead of (i − s) mod N", [
    ["const c = wrap(i - s);", "const c = wrap(i + s);"],
  ]),
];

const pythonSolution = ringAllreducePython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  {
    why: "the mean in numpy's order, not the ring's: differs where addition order matters",
    code: `import numpy as np


def ring_allreduce(buffers: np.ndarray) -> np.ndarray:
    return np.tile(buffers.mean(axis=0), (buffers.shape[0], 1))
`,
  },
  edited(pythonSolution, "sum instead of mean", [["held[i, chunk((i + 1) % n)] /= n", "pass"]]),
  edited(pythonSolution, "the last chunks get the extra elements instead of the first", [
    ["(1 if c < length % n else 0)", "(1 if c >= n - length % n else 0)"],
  ]),
  edited(pythonSolution, "reduce-scatter sends chunk (i + s) instead of (i − s)", [
    [
      "outgoing = [((i - s) % n, held[i, chunk((i - s) % n)].copy()) for i in range(n)]",
      "outgoing = [((i + s) % n, held[i, chunk((i + s) % n)].copy()) for i in range(n)]",
    ],
  ]),
  edited(pythonSolution, "all-gather adds instead of overwriting", [
    ["            held[(i + 1) % n, chunk(c)] = values", "            held[(i + 1) % n, chunk(c)] += values"],
  ]),
];
