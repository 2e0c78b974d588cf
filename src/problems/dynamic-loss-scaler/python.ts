import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import type { ScalerConfig } from "./kernel.ts";

const RESULT_KEYS = ["scales", "skipped", "final_scale", "steps_taken"];

const solutionCode = `import math

import numpy as np

FP16_MAX = 65504.0


def dynamic_loss_scaler(config: dict, grad_max_abs: np.ndarray) -> dict:
    scale = config["init_scale"]
    growth_tracker = 0
    scales, skipped = [], []
    steps_taken = 0
    for max_abs in grad_max_abs:
        scales.append(scale)
        found_inf = not math.isfinite(max_abs) or max_abs * scale > FP16_MAX
        skipped.append(found_inf)
        if found_inf:
            scale *= config["backoff_factor"]
            growth_tracker = 0
            continue
        steps_taken += 1
        growth_tracker += 1
        if growth_tracker == config["growth_interval"]:
            scale *= config["growth_factor"]
            growth_tracker = 0
    return {"scales": scales, "skipped": skipped, "final_scale": scale, "steps_taken": steps_taken}
`;

export const dynamicLossScalerPython: PythonForm = {
  kernelId: "dynamic-loss-scaler",
  functionName: "dynamic_loss_scaler",
  signature: `# config: {"init_scale": float, "growth_factor": float, "backoff_factor": float, "growth_interval": int}
def dynamic_loss_scaler(config: dict, grad_max_abs: np.ndarray) -> dict
# {"scales": list[float], "skipped": list[bool], "final_scale": float, "steps_taken": int}`,
  argKinds: ["json", "ndarray1d"],
  adapter: {
    ...dictResult(RESULT_KEYS),
    args: ([config, gradMaxAbs]) => {
      const { initScale, growthFactor, backoffFactor, growthInterval } = config as ScalerConfig;
      return [
        {
          init_scale: initScale,
          growth_factor: growthFactor,
          backoff_factor: backoffFactor,
          growth_interval: growthInterval,
        },
        Float64Array.from(gradMaxAbs as number[]),
      ];
    },
  },
  forbiddenNames: ["torch"],
  allowed: "Python 3 with numpy and math; no torch (torch.amp.GradScaler is the thing to re-implement).",
  starterCode: `import numpy as np


def dynamic_loss_scaler(config: dict, grad_max_abs: np.ndarray) -> dict:
    # For every step: does max|g| * scale overflow FP16 (or is it NaN / inf)? Then skip and back off;
    # otherwise step, and grow the scale after growth_interval clean steps in a row.
    return {"scales": [], "skipped": [], "final_scale": config["init_scale"], "steps_taken": 0}
`,
  solutionCode,
};
