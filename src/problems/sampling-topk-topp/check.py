"""Independent check of sampling-topk-topp: the same pipeline written with plain Python lists and sorting by
(probability, id) keys, following the statement's order (penalty, temperature, top-k, softmax, top-p, sample)."""

import math


def sample_token(logits, temperature, top_k, top_p, repetition_penalty, previous_tokens, u):
    x = [float(v) for v in logits]
    for i in sorted(set(int(t) for t in previous_tokens)):
        x[i] = x[i] / repetition_penalty if x[i] >= 0 else x[i] * repetition_penalty
    n = len(x)
    if temperature == 0:
        top = max(x)
        winner = min(i for i in range(n) if x[i] == top)
        return {"token": winner, "probs": [1.0 if i == winner else 0.0 for i in range(n)]}
    x = [v / temperature for v in x]
    alive = set(range(n))
    if 0 < top_k < n:
        threshold = sorted(x, reverse=True)[top_k - 1]
        alive = {i for i in range(n) if x[i] >= threshold}
    m = max(x[i] for i in alive)
    e = {i: math.exp(x[i] - m) for i in alive}
    z = math.fsum(e.values())
    p = {i: e[i] / z for i in alive}
    if top_p < 1:
        chosen = []
        acc = 0.0
        for i in sorted(alive, key=lambda j: (-p[j], j)):
            chosen.append(i)
            acc += p[i]
            if acc >= top_p:
                break
        mass = math.fsum(p[i] for i in chosen)
        p = {i: p[i] / mass for i in chosen}
    probs = [p.get(i, 0.0) for i in range(n)]
    running = 0.0
    token = max(i for i in range(n) if probs[i] > 0)
    for i in range(n):
        if probs[i] > 0:
            running += probs[i]
            if u < running:
                token = i
                break
    return {"token": token, "probs": probs}
