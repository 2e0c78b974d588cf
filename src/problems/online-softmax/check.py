"""Independent check of online-softmax, from the definition: the state after block k is the maximum of every
value read so far and the exact sum (math.fsum) of exp(x − that maximum) over them, recomputed from scratch for
each prefix; the merged state is the same over both parts, the other part given by its own (max, sum)."""

import math

import numpy as np


def online_softmax(blocks: list, other_max: float, other_sum: float) -> dict:
    maxes, sums = [], []
    read = []
    for block in blocks:
        read.extend(float(x) for x in block)
        top = max(read)
        maxes.append(top)
        sums.append(math.fsum(math.exp(x - top) for x in read))
    total_max = max(max(read), other_max)
    total_sum = math.fsum([math.fsum(math.exp(x - total_max) for x in read),
                           other_sum * math.exp(other_max - total_max)])
    probs = np.array([math.exp(x - total_max) / total_sum for x in read])
    return {"maxes": maxes, "sums": sums, "max": total_max, "sum": total_sum, "probs": probs}
