import { requireInteger } from "../../kernels/guards.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

/** A decoder-only model served with a paged KV cache on `tensorParallel` GPUs (sizes per GPU unless said). */
export type ServingConfig = {
  layers: number;
  queryHeads: number;
  kvHeads: number;
  headDim: number;
  /** Bytes per cached element: 2 for FP16/BF16, 1 for an FP8 KV cache. */
  bytesPerElement: number;
  tensorParallel: number;
  /** HBM of one GPU. */
  hbmBytes: number;
  /** The percentage of HBM the server may use (vLLM's gpu_memory_utilization × 100), an integer. */
  memoryUtilizationPercent: number;
  /** All of the model's weights, split evenly over the tensor-parallel GPUs. */
  weightBytes: number;
  /** Tokens per sequence (prompt + output) the server must hold. */
  seqLen: number;
  /** Tokens per KV block (vLLM's block_size). */
  blockSize: number;
};

export type KvBudget = {
  bytesPerToken: number;
  bytesPerSequence: number;
  blocksPerSequence: number;
  totalBlocks: number;
  maxConcurrentSequences: number;
};

type Args = [config: ServingConfig];

const FIELDS = [
  "layers",
  "queryHeads",
  "kvHeads",
  "headDim",
  "bytesPerElement",
  "tensorParallel",
  "hbmBytes",
  "weightBytes",
  "seqLen",
  "blockSize",
] as const;

/**
 * The KV cache one GPU can hold. Each layer caches a key and a value vector of `headDim` per KV head and token;
 * tensor parallelism splits the KV heads over the GPUs, and when there are more GPUs than KV heads each GPU keeps
 * one (replicated), as vLLM does. Memory is reserved in whole blocks, so a sequence takes ⌈seqLen / blockSize⌉.
 */
function kvCacheBudget(config: ServingConfig): KvBudget {
  if (typeof config !== "object" || config === null) throw new KernelInputError("config must be an object");
  for (const field of FIELDS) requireInteger(config[field], field, field === "weightBytes" ? 0 : 1);
  requireInteger(config.memoryUtilizationPercent, "memoryUtilizationPercent", 1, 100);
  const { layers, queryHeads, kvHeads, headDim, bytesPerElement, tensorParallel: tp } = config;
  if (queryHeads % kvHeads !== 0) throw new KernelInputError("queryHeads must be a multiple of kvHeads");
  if (kvHeads >= tp ? kvHeads % tp !== 0 : tp % kvHeads !== 0) {
    throw new KernelInputError("kvHeads and tensorParallel must divide one another");
  }
  const kvHeadsPerGpu = kvHeads >= tp ? kvHeads / tp : 1;
  const bytesPerToken = 2 * layers * kvHeadsPerGpu * headDim * bytesPerElement;
  const blocksPerSequence = Math.ceil(config.seqLen / config.blockSize);
  const bytesPerBlock = config.blockSize * bytesPerToken;
  const budget =
    Math.floor((config.hbmBytes * config.memoryUtilizationPercent) / 100) - Math.ceil(config.weightBytes / tp);
  const totalBlocks = Math.max(0, Math.floor(budget / bytesPerBlock));
  return {
    bytesPerToken,
    bytesPerSequence: blocksPerSequence * bytesPerBlock,
    blocksPerSequence,
    totalBlocks,
    maxConcurrentSequences: Math.floor(totalBlocks / blocksPerSequence),
  };
}

const GIB = 2 ** 30;
const H100 = 80 * GIB;
const LLAMA3_8B = { layers: 32, queryHeads: 32, kvHeads: 8, headDim: 128, weightBytes: 16_060_522_496 };
const LLAMA3_70B = { layers: 80, queryHeads: 64, kvHeads: 8, headDim: 128, weightBytes: 141_107_412_992 };

function serving(
  model: typeof LLAMA3_8B,
  overrides: Partial<ServingConfig> & Pick<ServingConfig, "tensorParallel" | "seqLen">,
): Args {
  return [
    {
      ...model,
      bytesPerElement: 2,
      hbmBytes: H100,
      memoryUtilizationPercent: 90,
      blockSize: 16,
      ...overrides,
    },
  ];
}

