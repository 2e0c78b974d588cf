"""Independent check of moe-router-capacity, written from the statement: plain Python loops over tokens and
experts. The softmax uses math.exp on max-shifted logits and math.fsum; the top-k is a sort of (-logit, expert)
pairs; capacity is admitted by walking the (choice rank, token) pairs in priority order; the auxiliary loss is
built from counts of the chosen (not kept) assignments.
"""

import math

import numpy as np


def route_tokens(logits: np.ndarray, top_k: int, capacity_factor: float, renormalize: bool,
                 aux_coeff: float) -> dict:
    rows = [[float(v) for v in row] for row in np.asarray(logits, dtype=float)]
    num_tokens = len(rows)
    num_experts = len(rows[0])

    probs = []
    for row in rows:
        top = max(row)
        exps = [math.exp(v - top) for v in row]
        total = math.fsum(exps)
        probs.append([v / total for v in exps])

    choices = []
    for row in rows:
        order = sorted(range(num_experts), key=lambda expert: (-row[expert], expert))
        choices.append(order[:top_k])

    gate = []
    for token in range(num_tokens):
        raw = [probs[token][expert] for expert in choices[token]]
        if renormalize:
            denominator = math.fsum(raw)
            raw = [v / denominator for v in raw]
        gate.append(raw)

    capacity = math.ceil(capacity_factor * num_tokens * top_k / num_experts)
    priority = [(rank, token) for rank in range(top_k) for token in range(num_tokens)]
    used = {expert: 0 for expert in range(num_experts)}
    keep = set()
    dropped = []
    for rank, token in priority:
        expert = choices[token][rank]
        if used[expert] + 1 <= capacity:
            used[expert] += 1
            keep.add((token, rank))
        else:
            dropped.append([token, expert])

    experts = [[choices[token][rank] for rank in range(top_k) if (token, rank) in keep] for token in range(num_tokens)]
    weights = [[gate[token][rank] for rank in range(top_k) if (token, rank) in keep] for token in range(num_tokens)]

    terms = []
    for expert in range(num_experts):
        chosen = sum(1 for token in range(num_tokens) if expert in choices[token])
        f = chosen / (num_tokens * top_k)
        p = math.fsum(probs[token][expert] for token in range(num_tokens)) / num_tokens
        terms.append(f * p)
    aux_loss = aux_coeff * num_experts * math.fsum(terms)

    return {
        "capacity": capacity,
        "experts": experts,
        "weights": weights,
        "dropped": dropped,
        "load": [used[expert] for expert in range(num_experts)],
        "aux_loss": aux_loss,
    }
