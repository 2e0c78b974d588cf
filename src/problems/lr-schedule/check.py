"""Independent check of lr-schedule: the learning rate of each step from the statement's formulas."""

import math


def lr_schedule(config: dict, num_steps: int) -> list:
    base = config["base_lr"]
    warmup = config["warmup_steps"]
    rates = []
    for t in range(num_steps):
        if t < warmup:
            rates.append(base * (t + 1) / warmup)
            continue
        s = t - warmup
        kind = config["kind"]
        if kind == "constant":
            rates.append(base)
        elif kind == "step":
            rates.append(base * config["gamma"] ** (s // config["step_size"]))
        elif kind == "cosine":
            total, floor = config["total_steps"], config["min_lr"]
            if t >= total:
                rates.append(floor)
            else:
                span = total - warmup
                rates.append(floor + (base - floor) * (1 + math.cos(math.pi * s / span)) / 2)
        else:
            raise ValueError(f"unknown schedule {kind!r}")
    return rates
