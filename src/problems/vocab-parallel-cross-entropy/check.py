"""Independent check of vocab-parallel-cross-entropy, written from the statement: it first gathers the full
vocabulary row of every token (concatenating the shards in rank order), computes the loss by log-sum-exp over the
whole row with math.fsum, and only then derives what each rank would have sent in each all-reduce, token by token
with plain loops.
"""

import math

import numpy as np


def vocab_parallel_cross_entropy(shards, targets):
    shards = np.asarray(shards, dtype=np.float64)
    ranks, tokens, s = shards.shape
    targets = [int(t) for t in np.asarray(targets)]
    full = np.concatenate([shards[r] for r in range(ranks)], axis=1)  # (N, V)

    loss = np.zeros(tokens)
    global_max = np.zeros(tokens)
    sum_exp = np.zeros(tokens)
    target_logit = np.zeros(tokens)
    grad_full = np.zeros_like(full)
    for n in range(tokens):
        row = [float(x) for x in full[n]]
        m = max(row)
        total = math.fsum(math.exp(x - m) for x in row)
        global_max[n] = m
        sum_exp[n] = total
        target_logit[n] = row[targets[n]] - m
        loss[n] = math.log(total) - (row[targets[n]] - m)
        for j, x in enumerate(row):
            grad_full[n, j] = (math.exp(x - m) / total - (1.0 if j == targets[n] else 0.0)) / tokens

    local_max = np.zeros((ranks, tokens))
    local_target = np.zeros((ranks, tokens))
    local_sum_exp = np.zeros((ranks, tokens))
    grad = np.zeros((ranks, tokens, s))
    for r in range(ranks):
        lo, hi = r * s, (r + 1) * s
        for n in range(tokens):
            part = [float(x) for x in full[n, lo:hi]]
            local_max[r, n] = max(part)
            local_sum_exp[r, n] = math.fsum(math.exp(x - global_max[n]) for x in part)
            if lo <= targets[n] < hi:
                local_target[r, n] = full[n, targets[n]] - global_max[n]
        grad[r] = grad_full[:, lo:hi]

    return {"loss": loss, "mean_loss": math.fsum(loss) / tokens, "grad": grad,
            "local_max": local_max, "global_max": global_max,
            "local_target": local_target, "target_logit": target_logit,
            "local_sum_exp": local_sum_exp, "sum_exp": sum_exp}
