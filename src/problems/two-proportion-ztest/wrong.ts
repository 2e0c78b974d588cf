import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { twoProportionZtestKernel } from "./kernel.ts";
import { twoProportionZtestPython } from "./python.ts";

const { solutionCode } = twoProportionZtestKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
/** The reference with its p-value computed by `pValueOf(z)` from the helper `helper` (instead of erfc). */
const withPValue = (why: string, helper: string, pValue: string): WrongSolution => ({
  why,
  code: `${helper}

${solutionCode.slice(solutionCode.indexOf("function twoProportionZTest(")).replace("erfc(Math.abs(z) / Math.SQRT2)", pValue)}`,
});

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  withPValue(
    "2·(1 − Φ(|z|)) with an accurate Φ (Simpson, 2000 panels): 1 − Φ cancels to 0 past |z| ≈ 8.3",
    `function normalCdf(x: number): number {
  const a = Math.abs(x);
  const panels = 2000;
  const h = a / panels;
  const pdf = (t: number) => Math.exp(-0.5 * t * t) / Math.sqrt(2 * Math.PI);
  let s = pdf(0) + pdf(a);
  for (let i = 1; i < panels; i++) s += (i % 2 === 1 ? 4 : 2) * pdf(i * h);
  const half = (s * h) / 3;
  return x >= 0 ? 0.5 + half : 0.5 - half;
}`,
    "Math.max(0, 2 * (1 - normalCdf(Math.abs(z))))",
  ),
  withPValue(
    "Abramowitz–Stegun 7.1.26 erfc: 1.5e-7 absolute, but about 38 % relative error far in the tail",
    `function erfcAS(x: number): number {
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  return poly * Math.exp(-x * x);
}`,
    "erfcAS(Math.abs(z) / Math.SQRT2)",
  ),
  withPValue(
    "logistic approximation Φ(x) ≈ 1/(1 + e^(−1.702x)): off by up to 1e-2",
    `function normalCdf(x: number): number {
  return 1 / (1 + Math.exp(-1.702 * x));
}`,
    "2 * (1 - normalCdf(Math.abs(z)))",
  ),
  edited(solutionCode, "unpooled standard error √(p_c(1 − p_c)/n_c + p_t(1 − p_t)/n_t)", [
    [
      "const variance = pooled * (1 - pooled) * (1 / controlTotal + 1 / treatmentTotal);",
      "const variance = (pc * (1 - pc)) / controlTotal + (pt * (1 - pt)) / treatmentTotal;",
    ],
  ]),
  edited(solutionCode, "one-sided p-value 1 − Φ(|z|) = erfc(|z|/√2)/2", [
    ["const pValue = erfc(Math.abs(z) / Math.SQRT2);", "const pValue = erfc(Math.abs(z) / Math.SQRT2) / 2;"],
  ]),
  edited(solutionCode, "z as control minus treatment: promotes a regression", [
    ["const z = (pt - pc) / Math.sqrt(variance);", "const z = (pc - pt) / Math.sqrt(variance);"],
  ]),
];

const pythonSolution = twoProportionZtestPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "2·(1 − Φ(|z|)) from math.erf: exact near 0, but 1 − Φ cancels to 0 past |z| ≈ 8.3", [
    ["p_value = math.erfc(abs(z) / math.sqrt(2))", "p_value = 2 * (1 - 0.5 * (1 + math.erf(abs(z) / math.sqrt(2))))"],
  ]),
  edited(pythonSolution, "one-sided p-value (no factor 2)", [
    ["p_value = math.erfc(abs(z) / math.sqrt(2))", "p_value = math.erfc(abs(z) / math.sqrt(2)) / 2"],
  ]),
  edited(pythonSolution, "unpooled standard error", [
    [
      "pooled * (1 - pooled) * (1 / control_total + 1 / treatment_total)",
      "pc * (1 - pc) / control_total + pt * (1 - pt) / treatment_total",
    ],
  ]),
  edited(pythonSolution, "z with the groups swapped: promote and rollback exchanged", [
    ["z = (pt - pc) / math.sqrt(variance)", "z = (pc - pt) / math.sqrt(variance)"],
  ]),
  edited(pythonSolution, "a significant result always promotes, whatever the sign of z", [
    ['"decision": "promote" if z > 0 else "rollback"', '"decision": "promote"'],
  ]),
  edited(pythonSolution, "se = 0 case returns z = 0 but p_value 0", [
    [
      '{"z": 0.0, "p_value": 1.0, "decision": "inconclusive"}\n    z =',
      '{"z": 0.0, "p_value": 0.0, "decision": "inconclusive"}\n    z =',
    ],
  ]),
];
