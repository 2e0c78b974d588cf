import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { speculativeDecodingVerifyKernel } from "./kernel.ts";
import { speculativeDecodingVerifyPython } from "./python.ts";

const { solutionCode } = speculativeDecodingVerifyKernel;
const ACCEPT = "if (uniforms[i] < Math.min(1, targetProbs[i][d] / draftProbs[i][d])) {";

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "greedy verification: accepts whenever p(d) ≥ q(d), so the output no longer follows p", [
    [ACCEPT, "if (targetProbs[i][d] >= draftProbs[i][d]) {"],
  ]),
  edited(solutionCode, "resamples from max(0, p − q) without normalising it", [
    ["const residual = excess.map((v) => v / mass);", "const residual = excess;"],
  ]),
  edited(solutionCode, "resamples from p itself instead of the residual max(0, p − q)", [
    [
      "const excess = targetProbs[i].map((px, x) => Math.max(0, px - draftProbs[i][x]));",
      "const excess = [...targetProbs[i]];",
    ],
  ]),
  edited(solutionCode, "no bonus token when every draft token is accepted", [
    [
      "  const residual = [...targetProbs[k]];\n  tokens.push(pick(residual));",
      "  const residual = [...targetProbs[k]];",
    ],
  ]),
  edited(solutionCode, "keeps checking the draft after a rejection", [
    [
      "    tokens.push(pick(residual));\n    return { accepted: i, tokens, residual, acceptanceRates, expectedTokens };",
      "    tokens.push(pick(residual));\n    continue;",
    ],
  ]),
  edited(solutionCode, "accepts when u ≤ p/q: a token the target gives probability 0 passes with u = 0", [
    [ACCEPT, "if (uniforms[i] <= Math.min(1, targetProbs[i][d] / draftProbs[i][d])) {"],
  ]),
  edited(
    solutionCode,
    "expected tokens as 1 + Σβ_i, forgetting that position i is reached only if all before it were accepted",
    [["    reach *= beta;\n    expectedTokens += reach;", "    expectedTokens += beta;"]],
  ),
];

const pythonSolution = speculativeDecodingVerifyPython.solutionCode;
const PY_ACCEPT = "if uniforms[i] < min(1.0, target_probs[i, d] / draft_probs[i, d]):";

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "greedy verification: accepts whenever p(d) ≥ q(d), so the output no longer follows p", [
    [PY_ACCEPT, "if target_probs[i, d] >= draft_probs[i, d]:"],
  ]),
  edited(pythonSolution, "resamples from max(0, p − q) without normalising it", [
    ["residual = excess / excess.sum()", "residual = excess"],
  ]),
  edited(pythonSolution, "resamples from p itself instead of the residual max(0, p − q)", [
    ["excess = np.maximum(0.0, target_probs[i] - draft_probs[i])", "excess = target_probs[i].copy()"],
  ]),
  edited(pythonSolution, "no bonus token when every draft token is accepted", [
    [
      "    residual = target_probs[k].copy()\n    tokens.append(_pick(residual, r))",
      "    residual = target_probs[k].copy()",
    ],
  ]),
  edited(pythonSolution, "keeps checking the draft after a rejection", [
    [
      '        tokens.append(_pick(residual, r))\n        return {"accepted": i, "tokens": tokens, "residual": residual,\n                "acceptance_rates": rates, "expected_tokens": expected}',
      "        tokens.append(_pick(residual, r))\n        continue",
    ],
  ]),
  edited(pythonSolution, "accepts when u ≤ p/q: a token the target gives probability 0 passes with u = 0", [
    [PY_ACCEPT, "if uniforms[i] <= min(1.0, target_probs[i, d] / draft_probs[i, d]):"],
  ]),
  edited(
    pythonSolution,
    "expected tokens as 1 + Σβ_i, forgetting that position i is reached only if all before it were accepted",
    [["expected = 1.0 + float(np.cumprod(rates).sum())", "expected = 1.0 + float(rates.sum())"]],
  ),
];
