"""Independent check of two-proportion-ztest: the pooled z statistic and a two-sided p-value from the
complementary error function (exact in the tails), with se = 0 as no evidence."""

import math


def two_proportion_ztest(control_successes: int, control_total: int, treatment_successes: int,
                         treatment_total: int, alpha: float) -> dict:
    xc, nc, xt, nt = control_successes, control_total, treatment_successes, treatment_total
    pooled = (xc + xt) / (nc + nt)
    se = math.sqrt(pooled * (1 - pooled) * (1 / nc + 1 / nt))
    if se == 0:
        return {"z": 0.0, "p_value": 1.0, "decision": "inconclusive"}
    z = (xt / nt - xc / nc) / se
    # 2·(1 − Φ(|z|)) = erfc(|z| / √2)
    p_value = math.erfc(abs(z) / math.sqrt(2))
    decision = "inconclusive"
    if p_value < alpha:
        decision = "promote" if z > 0 else "rollback"
    return {"z": z, "p_value": p_value, "decision": decision}
