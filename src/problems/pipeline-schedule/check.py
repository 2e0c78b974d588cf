"""Independent check of pipeline-schedule, written from the statement. The ops and their precedence edges (device
order plus data dependencies, each edge with a lag of 0 or comm) form a DAG; every op's start is the longest path
to it, found by Kahn's topological order instead of stepping device by device.
"""

from collections import deque

import numpy as np


def _orders(schedule, p, m, v):
    if schedule == "gpipe":
        one = [("F", i, 0) for i in range(m)] + [("B", i, 0) for i in range(m)]
        return [list(one) for _ in range(p)]
    # Forward sequence: micro-batch groups of p; within a group every chunk in turn, each over the group's
    # micro-batches. Backward sequence: the same with chunk c replaced by v - 1 - c.
    fwd = []
    for group in range(0, m, p):
        for c in range(v):
            for i in range(group, min(group + p, m)):
                fwd.append((i, c))
    bwd = [(i, v - 1 - c) for i, c in fwd]
    total = m * v
    orders = []
    for d in range(p):
        if schedule == "1f1b":
            w = min(p - d - 1, total)
        else:
            w = min(2 * (p - d - 1) + (v - 1) * p, total)
        seq = [("F",) + fwd[k] for k in range(w)]
        for k in range(total - w):
            seq.append(("F",) + fwd[w + k])
            seq.append(("B",) + bwd[k])
        seq += [("B",) + bwd[k] for k in range(total - w, total)]
        orders.append(seq)
    return orders


def pipeline_schedule(schedule, stages, microbatches, chunks, forward, backward, comm):
    p, m, v = int(stages), int(microbatches), int(chunks)
    fw = np.asarray(forward, dtype=np.float64)
    bw = np.asarray(backward, dtype=np.float64)
    comm = float(comm)
    orders = _orders(schedule, p, m, v)

    def device_of(stage):
        return stage % p

    # Node key: (kind, model stage, micro-batch).
    nodes = {}
    for d, seq in enumerate(orders):
        for pos, (kind, i, c) in enumerate(seq):
            nodes[(kind, c * p + d, i)] = (d, pos)
    succ = {key: [] for key in nodes}
    indeg = {key: 0 for key in nodes}

    def edge(a, b, lag):
        succ[a].append((b, lag))
        indeg[b] += 1

    for d, seq in enumerate(orders):
        for pos in range(1, len(seq)):
            ka, ia, ca = seq[pos - 1]
            kb, ib, cb = seq[pos]
            edge((ka, ca * p + d, ia), (kb, cb * p + d, ib), 0.0)
    last = p * v - 1
    for (kind, s, i) in list(nodes):
        if kind == "F" and s > 0:
            edge(("F", s - 1, i), ("F", s, i), 0.0 if device_of(s - 1) == device_of(s) else comm)
        if kind == "B":
            edge(("F", s, i), ("B", s, i), 0.0)
            if s < last:
                edge(("B", s + 1, i), ("B", s, i), 0.0 if device_of(s + 1) == device_of(s) else comm)

    start = {key: 0.0 for key in nodes}
    queue = deque(key for key in nodes if indeg[key] == 0)
    done = 0
    while queue:
        a = queue.popleft()
        done += 1
        kind, s, _ = a
        end_a = start[a] + (fw[s] if kind == "F" else bw[s])
        for b, lag in succ[a]:
            start[b] = max(start[b], end_a + lag)
            indeg[b] -= 1
            if indeg[b] == 0:
                queue.append(b)
    assert done == len(nodes), "cycle"

    timeline = []
    for d, seq in enumerate(orders):
        row = []
        for kind, i, c in seq:
            s = c * p + d
            t0 = start[(kind, s, i)]
            row.append({"microbatch": i, "chunk": c, "kind": kind, "start": t0,
                        "end": t0 + float(fw[s] if kind == "F" else bw[s])})
        timeline.append(row)
    makespan = max(op["end"] for row in timeline for op in row)
    idle = sum(makespan - sum(op["end"] - op["start"] for op in row) for row in timeline)
    peaks = []
    for seq in orders:
        f = np.cumsum([1 if op[0] == "F" else -1 for op in seq])
        peaks.append(int(f.max()))
    return {"timeline": timeline, "makespan": makespan, "bubble_fraction": idle / (p * makespan),
            "peak_in_flight": peaks}
