import type { PythonForm } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def softmax_cross_entropy(logits: np.ndarray, targets: np.ndarray) -> dict:
    n = logits.shape[0]
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_sum = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    log_probs = shifted - log_sum
    rows = np.arange(n)
    loss = -log_probs[rows, targets].mean()
    grad = np.exp(log_probs)
    grad[rows, targets] -= 1.0
    return {"loss": float(loss), "grad": grad / n}
`;

export const softmaxCrossEntropyPython: PythonForm = {
  kernelId: "softmax-cross-entropy",
  functionName: "softmax_cross_entropy",
  signature: 'def softmax_cross_entropy(logits: np.ndarray, targets: np.ndarray) -> dict  # {"loss", "grad"}',
  argKinds: ["ndarray2d", "intarray1d"],
  forbiddenNames: ["scipy", "torch"],
  allowed: "Python 3 with numpy and math; no library softmax or cross-entropy (scipy.special, torch).",
  starterCode: `import numpy as np


def softmax_cross_entropy(logits: np.ndarray, targets: np.ndarray) -> dict:
    # logits is N×C; targets[i] is the correct class of row i (an integer array).
    # loss = mean over rows of -log(softmax(logits[i])[targets[i]]);
    # grad[i, c] = (softmax(logits[i])[c] - (1 if c == targets[i] else 0)) / N. Keep it stable for large logits.
    return {"loss": 0.0, "grad": np.zeros_like(logits)}
`,
  solutionCode,
};
