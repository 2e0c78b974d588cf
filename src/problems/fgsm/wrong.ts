import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { fgsmKernel } from "./kernel.ts";
import { fgsmPython } from "./python.ts";

const { solutionCode } = fgsmKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(
    solutionCode,
    "naive binary cross-entropy −[y log p + (1 − y) log(1 − p)]: log(0) = −∞ once p rounds to 1 (z ≳ 37, label 0) or to 0 (z ≲ −745, label 1)",
    [
      [
        "const loss = label === 1 ? logOnePlusExp(-z) : logOnePlusExp(z);",
        "const prob = 1 / (1 + Math.exp(-z));\n  const loss = -(label * Math.log(prob) + (1 - label) * Math.log(1 - prob));",
      ],
    ],
  ),
  edited(solutionCode, "softplus as log(1 + exp(t)) without the large-t branch: overflows for |z| ≥ 710", [
    ["(t > 0 ? t + Math.log(1 + Math.exp(-t)) : Math.log(1 + Math.exp(t)))", "Math.log(1 + Math.exp(t))"],
  ]),
  edited(solutionCode, "gradient sign flipped: (y − p)·w", [["(p - label) * wj", "(label - p) * wj"]]),
  edited(solutionCode, "forgets to clip to [clipMin, clipMax]", [
    ["return Math.min(clipMax, Math.max(clipMin, moved));", "return moved;"],
  ]),
  edited(solutionCode, "treats sign(0) as +1: features with zero gradient still move", [
    ["epsilon * Math.sign(gradient[j])", "epsilon * (gradient[j] >= 0 ? 1 : -1)"],
  ]),
];

const pythonSolution = fgsmPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "steps against the gradient (lowers the loss)", [
    ["x + epsilon * np.sign(gradient)", "x - epsilon * np.sign(gradient)"],
  ]),
  edited(pythonSolution, "no clipping to the valid range", [
    ["np.clip(x + epsilon * np.sign(gradient), clip_min, clip_max)", "x + epsilon * np.sign(gradient)"],
  ]),
  edited(pythonSolution, "gradient with the wrong sign: (label − p)·w", [
    ["gradient = (p - label) * w", "gradient = (label - p) * w"],
  ]),
  edited(pythonSolution, "loss by the definition −log p: log(0) = −inf once |z| is large", [
    [
      "loss = log_one_plus_exp(-z) if label == 1 else log_one_plus_exp(z)",
      "loss = -np.log(1.0 / (1.0 + np.exp(-z))) if label == 1 else -np.log(1.0 - 1.0 / (1.0 + np.exp(-z)))",
    ],
  ]),
  edited(pythonSolution, "steps by the raw gradient instead of its sign", [
    ["x + epsilon * np.sign(gradient)", "x + epsilon * gradient"],
  ]),
];
