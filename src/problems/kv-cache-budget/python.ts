import { camelKeys, snakeKeys } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";

/** The configuration's fields as the Python learner's dict spells them. */
const CONFIG_KEYS = [
  "layers",
  "query_heads",
  "kv_heads",
  "head_dim",
  "bytes_per_element",
  "tensor_parallel",
  "hbm_bytes",
  "memory_utilization_percent",
  "weight_bytes",
  "seq_len",
  "block_size",
];

const solutionCode = `def kv_cache_budget(config: dict) -> dict:
    tp = config["tensor_parallel"]
    # Tensor parallelism splits the KV heads; with more GPUs than KV heads each GPU keeps one.
    kv_heads_per_gpu = max(1, config["kv_heads"] // tp)
    # A key and a value vector per KV head, per layer.
    bytes_per_token = 2 * config["layers"] * kv_heads_per_gpu * config["head_dim"] * config["bytes_per_element"]
    blocks_per_sequence = -(-config["seq_len"] // config["block_size"])
    bytes_per_block = config["block_size"] * bytes_per_token
    budget = config["hbm_bytes"] * config["memory_utilization_percent"] // 100 - (-(-config["weight_bytes"] // tp))
    total_blocks = max(0, budget // bytes_per_block)
    return {
        "bytes_per_token": bytes_per_token,
        "bytes_per_sequence": blocks_per_sequence * bytes_per_block,
        "blocks_per_sequence": blocks_per_sequence,
        "total_blocks": total_blocks,
        "max_concurrent_sequences": total_blocks // blocks_per_sequence,
    }
`;

export const kvCacheBudgetPython: PythonForm = {
  kernelId: "kv-cache-budget",
  functionName: "kv_cache_budget",
  signature: "def kv_cache_budget(config: dict) -> dict",
  argKinds: ["json"],
  adapter: {
    args: ([config]) => [snakeKeys(config, CONFIG_KEYS)],
    result: camelKeys,
    present: (value) =>
      snakeKeys(value, [
        "bytes_per_token",
        "bytes_per_sequence",
        "blocks_per_sequence",
        "total_blocks",
        "max_concurrent_sequences",
      ]),
  },
  forbiddenNames: [],
  allowed:
    "Python 3 integer arithmetic (//, -(-a // b) for a ceiling, the math module); numpy is allowed but not needed.",
  starterCode: `def kv_cache_budget(config: dict) -> dict:
    # config: layers, query_heads, kv_heads, head_dim, bytes_per_element, tensor_parallel, hbm_bytes,
    # memory_utilization_percent, weight_bytes, seq_len, block_size. Everything per GPU: the KV bytes one token takes
    # in every layer, the whole blocks a sequence of seq_len tokens takes, how many blocks fit in the HBM left
    # after this GPU's share of the weights, and how many sequences those blocks hold.
    return {"bytes_per_token": 0, "bytes_per_sequence": 0, "blocks_per_sequence": 0,
            "total_blocks": 0, "max_concurrent_sequences": 0}
`,
  solutionCode,
};
