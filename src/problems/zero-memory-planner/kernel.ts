import { requireFinite, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type Recompute = "none" | "selective" | "full";

export type TrainingLayout = {
  parameters: number;
  layers: number;
  hidden: number;
  heads: number;
  seqLen: number;
  microBatch: number;
  microBatches: number;
  dataParallel: number;
  tensorParallel: number;
  pipelineParallel: number;
  zeroStage: number;
  sequenceParallel: boolean;
  recompute: Recompute;
  hbmBytes: number;
};

export type MemoryPlan = {
  params: number;
  grads: number;
  optimizer: number;
  activations: number;
  total: number;
  fits: boolean;
};

type Args = [layout: TrainingLayout];

function validate(layout: TrainingLayout): void {
  if (typeof layout !== "object" || layout === null) throw new KernelInputError("layout must be an object");
  requireFinite(layout.parameters, "layout.parameters");
  if (layout.parameters <= 0) throw new KernelInputError("layout.parameters must be > 0");
  for (const key of ["layers", "hidden", "heads", "seqLen", "microBatch", "microBatches"] as const) {
    requireInteger(layout[key], `layout.${key}`, 1);
  }
  for (const key of ["dataParallel", "tensorParallel", "pipelineParallel"] as const) {
    requireInteger(layout[key], `layout.${key}`, 1);
  }
  requireInteger(layout.zeroStage, "layout.zeroStage", 0, 3);
  if (layout.heads % layout.tensorParallel !== 0) throw new KernelInputError("tensorParallel must divide heads");
  if (layout.layers % layout.pipelineParallel !== 0) {
    throw new KernelInputError("pipelineParallel must divide layers");
  }
  if (typeof layout.sequenceParallel !== "boolean")
    throw new KernelInputError("layout.sequenceParallel must be a boolean");
  if (!["none", "selective", "full"].includes(layout.recompute)) {
    throw new KernelInputError('layout.recompute must be "none", "selective" or "full"');
  }
  requireFinite(layout.hbmBytes, "layout.hbmBytes");
}

/**
 * Activation bytes of one transformer layer for one micro-batch, Korthikanti et al. (2022), Table 2: 16-bit
 * activations, 1-byte dropout masks, a 4h MLP; embeddings and the output layer left out.
 */
export function activationBytesPerLayer(layout: TrainingLayout): number {
  const { seqLen: s, microBatch: b, hidden: h, heads: a, tensorParallel: t } = layout;
  const sbh = s * b * h;
  if (layout.recompute === "full") return 2 * sbh; // only each layer's input is kept
  if (layout.recompute === "selective") return layout.sequenceParallel ? (34 * sbh) / t : sbh * (10 + 24 / t);
  const scores = (5 * a * s) / h; // the attention matrices (softmax input/output, dropout mask), a·s² per sequence
  return layout.sequenceParallel ? (sbh * (34 + scores)) / t : sbh * (10 + 24 / t + scores / t);
}

/**
 * Bytes per GPU for mixed-precision Adam training (ZeRO paper: 2Ψ fp16 weights, 2Ψ fp16 gradients, 12Ψ fp32
 * master weights, momentum and variance) with model state split over tensor × pipeline ranks and ZeRO stage 1/2/3
 * sharding over the data-parallel ranks, plus the first pipeline stage's activations under 1F1B.
 */
export function zeroMemoryPlanner(layout: TrainingLayout): MemoryPlan {
  validate(layout);
  const { parameters, dataParallel: d, tensorParallel: t, pipelineParallel: p, zeroStage } = layout;
  const perModelShard = parameters / (t * p);
  const params = (2 * perModelShard) / (zeroStage >= 3 ? d : 1);
  const grads = (2 * perModelShard) / (zeroStage >= 2 ? d : 1);
  const optimizer = (12 * perModelShard) / (zeroStage >= 1 ? d : 1);
  // The first stage runs p forwards before its first backward (1F1B warm-up), so it holds min(p, m) micro-batches.
  const inFlight = Math.min(p, layout.microBatches);
  const activations = activationBytesPerLayer(layout) * (layout.layers / p) * inFlight;
  const total = params + grads + optimizer + activations;
  return { params, grads, optimizer, activations, total, fits: total <= layout.hbmBytes };
}

const LLAMA_7B: TrainingLayout = {
  parameters: 7e9,
  layers: 32,
  hidden: 4096,
  heads: 32,
  seqLen: 4096,
  microBatch: 1,
  microBatches: 8,
  dataParallel: 8,
  tensorParallel: 1,
  pipelineParallel: 1,
  zeroStage: 1,
  sequenceParallel: false,
  recompute: "selective",
  hbmBytes: 80e9,
};

// GPT-3 175B's shape (96 layers, h = 12288, 96 heads, s = 2048), as in the paper's experiments.
const GPT3_175B: TrainingLayout = {
  parameters: 175e9,
  layers: 96,
  hidden: 12288,
  heads: 96,
  seqLen: 2048,
  microBatch: 1,
  microBatches: 64,
  dataParallel: 8,
  tensorParallel: 8,
  pipelineParallel: 8,
  zeroStage: 1,
  sequenceParallel: true,
  recompute: "selective",
  hbmBytes: 80e9,
};

function randomLayout(rng: Rng): TrainingLayout {
  const shape = rng.pick([
    { parameters: 1.3e9, layers: 24, hidden: 2048, heads: 16 },
    { parameters: 7e9, layers: 32, hidden: 4096, heads: 32 },
    { parameters: 13e9, layers: 40, hidden: 5120, heads: 40 },
    { parameters: 70e9, layers: 80, hidden: 8192, heads: 64 },
    { parameters: 175e9, layers: 96, hidden: 12288, heads: 96 },
  ]);
  const tensorParallel = rng.pick([1, 2, 4, 8].filter((t) => shape.heads % t === 0));
  const pipelineParallel = rng.pick([1, 2, 4, 8].filter((p) => shape.layers % p === 0));
  return {
    ...shape,
    seqLen: rng.pick([1024, 2048, 4096, 8192]),
    microBatch: rng.pick([1, 1, 2, 4]),
    microBatches: rng.int(1, 32),
    dataParallel: rng.pick([1, 2, 8, 64, 512]),
    tensorParallel,
    pipelineParallel,
    zeroStage: rng.int(0, 3),
    sequenceParallel: tensorParallel > 1 && rng.unit() < 0.6,
    recompute: rng.pick(["none", "selective", "full"] as const),
    hbmBytes: rng.pick([40e9, 80e9, 141e9]),
  };
}

const TYPES = `type TrainingLayout = {
  parameters: number; layers: number; hidden: number; heads: number; seqLen: number;
  microBatch: number; microBatches: number;
  dataParallel: number; tensorParallel: number; pipelineParallel: number;
  zeroStage: number; sequenceParallel: boolean; recompute: "none" | "selective" | "full";
  hbmBytes: number;
};
type MemoryPlan = { params: number; grads: number; optimizer: number; activations: number; total: number; fits: boolean };`;

export const zeroMemoryPlannerKernel: KernelSpec<Args, MemoryPlan> = {
  id: "zero-memory-planner",
  functionName: "zeroMemoryPlanner",
  signature: `${TYPES}
function zeroMemoryPlanner(layout: TrainingLayout): MemoryPlan`,
  tolerance: { atol: 1e-6, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 16, performance: 0 },
  reference: zeroMemoryPlanner,
  generate(kind, index, rng) {
    if (kind === "sample") return index === 0 ? [LLAMA_7B] : [GPT3_175B];
    switch (index) {
      case 0:
        return [{ ...LLAMA_7B, zeroStage: 0 }];
      case 1:
        // ZeRO-2: gradients sharded too, parameters not.
        return [{ ...LLAMA_7B, zeroStage: 2 }];
      case 2:
        return [{ ...LLAMA_7B, zeroStage: 3, dataParallel: 64 }];
      case 3:
        // Tensor parallelism without sequence parallelism: the attention term is split, the 10·sbh part is not.
        return [{ ...GPT3_175B, sequenceParallel: false, recompute: "none" }];
      case 4:
        return [{ ...GPT3_175B, recompute: "none" }];
      case 5:
        // Selective recompute without sequence parallelism: sbh(10 + 24/t).
        return [{ ...GPT3_175B, sequenceParallel: false }];
      case 6:
        // Full recompute: 2sbh per layer, whatever t.
        return [{ ...GPT3_175B, recompute: "full" }];
      case 7:
        // Fewer micro-batches than stages: the first stage holds only m of them.
        return [{ ...GPT3_175B, microBatches: 3 }];
      case 8:
        // Pipeline parallelism alone: model state split over p.
        return [{ ...LLAMA_7B, pipelineParallel: 4, zeroStage: 0, dataParallel: 1 }];
      case 9:
        // Exactly at the HBM limit: fits.
        return [{ ...LLAMA_7B, hbmBytes: zeroMemoryPlanner(LLAMA_7B).total }];
      default:
        return [randomLayout(rng)];
    }
  },
  starterCode: `${TYPES}

function zeroMemoryPlanner(layout: TrainingLayout): MemoryPlan {
  // Model state: 2Ψ weights + 2Ψ gradients + 12Ψ optimizer state, split over t·p and sharded by the ZeRO stage over d.
  // Activations: the per-layer formula of Korthikanti et al. for the first pipeline stage's in-flight micro-batches.
  return { params: 0, grads: 0, optimizer: 0, activations: 0, total: 0, fits: true };
}
`,
  solutionCode: `${TYPES}

function activationBytesPerLayer(layout: TrainingLayout): number {
  const { seqLen: s, microBatch: b, hidden: h, heads: a, tensorParallel: t } = layout;
  const sbh = s * b * h;
  if (layout.recompute === "full") return 2 * sbh;
  if (layout.recompute === "selective") return layout.sequenceParallel ? (34 * sbh) / t : sbh * (10 + 24 / t);
  const scores = (5 * a * s) / h;
  return layout.sequenceParallel ? (sbh * (34 + scores)) / t : sbh * (10 + 24 / t + scores / t);
}

function zeroMemoryPlanner(layout: TrainingLayout): MemoryPlan {
  const d = layout.dataParallel;
  const perModelShard = layout.parameters / (layout.tensorParallel * layout.pipelineParallel);
  const params = (2 * perModelShard) / (layout.zeroStage >= 3 ? d : 1);
  const grads = (2 * perModelShard) / (layout.zeroStage >= 2 ? d : 1);
  const optimizer = (12 * perModelShard) / (layout.zeroStage >= 1 ? d : 1);
  const inFlight = Math.min(layout.pipelineParallel, layout.microBatches);
  const layersPerStage = layout.layers / layout.pipelineParallel;
  const activations = activationBytesPerLayer(layout) * layersPerStage * inFlight;
  const total = params + grads + optimizer + activations;
  return { params, grads, optimizer, activations, total, fits: total <= layout.hbmBytes };
}
`,
};
