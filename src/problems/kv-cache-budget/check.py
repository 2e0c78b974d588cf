"""Independent check of kv-cache-budget: the same sizes derived per layer and per block with exact integers
(fractions for the memory fraction), so no float rounding can hide a mistake."""

from fractions import Fraction


def kv_cache_budget(config: dict) -> dict:
    tp = config["tensor_parallel"]
    kv_heads = config["kv_heads"]
    if kv_heads >= tp:
        heads_here = kv_heads // tp
    else:
        heads_here = 1  # each GPU keeps a copy of one KV head
    per_layer = heads_here * config["head_dim"] * config["bytes_per_element"]
    token_bytes = 0
    for _ in range(config["layers"]):
        token_bytes += per_layer  # K
        token_bytes += per_layer  # V
    block_bytes = config["block_size"] * token_bytes
    blocks, partial = divmod(config["seq_len"], config["block_size"])
    if partial:
        blocks += 1
    usable = Fraction(config["hbm_bytes"] * config["memory_utilization_percent"], 100)
    weights_here, rest = divmod(config["weight_bytes"], tp)
    if rest:
        weights_here += 1
    free = int(usable) - weights_here  # int() of a positive Fraction is its floor
    total = free // block_bytes if free > 0 else 0
    return {
        "bytes_per_token": token_bytes,
        "bytes_per_sequence": blocks * block_bytes,
        "blocks_per_sequence": blocks,
        "total_blocks": total,
        "max_concurrent_sequences": total // blocks,
    }
