import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { softmaxKernel } from "./kernel.ts";
import { softmaxPython } from "./python.ts";

const { solutionCode } = softmaxKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "missing max shift: exp overflows to Infinity for values ≥ 710 (NaN rows)", [
    ["Math.exp(v - max)", "Math.exp(v)"],
  ]),
  edited(solutionCode, "max shift starts from 0 instead of −∞: a row of values ≤ −746 underflows to 0/0", [
    ["let max = -Infinity;", "let max = 0;"],
  ]),
  edited(solutionCode, "forgets to normalise: returns exp(x − max) rather than probabilities", [
    ["return e.map((v) => v / total);", "return total > 0 ? e : [];"],
  ]),
  edited(solutionCode, "shifted numerators over an unshifted denominator Σ exp(x)", [
    ["for (const v of e) total += v;", "for (const v of row) total += Math.exp(v);"],
  ]),
  {
    why: "float32 accumulation (Math.fround): probabilities off by ~1e-8, beyond the 1e-9 relative tolerance",
    code: `function softmax(x: number[][]): number[][] {
  return x.map((row) => {
    let max = -Infinity;
    for (const v of row) max = Math.max(max, v);
    const e = row.map((v) => Math.fround(Math.exp(v - max)));
    let total = 0;
    for (const v of e) total = Math.fround(total + v);
    return e.map((v) => Math.fround(v / total));
  });
}
`,
  },
];

const pythonSolution = softmaxPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "no max shift: exp(1000) overflows to inf and the row becomes NaN", [
    ["x - x.max(axis=1, keepdims=True)", "x"],
  ]),
  edited(pythonSolution, "normalises over columns (axis 0) instead of rows", [
    ["e / e.sum(axis=1, keepdims=True)", "e / e.sum(axis=0, keepdims=True)"],
  ]),
  edited(pythonSolution, "shift by the whole matrix's maximum instead of each row's", [
    ["x - x.max(axis=1, keepdims=True)", "x - x.max()"],
  ]),
  edited(pythonSolution, "forgets to normalise: returns exp(x − max)", [
    ["    return e / e.sum(axis=1, keepdims=True)", "    return e"],
  ]),
  edited(pythonSolution, "float32 arithmetic: off by ~1e-8, beyond the 1e-9 relative tolerance", [
    ["    e = np.exp(shifted)", "    e = np.exp(shifted.astype(np.float32))"],
  ]),
];
