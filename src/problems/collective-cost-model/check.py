"""Independent check of collective-cost-model, written from the statement: every algorithm's time is built by
adding up its communication steps one at a time (a ring step moves S/p bytes, a tree level the whole S, a pairwise
all-to-all step S/p), rather than from the closed forms, and the fastest is found with min over (time, order).
"""

import math

FACTOR = {"allreduce": lambda p: 2 * (p - 1) / p}


def _steps(count: int, alpha: float, beta: float, chunk: float) -> float:
    total = 0.0
    for _ in range(count):
        total += alpha + chunk * beta
    return total


def collective_cost(network: dict, collective: str, size: float) -> dict:
    p = network["ranks"]
    g = network["gpus_per_node"]
    nodes = p // g
    spans_nodes = nodes > 1
    alpha = network["inter_alpha"] if spans_nodes else network["intra_alpha"]
    beta = network["inter_beta"] if spans_nodes else network["intra_beta"]

    algorithms = []
    if collective == "allreduce":
        # ring: p-1 reduce-scatter steps and p-1 all-gather steps of S/p bytes each
        algorithms.append(("ring", _steps(2 * (p - 1), alpha, beta, size / p)))
        # binomial tree: ceil(log2 p) levels up (reduce) and as many down (broadcast), whole S each
        levels = 0
        while (1 << levels) < p:
            levels += 1
        algorithms.append(("tree", _steps(2 * levels, alpha, beta, size)))
        if spans_nodes and g > 1:
            a1, b1 = network["intra_alpha"], network["intra_beta"]
            a2, b2 = network["inter_alpha"], network["inter_beta"]
            scatter = _steps(g - 1, a1, b1, size / g)  # intra-node reduce-scatter
            across = _steps(2 * (nodes - 1), a2, b2, (size / g) / nodes)  # ring all-reduce of S/g across nodes
            gather = _steps(g - 1, a1, b1, size / g)  # intra-node all-gather
            algorithms.append(("hierarchical", scatter + across + gather))
    elif collective == "alltoall":
        algorithms.append(("pairwise", _steps(p - 1, alpha, beta, size / p)))
    elif collective in ("reducescatter", "allgather"):
        algorithms.append(("ring", _steps(p - 1, alpha, beta, size / p)))
    else:
        raise ValueError(f"unknown collective {collective!r}")

    order = {name: i for i, (name, _) in enumerate(algorithms)}
    name, time = min(algorithms, key=lambda item: (item[1], order[item[0]]))
    algbw = size / time
    factor = FACTOR.get(collective, lambda q: (q - 1) / q)(p)
    return {
        "algorithms": [{"name": n, "time": t} for n, t in algorithms],
        "fastest": name,
        "time": time,
        "algbw": algbw,
        "busbw": algbw * factor,
    }
