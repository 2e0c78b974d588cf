"""Independent check of online-softmax: computed in two passes (the maximum, then the sum relative to it),
which the one-pass algorithm must agree with."""

import math

import numpy as np


def online_softmax(x: np.ndarray) -> dict:
    top = float(np.max(x))
    sum_exp = math.fsum(math.exp(value - top) for value in x)
    probs = np.array([math.exp(value - top) / sum_exp for value in x])
    return {"max": top, "sum_exp": sum_exp, "probs": probs}
