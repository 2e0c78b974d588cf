"""Independent check of ddp-bucketing-overlap, written from the statement: the buckets are cut from the running
byte total of the reversed parameter list (a cut after every position where the bucket's total reaches the limit in
force, the limits taken from a list [first cap, cap, cap, ...]), and the schedule is a simulation of one FIFO
communication stream over the buckets' ready events.
"""

import numpy as np


def ring_allreduce_time(size: float, ranks: int, alpha: float, bandwidth: float) -> float:
    steps = 2 * (ranks - 1)  # p-1 reduce-scatter steps, then p-1 all-gather steps
    chunk = size / ranks  # each step moves one chunk of S/p bytes per rank
    return steps * alpha + steps * chunk / bandwidth


def ddp_overlap(param_bytes: list, ready_times: np.ndarray, first_bucket_cap: int, bucket_cap: int,
                ranks: int, alpha: float, bandwidth: float) -> dict:
    sizes = [int(v) for v in param_bytes]
    times = [float(v) for v in np.asarray(ready_times, dtype=float)]
    order = list(range(len(sizes)))[::-1]

    cuts = []
    total = 0
    limits = [first_bucket_cap] + [bucket_cap] * len(order)
    limit_index = 0
    bucket_start = 0
    for position, param in enumerate(order):
        total += sizes[param]
        if total >= limits[limit_index]:
            cuts.append((bucket_start, position + 1))
            bucket_start = position + 1
            total = 0
            limit_index += 1
    if bucket_start < len(order):
        cuts.append((bucket_start, len(order)))

    buckets = [order[a:b] for a, b in cuts]
    bucket_bytes = [sum(sizes[p] for p in bucket) for bucket in buckets]
    ready = [max(times[p] for p in bucket) for bucket in buckets]

    queue = list(range(len(buckets)))
    clock = 0.0
    start, end = [], []
    while queue:
        b = queue.pop(0)  # in order: bucket b cannot start before bucket b-1 has finished
        if ready[b] > clock:
            clock = ready[b]
        start.append(clock)
        clock = clock + ring_allreduce_time(bucket_bytes[b], ranks, alpha, bandwidth)
        end.append(clock)

    backward_end = max(times)
    comm_end = end[-1]
    return {
        "buckets": buckets,
        "bucket_bytes": bucket_bytes,
        "ready": ready,
        "start": start,
        "end": end,
        "backward_end": backward_end,
        "comm_end": comm_end,
        "exposed": comm_end - backward_end,
    }
