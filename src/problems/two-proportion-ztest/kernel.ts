import { compareValues } from "../../kernels/compare.ts";
import { requireFinite, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { CheckResult, KernelSpec, Tolerance } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [
  controlSuccesses: number,
  controlTotal: number,
  treatmentSuccesses: number,
  treatmentTotal: number,
  alpha: number,
];
export type Decision = "promote" | "rollback" | "inconclusive";
export type ZTestResult = { z: number; pValue: number; decision: Decision };

/**
 * Complementary error function to about 1e-14 relative: the all-positive series
 * erf(x) = 2/√π·e^{−x²}·Σ 2ⁿx^{2n+1}/(1·3·…·(2n+1)) below 1 (where 1 − erf loses little), Laplace's
 * continued fraction, 200 terms deep, from 1 on.
 */
export function erfc(x: number): number {
  if (x < 0) return 2 - erfc(-x);
  if (x < 1) {
    let term = x;
    let sum = x;
    for (let n = 1; term > 1e-17 * sum; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  // erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated from the tail.
  let fraction = x;
  for (let k = 200; k >= 1; k--) fraction = x + k / 2 / fraction;
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * fraction);
}

/**
 * Pooled two-proportion z-test for an A/B rollout: p̂ = (x_c + x_t)/(n_c + n_t),
 * se = √(p̂(1 − p̂)(1/n_c + 1/n_t)), z = (x_t/n_t − x_c/n_c)/se, two-sided p = erfc(|z|/√2).
 * p < alpha promotes the treatment when z > 0 and rolls it back when z < 0; otherwise inconclusive.
 * When se = 0 (all successes or all failures) there is no evidence: z = 0, p = 1.
 */
function twoProportionZTest(
  controlSuccesses: number,
  controlTotal: number,
  treatmentSuccesses: number,
  treatmentTotal: number,
  alpha: number,
): ZTestResult {
  requireInteger(controlTotal, "controlTotal", 1);
  requireInteger(controlSuccesses, "controlSuccesses", 0, controlTotal);
  requireInteger(treatmentTotal, "treatmentTotal", 1);
  requireInteger(treatmentSuccesses, "treatmentSuccesses", 0, treatmentTotal);
  requireFinite(alpha, "alpha");
  if (alpha <= 0 || alpha >= 1) throw new KernelInputError(`alpha must be in (0, 1), got ${alpha}`);
  const pooled = (controlSuccesses + treatmentSuccesses) / (controlTotal + treatmentTotal);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / controlTotal + 1 / treatmentTotal));
  if (se === 0) return { z: 0, pValue: 1, decision: "inconclusive" };
  const z = (treatmentSuccesses / treatmentTotal - controlSuccesses / controlTotal) / se;
  const pValue = erfc(Math.abs(z) / Math.SQRT2);
  const decision: Decision = pValue >= alpha ? "inconclusive" : z > 0 ? "promote" : "rollback";
  return { z, pValue, decision };
}

const ALPHAS = [0.05, 0.01, 0.1];

/**
 * The p-value is judged by relative error, because its tail is what a rollout reads (a z of 9 is p ≈ 7e-20, not 0):
 * |got − want| ≤ P_VALUE_RTOL·want + P_VALUE_FLOOR. The floor only forgives values below the smallest normal double
 * (erfc(|z|/√2) underflows past |z| ≈ 38.6). 2·(1 − Φ(|z|)) has an absolute error of about 1e-16 (one ulp of Φ near
 * 1), so it is 100 % wrong from |z| ≈ 8.3 on; a relative 1e-6 is within reach of any erfc built for the tail.
 */
const P_VALUE_RTOL = 1e-6;
const P_VALUE_FLOOR = 1e-300;

function checkZTest(got: unknown, want: ZTestResult, tolerance: Tolerance): CheckResult {
  const shape = compareValues(got, { ...want, pValue: 0 }, { atol: Number.POSITIVE_INFINITY, rtol: 0 });
  if (!shape.ok) return shape;
  const { z, pValue, decision } = got as ZTestResult;
  const zCheck = compareValues(z, want.z, tolerance);
  if (!zCheck.ok) return { ok: false, message: `z: got ${z}, want ${want.z}` };
  if (decision !== want.decision) return { ok: false, message: `decision: got "${decision}", want "${want.decision}"` };
  if (!(Math.abs(pValue - want.pValue) <= P_VALUE_RTOL * want.pValue + P_VALUE_FLOOR)) {
    return {
      ok: false,
      message: `pValue: got ${pValue}, want ${want.pValue} (compared by relative error ${P_VALUE_RTOL}: the tail counts)`,
    };
  }
  return { ok: true };
}

/** A random experiment whose p-value is not within a hair of alpha, where approximations could disagree. */
function randomExperiment(rng: Rng): Args {
  for (;;) {
    const controlTotal = rng.int(1, 20_000);
    const treatmentTotal = rng.int(1, 20_000);
    const baseRate = rng.float(0, 0.3);
    const lift = rng.pick([0, 0.002, 0.01, -0.01, 0.05]);
    const controlSuccesses = Math.round(controlTotal * (baseRate + rng.normal(0, 0.01)));
    const treatmentSuccesses = Math.round(treatmentTotal * (baseRate + lift + rng.normal(0, 0.01)));
    const alpha = rng.pick(ALPHAS);
    const args: Args = [
      Math.min(controlTotal, Math.max(0, controlSuccesses)),
      controlTotal,
      Math.min(treatmentTotal, Math.max(0, treatmentSuccesses)),
      treatmentTotal,
      alpha,
    ];
    if (Math.abs(twoProportionZTest(...args).pValue - alpha) > 1e-3 * alpha) return args;
  }
}

