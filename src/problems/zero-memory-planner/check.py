"""Independent check of zero-memory-planner, written from the statement: the model state is built from a table of
(bytes per parameter, first ZeRO stage that shards it), and the activations of one layer are summed from the
paper's per-tensor breakdown (attention block 11·sbh + 5·a·s²·b, MLP 19·sbh, two layer norms 4·sbh) with each term
divided by t only where the statement's layout splits it, instead of the closed forms.
"""

from fractions import Fraction

# state: (bytes per parameter, the ZeRO stage from which it is sharded over data parallelism)
STATE = {"params": (2, 3), "grads": (2, 2), "optimizer": (12, 1)}


def _layer_activations(c: dict) -> Fraction:
    s, b, h, a, t = c["seq_len"], c["micro_batch"], c["hidden"], c["heads"], c["tensor_parallel"]
    sbh = Fraction(s * b * h)
    if c["recompute"] == "full":
        return 2 * sbh
    # Inside the tensor-parallel regions (split by t): QKV outputs, attention output projection input, MLP inner
    # activations and dropout masks inside: 24·sbh. Outside (split by t only with sequence parallelism): layer-norm
    # inputs, QKV/MLP inputs, output dropout masks: 10·sbh. The score matrices: 5·a·s²·b, split by t (heads).
    inside = 24 * sbh / t
    outside = 10 * sbh / (t if c["sequence_parallel"] else 1)
    scores = Fraction(5 * a * s * s * b, t)
    if c["recompute"] == "selective":
        return inside + outside
    return inside + outside + scores


def zero_memory_planner(layout: dict) -> dict:
    shard = Fraction(layout["parameters"]) / (layout["tensor_parallel"] * layout["pipeline_parallel"])
    out = {}
    for name, (per_param, stage) in STATE.items():
        divisor = layout["data_parallel"] if layout["zero_stage"] >= stage else 1
        out[name] = per_param * shard / divisor
    stages = layout["pipeline_parallel"]
    held = min(stages, layout["micro_batches"]) * Fraction(layout["layers"], stages)
    out["activations"] = _layer_activations(layout) * held
    total = out["params"] + out["grads"] + out["optimizer"] + out["activations"]
    result = {k: float(v) for k, v in out.items()}
    result["total"] = float(total)
    result["fits"] = total <= Fraction(layout["hbm_bytes"])
    return result
