import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";

const solutionCode = `import math


def two_proportion_ztest(control_successes: int, control_total: int, treatment_successes: int,
                         treatment_total: int, alpha: float) -> dict:
    pc = control_successes / control_total
    pt = treatment_successes / treatment_total
    pooled = (control_successes + treatment_successes) / (control_total + treatment_total)
    variance = pooled * (1 - pooled) * (1 / control_total + 1 / treatment_total)
    if variance <= 0:
        return {"z": 0.0, "p_value": 1.0, "decision": "inconclusive"}
    z = (pt - pc) / math.sqrt(variance)
    p_value = math.erfc(abs(z) / math.sqrt(2))
    if p_value < alpha:
        return {"z": z, "p_value": p_value, "decision": "promote" if z > 0 else "rollback"}
    return {"z": z, "p_value": p_value, "decision": "inconclusive"}
`;

export const twoProportionZtestPython: PythonForm = {
  kernelId: "two-proportion-ztest",
  functionName: "two_proportion_ztest",
  signature: `def two_proportion_ztest(control_successes: int, control_total: int, treatment_successes: int,
                         treatment_total: int, alpha: float) -> dict  # {"z", "p_value", "decision"}`,
  argKinds: ["int", "int", "int", "int", "float"],
  adapter: dictResult(["z", "p_value", "decision"]),
  forbiddenNames: ["scipy", "statsmodels"],
  allowed: "Python 3 with numpy and math (math.erf / math.erfc are allowed); not scipy.stats or statsmodels.",
  starterCode: `import math


def two_proportion_ztest(control_successes: int, control_total: int, treatment_successes: int,
                         treatment_total: int, alpha: float) -> dict:
    # Pooled rate p = (xc + xt) / (nc + nt); se = sqrt(p (1 - p) (1/nc + 1/nt)); z = (xt/nt - xc/nc) / se;
    # two-sided p_value = 2 (1 - Phi(|z|)). p_value < alpha: "promote" if z > 0, else "rollback".
    # se = 0: z = 0, p_value = 1, "inconclusive".
    return {"z": 0.0, "p_value": 1.0, "decision": "inconclusive"}
`,
  solutionCode,
};
