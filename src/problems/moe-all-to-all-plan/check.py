"""Independent check of moe-all-to-all-plan, written from the statement: every token copy is a record
(destination rank, local expert, token, slot); the permutation is a plain sort of those records, the all-to-all is
simulated with explicit per-pair send lists, and the combine looks each returned value up by (source rank, copy).
"""

import math

import numpy as np


def moe_all_to_all_plan(num_ranks, num_experts, top_experts, gate_weights, expert_outputs):
    local = num_experts // num_ranks
    send = [[0] * num_ranks for _ in range(num_ranks)]
    recv = [[[0] * local for _ in range(num_ranks)] for _ in range(num_ranks)]
    orders, inverses = [], []
    send_lists = [[[] for _ in range(num_ranks)] for _ in range(num_ranks)]  # [src][dst] -> copies in send order
    for src in range(num_ranks):
        choices = np.asarray(top_experts[src]).tolist()
        records = []
        for t, row in enumerate(choices):
            k = len(row)
            for j, expert in enumerate(row):
                expert = int(expert)
                records.append((expert // local, expert % local, t, j, t * k + j))
        records.sort()
        order = [record[4] for record in records]
        inverse = [0] * len(order)
        for position, copy in enumerate(order):
            inverse[copy] = position
        for dst, expert_local, _, _, copy in records:
            send[src][dst] += 1
            recv[dst][src][expert_local] += 1
            send_lists[src][dst].append(copy)
        orders.append(order)
        inverses.append(inverse)

    value_of = {}  # (src, copy) -> the expert output that came back
    for dst in range(num_ranks):
        buffer = [float(v) for v in np.asarray(expert_outputs[dst]).tolist()]
        cursor = 0
        for src in range(num_ranks):
            for copy in send_lists[src][dst]:
                value_of[(src, copy)] = buffer[cursor]
                cursor += 1
        assert cursor == len(buffer)

    combined = []
    for src in range(num_ranks):
        weights = np.asarray(gate_weights[src], dtype=np.float64).tolist()
        out = []
        for t, row in enumerate(weights):
            k = len(row)
            out.append(math.fsum(w * value_of[(src, t * k + j)] for j, w in enumerate(row)))
        combined.append(out)
    return {"send_counts": send, "recv_counts": recv, "order": orders, "inverse": inverses, "combined": combined}
