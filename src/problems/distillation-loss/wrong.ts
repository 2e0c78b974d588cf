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
  edited(pythonSolution, "log-softmax without the max shift: exp overflows from logits/T ≥ 710", [
    ["    m = z.max(axis=1, keepdims=True)\n", "    m = 0.0\n"],
  ]),
  edited(pythonSolution, "KL reversed: KL(student ‖ teacher)", [
    ["kl = np.where(p > 0, p * (lt - ls), 0.0).sum(axis=1)", "kl = (np.exp(ls) * (ls - lt)).sum(axis=1)"],
  ]),
  edited(pythonSolution, "hard loss at temperature T instead of 1", [
    ["-log_softmax(student_logits)[np.arange(n), labels]", "-log_softmax(student_logits / T)[np.arange(n), labels]"],
  ]),
  edited(pythonSolution, "alpha weights the hard loss instead of the soft one", [
    ['"loss": alpha * soft_loss + (1 - alpha) * hard_loss', '"loss": (1 - alpha) * soft_loss + alpha * hard_loss'],
  ]),
];
