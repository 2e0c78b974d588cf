"""Independent check of dynamic-loss-scaler, written from the statement: the FP16 limit comes from numpy's
finfo(float16) rather than a typed constant, and growth is decided from the length of the current run of clean
steps (counted since the last overflow or growth), found by scanning back over the steps already decided.
"""

import numpy as np

FP16_LARGEST = float(np.finfo(np.float16).max)  # 65504.0


def dynamic_loss_scaler(config: dict, grad_max_abs: np.ndarray) -> dict:
    values = np.asarray(grad_max_abs, dtype=np.float64)
    scale = float(config["init_scale"])
    scales = []
    skipped = []
    run_start = 0  # index of the first step of the current run of clean steps
    for t, value in enumerate(values):
        scales.append(scale)
        overflowed = bool(np.isnan(value) or np.isinf(value) or value * scale > FP16_LARGEST)
        skipped.append(overflowed)
        if overflowed:
            scale = scale * config["backoff_factor"]
            run_start = t + 1
        elif (t + 1 - run_start) == config["growth_interval"]:
            scale = scale * config["growth_factor"]
            run_start = t + 1
    return {
        "scales": scales,
        "skipped": skipped,
        "final_scale": scale,
        "steps_taken": int(len(skipped) - sum(skipped)),
    }
