import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def finetune_head_step(features: np.ndarray, targets: np.ndarray, W: np.ndarray, b: np.ndarray, lr: float) -> dict:
    n = features.shape[0]
    logits = features @ W + b
    top = logits.max(axis=1, keepdims=True)
    exps = np.exp(logits - top)
    total = exps.sum(axis=1, keepdims=True)
    rows = np.arange(n)
    loss = float((top[:, 0] + np.log(total[:, 0]) - logits[rows, targets]).mean())
    g = exps / total
    g[rows, targets] -= 1.0
    g /= n
    return {"W": W - lr * (features.T @ g), "b": b - lr * g.sum(axis=0), "loss": loss}
`;

export const finetuneHeadStepPython: PythonForm = {
  kernelId: "finetune-head-step",
  functionName: "finetune_head_step",
  signature:
    'def finetune_head_step(features: np.ndarray, targets: np.ndarray, W: np.ndarray, b: np.ndarray, lr: float) -> dict  # {"W", "b", "loss"}',
  argKinds: ["ndarray2d", "intarray1d", "ndarray2d", "ndarray1d", "float"],
  forbiddenNames: ["torch"],
  allowed: `${NUMPY_ALLOWED} The @ operator is allowed; no training library (torch).`,
  starterCode: `import numpy as np


def finetune_head_step(features: np.ndarray, targets: np.ndarray, W: np.ndarray, b: np.ndarray, lr: float) -> dict:
    # features (N×D) come from a frozen backbone; the head is logits = features·W + b with W D×C.
    # loss = mean softmax cross-entropy against targets, computed BEFORE the update.
    # One SGD step: W - lr * dLoss/dW and b - lr * dLoss/db. Return new arrays {"W", "b", "loss"}.
    return {"W": W.copy(), "b": b.copy(), "loss": 0.0}
`,
  solutionCode,
};