export const twoProportionZtestKernel: KernelSpec<Args, ZTestResult> = {
  id: "two-proportion-ztest",
  functionName: "twoProportionZTest",
  signature:
    'function twoProportionZTest(controlSuccesses: number, controlTotal: number, treatmentSuccesses: number, treatmentTotal: number, alpha: number): { z: number; pValue: number; decision: "promote" | "rollback" | "inconclusive" }',
  tolerance: { atol: 1e-6, rtol: 1e-6 },
  testCounts: { sample: 2, hidden: 14, performance: 0 },
  reference: twoProportionZTest,
  check: checkZTest,
  generate(kind, index, rng) {
    if (kind === "sample") return index === 0 ? [200, 1000, 250, 1000, 0.05] : [50, 500, 45, 500, 0.05];
    switch (index) {
      case 0:
        return [0, 100, 0, 100, 0.05]; // no successes anywhere: se = 0
      case 1:
        return [30, 30, 10, 10, 0.05]; // all successes: se = 0
      case 2:
        return [900, 1000, 700, 1000, 0.01]; // a clear regression: roll back
      case 3:
        return [1, 1, 0, 1, 0.05]; // one user each
      // The tails of Φ on every seed: a coarse Φ that is fine near 0 goes wrong here.
      case 4:
        return [400, 1000, 700, 1000, 0.05]; // z ≈ 13.5
      case 5:
        return [1000, 1000, 0, 1000, 0.01]; // z ≈ −44.7
      case 6:
        return [0, 5000, 5000, 5000, 0.05]; // z = 100
      case 7:
        return [500, 1000, 590, 1000, 0.05]; // z ≈ 4.04, pValue ≈ 5.3e-5
      // Where 1 − Φ(|z|) has no digit left: 2·(1 − Φ) gives 0 (or 1 ulp of noise), erfc gives the tail.
      case 8:
        return [500, 1000, 690, 1000, 0.05]; // z ≈ 8.65, pValue ≈ 4.9e-18
      case 9:
        return [7000, 20000, 5000, 20000, 0.01]; // z ≈ −21.8, pValue ≈ 1.4e-105: a rollback, far in the tail
      default:
        return randomExperiment(rng);
    }
  },
  starterCode: `function twoProportionZTest(
  controlSuccesses: number,
  controlTotal: number,
  treatmentSuccesses: number,
  treatmentTotal: number,
  alpha: number,
): { z: number; pValue: number; decision: "promote" | "rollback" | "inconclusive" } {
  // Pooled rate p = (xc + xt) / (nc + nt); se = sqrt(p (1 - p) (1/nc + 1/nt)); z = (xt/nt - xc/nc) / se;
  // two-sided pValue = 2 (1 - Phi(|z|)) = erfc(|z| / sqrt 2), accurate in relative terms far in the tail.
  // pValue < alpha: "promote" if z > 0, else "rollback".
  // se = 0: z = 0, pValue = 1, "inconclusive".
  return { z: 0, pValue: 1, decision: "inconclusive" };
}
`,
  solutionCode: `function erfc(x: number): number {
  // Complementary error function with a small relative error everywhere: below 1 from the series of erf
  // (1 - erf loses little there); from 1 on, Laplace's continued fraction evaluated from its tail.
  if (x < 0) return 2 - erfc(-x);
  if (x < 1) {
    let term = x;
    let sum = x;
    for (let n = 1; term > 1e-17 * sum; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / Math.sqrt(Math.PI)) * Math.exp(-x * x) * sum;
  }
  let fraction = x;
  for (let k = 200; k >= 1; k--) fraction = x + k / 2 / fraction;
  return Math.exp(-x * x) / (Math.sqrt(Math.PI) * fraction);
}

function twoProportionZTest(
  controlSuccesses: number,
  controlTotal: number,
  treatmentSuccesses: number,
  treatmentTotal: number,
  alpha: number,
): { z: number; pValue: number; decision: "promote" | "rollback" | "inconclusive" } {
  const pc = controlSuccesses / controlTotal;
  const pt = treatmentSuccesses / treatmentTotal;
  const pooled = (controlSuccesses + treatmentSuccesses) / (controlTotal + treatmentTotal);
  const variance = pooled * (1 - pooled) * (1 / controlTotal + 1 / treatmentTotal);
  if (variance <= 0) return { z: 0, pValue: 1, decision: "inconclusive" };
  const z = (pt - pc) / Math.sqrt(variance);
  const pValue = erfc(Math.abs(z) / Math.SQRT2);
  if (pValue < alpha) return { z, pValue, decision: z > 0 ? "promote" : "rollback" };
  return { z, pValue, decision: "inconclusive" };
}
`,
};
