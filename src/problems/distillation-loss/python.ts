import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def log_softmax(z: np.ndarray) -> np.ndarray:
    m = z.max(axis=1, keepdims=True)
    return z - m - np.log(np.exp(z - m).sum(axis=1, keepdims=True))


def distillation_loss(student_logits: np.ndarray, teacher_logits: np.ndarray, labels: np.ndarray,
                      temperature: float, alpha: float) -> dict:
    T = temperature
    ls = log_softmax(student_logits / T)
    lt = log_softmax(teacher_logits / T)
    p = np.exp(lt)
    kl = np.where(p > 0, p * (lt - ls), 0.0).sum(axis=1)
    soft_loss = float(kl.mean() * T * T)
    n = student_logits.shape[0]
    hard_loss = float(-log_softmax(student_logits)[np.arange(n), labels].mean())
    return {"loss": alpha * soft_loss + (1 - alpha) * hard_loss, "soft_loss": soft_loss, "hard_loss": hard_loss}
`;

export const distillationLossPython: PythonForm = {
  kernelId: "distillation-loss",
  functionName: "distillation_loss",
  signature: `def distillation_loss(student_logits: np.ndarray, teacher_logits: np.ndarray, labels: np.ndarray,
                      temperature: float, alpha: float) -> dict  # {"loss", "soft_loss", "hard_loss"}`,
  argKinds: ["ndarray2d", "ndarray2d", "intarray1d", "float", "float"],
  adapter: dictResult(["loss", "soft_loss", "hard_loss"]),
  forbiddenNames: ["scipy", "torch"],
  allowed: "Python 3 with numpy and math; no library softmax, log-softmax or KL divergence (scipy, torch).",
  starterCode: `import numpy as np


def distillation_loss(student_logits: np.ndarray, teacher_logits: np.ndarray, labels: np.ndarray,
                      temperature: float, alpha: float) -> dict:
    # soft_loss = T² * mean over rows of KL(softmax(teacher / T) || softmax(student / T));
    # hard_loss = mean over rows of -log softmax(student)[label]; loss = alpha * soft_loss + (1 - alpha) * hard_loss.
    # Use a numerically stable log-softmax.
    return {"loss": 0.0, "soft_loss": 0.0, "hard_loss": 0.0}
`,
  solutionCode,
};
