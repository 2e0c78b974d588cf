import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { kvCacheBudgetKernel } from "./kernel.ts";
import { kvCacheBudgetPython } from "./python.ts";

const { solutionCode } = kvCacheBudgetKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "ignores grouped-query attention: caches one KV pair per query head", [
    ["Math.max(1, config.kvHeads / tp)", "Math.max(1, config.queryHeads / tp)"],
  ]),
  edited(solutionCode, "forgets that both K and V are cached (no factor 2)", [
    ["const bytesPerToken = 2 * config.layers", "const bytesPerToken = config.layers"],
  ]),
  edited(solutionCode, "does not shard the KV heads over the tensor-parallel GPUs", [
    ["Math.max(1, config.kvHeads / tp)", "config.kvHeads"],
  ]),
  edited(solutionCode, "rounds the blocks of a sequence down: the partial last block is not reserved", [
    ["Math.ceil(config.seqLen / config.blockSize)", "Math.max(1, Math.floor(config.seqLen / config.blockSize))"],
  ]),
  edited(solutionCode, "charges every GPU with all the weights instead of its 1/TP share", [
    ["Math.ceil(config.weightBytes / tp)", "config.weightBytes"],
  ]),
  edited(solutionCode, "counts sequences by bytes, as if a sequence needed only seqLen tokens, not whole blocks", [
    [
      "maxConcurrentSequences: Math.floor(totalBlocks / blocksPerSequence)",
      "maxConcurrentSequences: Math.max(0, Math.floor(budget / (config.seqLen * bytesPerToken)))",
    ],
  ]),
  edited(solutionCode, "floors kvHeads / TP: with more GPUs than KV heads a GPU caches nothing", [
    ["Math.max(1, config.kvHeads / tp)", "Math.floor(config.kvHeads / tp)"],
  ]),
];

const pythonSolution = kvCacheBudgetPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "ignores grouped-query attention: caches one KV pair per query head", [
    ['max(1, config["kv_heads"] // tp)', 'max(1, config["query_heads"] // tp)'],
  ]),
  edited(pythonSolution, "forgets that both K and V are cached (no factor 2)", [
    ['bytes_per_token = 2 * config["layers"]', 'bytes_per_token = config["layers"]'],
  ]),
  edited(pythonSolution, "does not shard the KV heads over the tensor-parallel GPUs", [
    ['max(1, config["kv_heads"] // tp)', 'config["kv_heads"]'],
  ]),
  edited(pythonSolution, "rounds the blocks of a sequence down: the partial last block is not reserved", [
    ['-(-config["seq_len"] // config["block_size"])', 'max(1, config["seq_len"] // config["block_size"])'],
  ]),
  edited(pythonSolution, "charges every GPU with all the weights instead of its 1/TP share", [
    ['(-(-config["weight_bytes"] // tp))', 'config["weight_bytes"]'],
  ]),
  edited(pythonSolution, "counts sequences by bytes, as if a sequence needed only seq_len tokens, not whole blocks", [
    [
      '"max_concurrent_sequences": total_blocks // blocks_per_sequence',
      '"max_concurrent_sequences": max(0, budget // (config["seq_len"] * bytes_per_token))',
    ],
  ]),
  edited(pythonSolution, "floors kv_heads / TP: with more GPUs than KV heads a GPU caches nothing", [
    ['max(1, config["kv_heads"] // tp)', 'config["kv_heads"] // tp'],
  ]),
];
