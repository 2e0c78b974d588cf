import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { onlineSoftmaxKernel } from "./kernel.ts";
import { onlineSoftmaxPython } from "./python.ts";

const { solutionCode } = onlineSoftmaxKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "multi-pass: the maximum of the whole input first, so every running state uses the final max", [
    ["let m = -Infinity;", "let m = Math.max(...blocks.flat());"],
  ]),
  edited(solutionCode, "the new maximum from the block alone: forgets the running max when a block's max is lower", [
    ["let next = m;", "let next = -Infinity;"],
  ]),
  edited(solutionCode, "never rescales the running sum when the maximum moves", [
    ["d = d * Math.exp(m - next) + blockSum;", "d = d + blockSum;"],
  ]),
  edited(solutionCode, "rescale factor inverted: exp(new m − old m) (NaN on the first block)", [
    ["d = d * Math.exp(m - next) + blockSum;", "d = d * Math.exp(next - m) + blockSum;"],
  ]),
  edited(solutionCode, "merge adds the other part's sum without rescaling it to the merged maximum", [
    ["otherSum * Math.exp(otherMax - max)", "otherSum"],
  ]),
  edited(solutionCode, "merge keeps this part's sum without rescaling it when the other maximum is larger", [
    ["const sum = d * Math.exp(m - max) +", "const sum = d +"],
  ]),
  edited(solutionCode, "probabilities from this part's own state, not the merged one (they sum to 1 over half a row)", [
    ["probs.push(Math.exp(x - max) / sum)", "probs.push(Math.exp(x - m) / d)"],
  ]),
];

const pythonSolution = onlineSoftmaxPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(
    pythonSolution,
    "multi-pass: the maximum of the whole input first, so every running state uses the final max",
    [["    m = -math.inf\n", "    m = max(max(block) for block in blocks)\n"]],
  ),
  edited(pythonSolution, "the new maximum from the block alone: forgets the running max when a block's max is lower", [
    ["new_max = max(m, float(x.max()))", "new_max = float(x.max())"],
  ]),
  edited(pythonSolution, "never rescales the running sum when the maximum moves", [
    ["d = d * math.exp(m - new_max) + ", "d = d + "],
  ]),
  edited(pythonSolution, "merge adds the other part's sum without rescaling it to the merged maximum", [
    ["other_sum * math.exp(other_max - total_max)", "other_sum"],
  ]),
  edited(pythonSolution, "probabilities from this part's own state, not the merged one", [
    ["probs = np.exp(values - total_max) / total_sum", "probs = np.exp(values - m) / d"],
  ]),
];
