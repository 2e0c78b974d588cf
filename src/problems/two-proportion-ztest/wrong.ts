import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { twoProportionZtestKernel } from "./kernel.ts";
import { twoProportionZtestPython } from "./python.ts";

const { solutionCode } = twoProportionZtestKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "coarse normal CDF (Simpson, 20 panels): right to 1e-6 only while |z| < 12.5", [
    ["const panels = 2000;", "const panels = 20;"],
  ]),
  edited(solutionCode, "coarse normal CDF (Simpson, 40 panels): right to 1e-6 only while |z| < 24.5", [
    ["const panels = 2000;", "const panels = 40;"],
  ]),
  {
    why: "logistic approximation Φ(x) ≈ 1/(1 + e^(−1.702x)): off by up to 1e-2",
    code: `function normalCdf(x: number): number {
  return 1 / (1 + Math.exp(-1.702 * x));
}

${solutionCode.slice(solutionCode.indexOf("function twoProportionZTest("))}`,
  },
  edited(solutionCode, "unpooled standard error √(p_c(1 − p_c)/n_c + p_t(1 − p_t)/n_t)", [
    [
      "const variance = pooled * (1 - pooled) * (1 / controlTotal + 1 / treatmentTotal);",
      "const variance = (pc * (1 - pc)) / controlTotal + (pt * (1 - pt)) / treatmentTotal;",
    ],
  ]),
  edited(solutionCode, "one-sided p-value 1 − Φ(|z|)", [
    ["Math.max(0, 2 * (1 - normalCdf(Math.abs(z))))", "Math.max(0, 1 - normalCdf(Math.abs(z)))"],
  ]),
  edited(solutionCode, "z as control minus treatment: promotes a regression", [
    ["const z = (pt - pc) / Math.sqrt(variance);", "const z = (pc - pt) / Math.sqrt(variance);"],
  ]),
];

const pythonSolution = twoProportionZtestPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
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
