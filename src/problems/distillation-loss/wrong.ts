import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { distillationLossKernel } from "./kernel.ts";
import { distillationLossPython } from "./python.ts";

const { solutionCode } = distillationLossKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "log-softmax without the max shift: exp overflows from logits/T ≥ 710", [
    ["const m = Math.max(...z);", "const m = 0;"],
  ]),
  edited(solutionCode, "forgets the T² factor on the soft loss", [
    ["const softLoss = (soft / n) * T * T;", "const softLoss = soft / n;"],
  ]),
  edited(solutionCode, "KL reversed: KL(student ‖ teacher)", [
    [
      "      const p = Math.exp(l);\n      if (p > 0) soft += p * (l - ls[c]);",
      "      const q = Math.exp(ls[c]);\n      if (q > 0) soft += q * (ls[c] - l);",
    ],
  ]),
  edited(solutionCode, "hard loss at temperature T instead of 1", [
    ["hard += -logSoftmaxRow(s)[labels[i]];", "hard += -ls[labels[i]];"],
  ]),
  edited(solutionCode, "alpha weights swapped between the soft and hard losses", [
    ["loss: alpha * softLoss + (1 - alpha) * hardLoss", "loss: (1 - alpha) * softLoss + alpha * hardLoss"],
  ]),
];

const pythonSolution = distillationLossPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "forgets the T² factor on the soft loss", [["kl.mean() * T * T", "kl.mean()"]]),
];
