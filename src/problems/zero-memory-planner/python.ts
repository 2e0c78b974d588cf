import { nested } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

/** The layout's camelCase keys as the snake_case keys a Python learner reads (`seqLen` → `seq_len`). */
function snakeLayout(layout: unknown): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(layout as Record<string, unknown>).map(([key, value]) => [
      key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
      value,
    ]),
  );
}

const solutionCode = `def activation_bytes_per_layer(c: dict) -> float:
    s, b, h, a, t = c["seq_len"], c["micro_batch"], c["hidden"], c["heads"], c["tensor_parallel"]
    sbh = s * b * h
    if c["recompute"] == "full":
        return 2 * sbh
    if c["recompute"] == "selective":
        return 34 * sbh / t if c["sequence_parallel"] else sbh * (10 + 24 / t)
    scores = 5 * a * s / h
    return sbh * (34 + scores) / t if c["sequence_parallel"] else sbh * (10 + 24 / t + scores / t)


def zero_memory_planner(layout: dict) -> dict:
    d, stage = layout["data_parallel"], layout["zero_stage"]
    per_model_shard = layout["parameters"] / (layout["tensor_parallel"] * layout["pipeline_parallel"])
    params = 2 * per_model_shard / (d if stage >= 3 else 1)
    grads = 2 * per_model_shard / (d if stage >= 2 else 1)
    optimizer = 12 * per_model_shard / (d if stage >= 1 else 1)
    in_flight = min(layout["pipeline_parallel"], layout["micro_batches"])
    layers_per_stage = layout["layers"] / layout["pipeline_parallel"]
    activations = activation_bytes_per_layer(layout) * layers_per_stage * in_flight
    total = params + grads + optimizer + activations
    return {"params": params, "grads": grads, "optimizer": optimizer,
            "activations": activations, "total": total, "fits": total <= layout["hbm_bytes"]}
`;

export const zeroMemoryPlannerPython: PythonForm = {
  kernelId: "zero-memory-planner",
  functionName: "zero_memory_planner",
  signature: `# layout: {"parameters", "layers", "hidden", "heads", "seq_len", "micro_batch", "micro_batches",
#          "data_parallel", "tensor_parallel", "pipeline_parallel", "zero_stage",
#          "sequence_parallel": bool, "recompute": "none" | "selective" | "full", "hbm_bytes"}
def zero_memory_planner(layout: dict) -> dict
# {"params", "grads", "optimizer", "activations", "total": float, "fits": bool}`,
  argKinds: ["json"],
  adapter: {
    args: ([layout]) => [snakeLayout(layout)],
    result: nested,
  },
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `def zero_memory_planner(layout: dict) -> dict:
    # Model state: 2Ψ weights + 2Ψ gradients + 12Ψ optimizer state, split over t·p and sharded by the ZeRO stage over d.
    # Activations: the per-layer formula of Korthikanti et al. for the first pipeline stage's in-flight micro-batches.
    return {"params": 0.0, "grads": 0.0, "optimizer": 0.0, "activations": 0.0, "total": 0.0, "fits": True}
`,
  solutionCode,
};
