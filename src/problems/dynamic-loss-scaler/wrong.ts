import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { dynamicLossScalerKernel } from "./kernel.ts";
import { dynamicLossScalerPython } from "./python.ts";

const { solutionCode } = dynamicLossScalerKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "grows after every clean step instead of after growthInterval clean steps in a row", [
    ["if (growthTracker === config.growthInterval) {", "if (growthTracker >= 1) {"],
  ]),
  edited(solutionCode, "an overflow does not reset the count of clean steps, so growth comes too early after it", [
    ["      scale *= config.backoffFactor;\n      growthTracker = 0;", "      scale *= config.backoffFactor;"],
  ]),
  edited(solutionCode, "backs off on overflow but still takes the step (the update applies inf/NaN gradients)", [
    ["    skipped.push(foundInf);", "    skipped.push(false);"],
    ["      growthTracker = 0;\n      continue;", "      growthTracker = 0;\n      stepsTaken += 1;\n      continue;"],
  ]),
  edited(solutionCode, "overflow threshold 65536 (2^16) instead of the largest finite FP16 value 65504", [
    ["const FP16_MAX = 65504;", "const FP16_MAX = 65536;"],
  ]),
  edited(
    solutionCode,
    "NaN gradients go undetected: only max·S > 65504 is tested, and every comparison with NaN is false",
    [
      [
        "const foundInf = !Number.isFinite(maxAbs) || maxAbs * scale > FP16_MAX;",
        "const foundInf = maxAbs * scale > FP16_MAX;",
      ],
    ],
  ),
  edited(
    solutionCode,
    "the count is not reset after growing, so the scale grows on every clean step after the first growth",
    [
      ["      scale *= config.growthFactor;\n      growthTracker = 0;", "      scale *= config.growthFactor;"],
      ["if (growthTracker === config.growthInterval) {", "if (growthTracker >= config.growthInterval) {"],
    ],
  ),
  edited(solutionCode, "reports the scale after the step's update instead of the scale the step used", [
    ["    scales.push(scale);\n", ""],
    [
      "    skipped.push(foundInf);",
      "    skipped.push(foundInf);\n    scales.push(foundInf ? scale * config.backoffFactor : scale);",
    ],
  ]),
];

const pythonSolution = dynamicLossScalerPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "grows after every clean step instead of after growth_interval clean steps in a row", [
    ['if growth_tracker == config["growth_interval"]:', "if growth_tracker >= 1:"],
  ]),
  edited(pythonSolution, "an overflow does not reset the count of clean steps", [
    [
      '            scale *= config["backoff_factor"]\n            growth_tracker = 0\n',
      '            scale *= config["backoff_factor"]\n',
    ],
  ]),
  edited(pythonSolution, "backs off on overflow but still takes the step", [
    ["        skipped.append(found_inf)", "        skipped.append(False)"],
  ]),
  edited(pythonSolution, "overflow threshold 65536 (2^16) instead of the largest finite FP16 value 65504", [
    ["FP16_MAX = 65504.0", "FP16_MAX = 65536.0"],
  ]),
  edited(pythonSolution, "an exactly representable 65504 after scaling counted as an overflow (>= instead of >)", [
    ["max_abs * scale > FP16_MAX", "max_abs * scale >= FP16_MAX"],
  ]),
  edited(pythonSolution, "NaN gradients go undetected: only max·S > 65504 is tested", [
    ["found_inf = not math.isfinite(max_abs) or max_abs * scale > FP16_MAX", "found_inf = max_abs * scale > FP16_MAX"],
  ]),
];
