"""Independent check of ring-allreduce: the ring simulated message by message — reduce-scatter with
simultaneous sends (all messages of a step read before any is applied), division by N, then all-gather."""

import numpy as np


def ring_allreduce(buffers: np.ndarray) -> np.ndarray:
    workers, length = buffers.shape
    base, extra = divmod(length, workers)
    bounds = []
    start = 0
    for c in range(workers):
        size = base + (1 if c < extra else 0)
        bounds.append((start, start + size))
        start += size
    held = [list(map(float, buffers[i])) for i in range(workers)]

    def chunk(c):
        return range(*bounds[c % workers])

    for step in range(workers - 1):
        messages = [((i + 1) % workers, (i - step) % workers, [held[i][p] for p in chunk(i - step)])
                    for i in range(workers)]
        for receiver, c, values in messages:
            for p, value in zip(chunk(c), values):
                held[receiver][p] = held[receiver][p] + value
    for i in range(workers):
        for p in chunk(i + 1):
            held[i][p] = held[i][p] / workers
    for step in range(workers - 1):
        messages = [((i + 1) % workers, (i + 1 - step) % workers, [held[i][p] for p in chunk(i + 1 - step)])
                    for i in range(workers)]
        for receiver, c, values in messages:
            for p, value in zip(chunk(c), values):
                held[receiver][p] = value
    return np.array(held, dtype=np.float64).reshape(workers, length)