export const kvCacheBudgetKernel: KernelSpec<Args, KvBudget> = {
  id: "kv-cache-budget",
  functionName: "kvCacheBudget",
  signature:
    "function kvCacheBudget(config: { layers: number; queryHeads: number; kvHeads: number; headDim: number; " +
    "bytesPerElement: number; tensorParallel: number; hbmBytes: number; memoryUtilizationPercent: number; " +
    "weightBytes: number; seqLen: number; blockSize: number }): { bytesPerToken: number; bytesPerSequence: number; " +
    "blocksPerSequence: number; totalBlocks: number; maxConcurrentSequences: number }",
  tolerance: { atol: 0, rtol: 0 },
  testCounts: { sample: 2, hidden: 10, performance: 0 },
  reference: kvCacheBudget,
  generate(kind, index, rng) {
    if (kind === "sample") {
      // Llama-3-8B on one H100 with 8k-token sequences; then a small toy model with a partial last block.
      if (index === 0) return serving(LLAMA3_8B, { tensorParallel: 1, seqLen: 8192 });
      return [
        {
          layers: 2,
          queryHeads: 4,
          kvHeads: 2,
          headDim: 8,
          bytesPerElement: 2,
          tensorParallel: 1,
          hbmBytes: 1_000_000,
          memoryUtilizationPercent: 50,
          weightBytes: 100_000,
          seqLen: 100,
          blockSize: 16,
        },
      ];
    }
    switch (index) {
      case 0:
        return serving(LLAMA3_70B, { tensorParallel: 4, seqLen: 4096 }); // GQA: 8 KV heads, 2 per GPU
      case 1:
        return serving(LLAMA3_70B, { tensorParallel: 8, seqLen: 32768 }); // one KV head per GPU
      case 2:
        return serving(LLAMA3_70B, { tensorParallel: 16, seqLen: 8192 }); // more GPUs than KV heads: replicated
      case 3:
        return serving(LLAMA3_70B, { tensorParallel: 1, seqLen: 4096 }); // 141 GB of weights on 80 GiB: no room
      case 4:
        return serving(LLAMA3_8B, { tensorParallel: 1, seqLen: 8191, bytesPerElement: 1 }); // FP8 KV; 8191 = 511 blocks + 15
      case 5:
        // multi-query attention: one KV head shared by 16 query heads, on 2 GPUs (replicated)
        return serving(
          { layers: 24, queryHeads: 16, kvHeads: 1, headDim: 128, weightBytes: 3_000_000_000 },
          { tensorParallel: 2, seqLen: 2048, blockSize: 32 },
        );
      case 6:
        return serving(LLAMA3_8B, { tensorParallel: 2, seqLen: 17, blockSize: 16 }); // 17 tokens take 2 blocks
      default: {
        // random shapes: head counts and TP that divide one another
        const kvHeads = rng.pick([1, 2, 4, 8, 16]);
        const tensorParallel = rng.pick([1, 2, 4, 8]);
        const group = rng.pick([1, 2, 4, 8]);
        return [
          {
            layers: rng.int(2, 96),
            queryHeads: kvHeads * group,
            kvHeads,
            headDim: rng.pick([64, 80, 128, 256]),
            bytesPerElement: rng.pick([1, 2, 4]),
            tensorParallel,
            hbmBytes: rng.pick([24, 40, 48, 80, 96, 141]) * GIB,
            memoryUtilizationPercent: rng.pick([80, 85, 90, 95]),
            weightBytes: rng.int(1, 200) * 1_000_000_000,
            seqLen: rng.int(1, 65536),
            blockSize: rng.pick([8, 16, 32]),
          },
        ];
      }
    }
  },
  starterCode: `type ServingConfig = {
  layers: number; queryHeads: number; kvHeads: number; headDim: number; bytesPerElement: number;
  tensorParallel: number; hbmBytes: number; memoryUtilizationPercent: number; weightBytes: number;
  seqLen: number; blockSize: number;
};

function kvCacheBudget(config: ServingConfig) {
  // Per GPU: the KV bytes one token takes in every layer, the whole blocks a sequence of seqLen tokens
  // takes, how many blocks fit in the HBM left after this GPU's share of the weights, and how many
  // sequences those blocks hold.
  return { bytesPerToken: 0, bytesPerSequence: 0, blocksPerSequence: 0, totalBlocks: 0, maxConcurrentSequences: 0 };
}
`,
  solutionCode: `type ServingConfig = {
  layers: number; queryHeads: number; kvHeads: number; headDim: number; bytesPerElement: number;
  tensorParallel: number; hbmBytes: number; memoryUtilizationPercent: number; weightBytes: number;
  seqLen: number; blockSize: number;
};

function kvCacheBudget(config: ServingConfig) {
  const tp = config.tensorParallel;
  // Tensor parallelism splits the KV heads; with more GPUs than KV heads each GPU keeps one.
  const kvHeadsPerGpu = Math.max(1, config.kvHeads / tp);
  // A key and a value vector per KV head, per layer.
  const bytesPerToken = 2 * config.layers * kvHeadsPerGpu * config.headDim * config.bytesPerElement;
  const blocksPerSequence = Math.ceil(config.seqLen / config.blockSize);
  const bytesPerBlock = config.blockSize * bytesPerToken;
  const budget = Math.floor((config.hbmBytes * config.memoryUtilizationPercent) / 100) - Math.ceil(config.weightBytes / tp);
  const totalBlocks = Math.max(0, Math.floor(budget / bytesPerBlock));
  return {
    bytesPerToken,
    bytesPerSequence: blocksPerSequence * bytesPerBlock,
    blocksPerSequence,
    totalBlocks,
    maxConcurrentSequences: Math.floor(totalBlocks / blocksPerSequence),
  };
}
`,
};
