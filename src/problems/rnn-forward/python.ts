import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import math

import numpy as np


def rnn_forward(xs: np.ndarray, Wx: np.ndarray, Wh: np.ndarray, bh: np.ndarray, w_out: np.ndarray, b_out: float) -> float:
    h = np.zeros(bh.shape[0])
    for x in xs:
        h = np.tanh(Wx @ x + Wh @ h + bh)
    logit = float(w_out @ h + b_out)
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    return math.exp(logit) / (1.0 + math.exp(logit))
`;

export const rnnForwardPython: PythonForm = {
  kernelId: "rnn-forward",
  functionName: "rnn_forward",
  signature:
    "def rnn_forward(xs: np.ndarray, Wx: np.ndarray, Wh: np.ndarray, bh: np.ndarray, w_out: np.ndarray, b_out: float) -> float",
  argKinds: ["ndarray2d", "ndarray2d", "ndarray2d", "ndarray1d", "ndarray1d", "float"],
  forbiddenNames: ["torch"],
  allowed: `${NUMPY_ALLOWED} The @ operator is allowed.`,
  starterCode: `import numpy as np


def rnn_forward(xs: np.ndarray, Wx: np.ndarray, Wh: np.ndarray, bh: np.ndarray, w_out: np.ndarray, b_out: float) -> float:
    # xs is T×D (one input vector per time step); Wx is H×D, Wh is H×H, bh and w_out have length H.
    # h starts at zeros(H); for each step: h = tanh(Wx·x_t + Wh·h + bh) (the previous h for every unit).
    # Return sigmoid(w_out·h_T + b_out), the probability of the positive class.
    return 0.5
`,
  solutionCode,
};
