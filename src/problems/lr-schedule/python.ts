import { nested } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

/** The kernel's config object with camelCase keys as the dict a Python learner reads (snake_case keys). */
function snakeConfig(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config).map(([key, value]) => [
      key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
      value,
    ]),
  );
}

const solutionCode = `import math


def lr_at(config: dict, t: int) -> float:
    if t < config["warmup_steps"]:
        return config["base_lr"] * (t + 1) / config["warmup_steps"]
    s = t - config["warmup_steps"]
    if config["kind"] == "constant":
        return config["base_lr"]
    if config["kind"] == "step":
        return config["base_lr"] * config["gamma"] ** (s // config["step_size"])
    if t >= config["total_steps"]:
        return config["min_lr"]
    span = config["total_steps"] - config["warmup_steps"]
    return config["min_lr"] + 0.5 * (config["base_lr"] - config["min_lr"]) * (1 + math.cos(math.pi * s / span))


def lr_schedule(config: dict, num_steps: int) -> list:
    return [lr_at(config, t) for t in range(num_steps)]
`;

export const lrSchedulePython: PythonForm = {
  kernelId: "lr-schedule",
  functionName: "lr_schedule",
  signature: `# config: {"kind": "constant", "base_lr", "warmup_steps"}
#       | {"kind": "step", "base_lr", "warmup_steps", "step_size", "gamma"}
#       | {"kind": "cosine", "base_lr", "warmup_steps", "total_steps", "min_lr"}
def lr_schedule(config: dict, num_steps: int) -> list[float]`,
  argKinds: ["json", "int"],
  adapter: {
    args: ([config, numSteps]) => [snakeConfig(config as Record<string, unknown>), numSteps],
    result: nested,
  },
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `def lr_schedule(config: dict, num_steps: int) -> list:
    # For every step t in 0..num_steps-1: linear warm-up base_lr * (t + 1) / warmup_steps while
    # t < warmup_steps, then the schedule of config["kind"] applied to s = t - warmup_steps.
    return [config["base_lr"]] * num_steps
`,
  solutionCode,
};
