"""Independent check of roofline: exact rational arithmetic (fractions.Fraction) for every count, the ridge
comparison made on exact values, and floats only at the end.

Written from problem.yaml alone: FLOPs and bytes are counted from the statement's definitions (each operand read
once, the output written once; attention fused, two matrix products per head).
"""

from fractions import Fraction


def _work(op: dict) -> tuple:
    kind = op["kind"]
    if kind == "gemm":
        m, n, k = op["m"], op["n"], op["k"]
        size = Fraction(op["bytes_per_element"])
        # C = A·B with A m×k, B k×n: m·n dot products of length k, a multiply and an add each.
        flops = Fraction(sum([m * n * k, m * n * k]))
        traffic = size * (m * k) + size * (k * n) + size * (m * n)
        return flops, traffic
    if kind == "elementwise":
        n = op["n"]
        return Fraction(op["flops_per_element"]) * n, Fraction(op["bytes_moved_per_element"]) * n
    if kind == "attention":
        b, hq, hkv = op["batch"], op["heads"], op["kv_heads"]
        lq, lk, d = op["query_len"], op["key_len"], op["head_dim"]
        size = Fraction(op["bytes_per_element"])
        scores = 2 * lq * lk * d  # S = Q Kᵀ per query head
        mix = 2 * lq * lk * d  # O = P V per query head
        flops = Fraction(b * hq * (scores + mix))
        q_read = b * hq * lq * d
        o_write = b * hq * lq * d
        k_read = b * hkv * lk * d
        v_read = b * hkv * lk * d
        return flops, size * (q_read + o_write + k_read + v_read)
    raise ValueError(f"unknown op kind {kind!r}")


def roofline(hardware: dict, ops: list) -> dict:
    peak = Fraction(hardware["peak_flops"])
    bandwidth = Fraction(hardware["memory_bandwidth"])
    results = []
    for op in ops:
        flops, traffic = _work(op)
        compute_time = flops / peak
        memory_time = traffic / bandwidth
        # compute-bound iff flops/bytes >= peak/bandwidth iff compute time >= memory time (exactly, in rationals)
        bound = "compute" if compute_time >= memory_time else "memory"
        attainable = flops / max(compute_time, memory_time)
        results.append(
            {
                "flops": float(flops),
                "bytes": float(traffic),
                "intensity": float(flops / traffic),
                "bound": bound,
                "time": float(max(compute_time, memory_time)),
                "attainable": float(attainable) if flops > 0 else 0.0,
            }
        )
    return {"ridge": float(peak / bandwidth), "ops": results}
