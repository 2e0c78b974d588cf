"""Independent check of tensor-parallel-mlp, written from the statement: each rank's partial is computed with
explicit loops over its own hidden units (no matrix products), the all-reduce is simulated as a ring
reduce-scatter + all-gather over the output's rows×columns split into T chunks, with the bytes each rank sends
counted along the way, and b2 is added once at the end.
"""

import math

import numpy as np


def _gelu(v: float) -> float:
    return 0.5 * v * (1.0 + math.tanh(math.sqrt(2.0 / math.pi) * (v + 0.044715 * v * v * v)))


def tensor_parallel_mlp(x, w1, b1, w2, b2, ranks: int, bytes_per_element: int) -> dict:
    x = np.asarray(x, dtype=np.float64)
    w1 = np.asarray(w1, dtype=np.float64)
    w2 = np.asarray(w2, dtype=np.float64)
    b, h = x.shape
    f = w1.shape[1]
    per = f // ranks
    partials = np.zeros((ranks, b, h))
    for rank in range(ranks):
        for r in range(b):
            for j in range(rank * per, (rank + 1) * per):
                pre = float(b1[j]) + math.fsum(x[r, k] * w1[k, j] for k in range(h))
                act = _gelu(pre)
                for c in range(h):
                    partials[rank, r, c] += act * w2[j, c]

    # Ring all-reduce of the flattened b*h output, counting elements each rank sends.
    flat = [partials[i].reshape(-1).copy() for i in range(ranks)]
    n = b * h
    bounds = [(c * n // ranks, (c + 1) * n // ranks) for c in range(ranks)]
    sent_elements = 0.0
    for step in range(ranks - 1):  # reduce-scatter
        msgs = [(i, (i - step) % ranks) for i in range(ranks)]
        payload = [flat[i][bounds[c][0]:bounds[c][1]].copy() for i, c in msgs]
        for (i, c), data in zip(msgs, payload):
            lo, hi = bounds[c]
            flat[(i + 1) % ranks][lo:hi] += data
        sent_elements += n / ranks
    for step in range(ranks - 1):  # all-gather
        msgs = [(i, (i + 1 - step) % ranks) for i in range(ranks)]
        payload = [flat[i][bounds[c][0]:bounds[c][1]].copy() for i, c in msgs]
        for (i, c), data in zip(msgs, payload):
            lo, hi = bounds[c]
            flat[(i + 1) % ranks][lo:hi] = data
        sent_elements += n / ranks
    output = flat[0].reshape(b, h) + np.asarray(b2, dtype=np.float64)
    return {"partials": partials, "output": output, "bytes_per_rank": sent_elements * bytes_per_element}
