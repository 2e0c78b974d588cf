import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { zeroMemoryPlannerKernel } from "./kernel.ts";
import { zeroMemoryPlannerPython } from "./python.ts";

const { solutionCode } = zeroMemoryPlannerKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "optimizer state without the fp32 master weights: 8Ψ (momentum and variance only)", [
    ["const optimizer = (12 * perModelShard)", "const optimizer = (8 * perModelShard)"],
  ]),
  edited(solutionCode, "ZeRO-1 taken to shard the gradients too", [
    [
      "const grads = (2 * perModelShard) / (layout.zeroStage >= 2 ? d : 1);",
      "const grads = (2 * perModelShard) / (layout.zeroStage >= 1 ? d : 1);",
    ],
  ]),
  edited(solutionCode, "ZeRO-3 does not shard the parameters", [
    ["const params = (2 * perModelShard) / (layout.zeroStage >= 3 ? d : 1);", "const params = 2 * perModelShard;"],
  ]),
  edited(solutionCode, "tensor parallelism without sequence parallelism: the attention-score term left unsplit", [
    ["sbh * (10 + 24 / t + scores / t)", "sbh * (10 + 24 / t + scores)"],
  ]),
  edited(solutionCode, "selective recompute assumed to split everything by t even without sequence parallelism", [
    ["return layout.sequenceParallel ? (34 * sbh) / t : sbh * (10 + 24 / t);", "return (34 * sbh) / t;"],
  ]),
  edited(solutionCode, "pipeline stage holds one micro-batch instead of the 1F1B warm-up's min(p, m)", [
    ["const inFlight = Math.min(layout.pipelineParallel, layout.microBatches);", "const inFlight = 1;"],
  ]),
  edited(solutionCode, "full recompute's stored layer inputs divided by t", [
    ['if (layout.recompute === "full") return 2 * sbh;', 'if (layout.recompute === "full") return (2 * sbh) / t;'],
  ]),
  edited(solutionCode, "model state not split across pipeline stages", [
    [
      "const perModelShard = layout.parameters / (layout.tensorParallel * layout.pipelineParallel);",
      "const perModelShard = layout.parameters / layout.tensorParallel;",
    ],
  ]),
];

const pythonSolution = zeroMemoryPlannerPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "optimizer state without the fp32 master weights: 8Ψ", [
    ["optimizer = 12 * per_model_shard", "optimizer = 8 * per_model_shard"],
  ]),
  edited(pythonSolution, "ZeRO-1 taken to shard the gradients too", [
    [
      "grads = 2 * per_model_shard / (d if stage >= 2 else 1)",
      "grads = 2 * per_model_shard / (d if stage >= 1 else 1)",
    ],
  ]),
  edited(pythonSolution, "ZeRO-3 does not shard the parameters", [
    ["params = 2 * per_model_shard / (d if stage >= 3 else 1)", "params = 2 * per_model_shard"],
  ]),
  edited(pythonSolution, "tensor parallelism without sequence parallelism: the attention-score term left unsplit", [
    ["sbh * (10 + 24 / t + scores / t)", "sbh * (10 + 24 / t + scores)"],
  ]),
  edited(pythonSolution, "pipeline stage holds one micro-batch instead of min(p, m)", [
    ['in_flight = min(layout["pipeline_parallel"], layout["micro_batches"])', "in_flight = 1"],
  ]),
  edited(pythonSolution, "activations of all layers on every pipeline stage (L instead of L/p per micro-batch)", [
    ['layers_per_stage = layout["layers"] / layout["pipeline_parallel"]', 'layers_per_stage = layout["layers"]'],
  ]),
];
