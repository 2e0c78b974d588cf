import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";
import { NdArray } from "../../kernels/python/ndarray.ts";

const RESULT_KEYS = ["send_counts", "recv_counts", "order", "inverse", "combined"];

/** One rank's T × k rows as a numpy array of shape (T, k), (0, k) for a rank without tokens. */
function rows(matrix: readonly (readonly number[])[], topK: number, dtype: "int64" | "float64"): NdArray {
  return new NdArray([matrix.length, topK], Float64Array.from(matrix.flat()), dtype);
}

const solutionCode = `import numpy as np


def moe_all_to_all_plan(num_ranks: int, num_experts: int, top_experts: list, gate_weights: list,
                        expert_outputs: list) -> dict:
    local = num_experts // num_ranks
    send_counts = np.zeros((num_ranks, num_ranks), dtype=np.int64)
    recv_counts = np.zeros((num_ranks, num_ranks, local), dtype=np.int64)
    order, inverse = [], []
    for src in range(num_ranks):
        experts = np.asarray(top_experts[src], dtype=np.int64).reshape(-1)  # copy c = t * k + j
        per_expert = np.bincount(experts, minlength=num_experts)
        send_counts[src] = per_expert.reshape(num_ranks, local).sum(axis=1)
        recv_counts[:, src, :] = per_expert.reshape(num_ranks, local)
        perm = np.argsort(experts, kind="stable")  # by expert id = by (destination rank, local expert)
        inv = np.empty_like(perm)
        inv[perm] = np.arange(len(perm))
        order.append(perm)
        inverse.append(inv)
    # Combine: rank dst returns source src's block in arrival order; src concatenates the blocks by dst.
    returned = [[] for _ in range(num_ranks)]
    for dst in range(num_ranks):
        offset = 0
        for src in range(num_ranks):
            count = int(send_counts[src, dst])
            returned[src].append(np.asarray(expert_outputs[dst][offset:offset + count], dtype=np.float64))
            offset += count
    combined = []
    for src in range(num_ranks):
        weights = np.asarray(gate_weights[src], dtype=np.float64)
        values = np.concatenate(returned[src])[inverse[src]].reshape(weights.shape)
        combined.append((weights * values).sum(axis=1))
    return {"send_counts": send_counts, "recv_counts": recv_counts, "order": order, "inverse": inverse,
            "combined": combined}
`;

export const moeAllToAllPlanPython: PythonForm = {
  kernelId: "moe-all-to-all-plan",
  functionName: "moe_all_to_all_plan",
  signature: `def moe_all_to_all_plan(num_ranks: int, num_experts: int, top_experts: list[np.ndarray],
                        gate_weights: list[np.ndarray], expert_outputs: list[np.ndarray]) -> dict
# top_experts[r]: int64 (T_r, k); gate_weights[r]: float64 (T_r, k); expert_outputs[d]: float64 (received copies,)
# {"send_counts": (R, R), "recv_counts": (R, R, L), "order": [(T_r·k,)], "inverse": [(T_r·k,)], "combined": [(T_r,)]}`,
  argKinds: ["int", "int", "json", "json", "json"],
  adapter: {
    ...dictResult(RESULT_KEYS),
    args: ([numRanks, numExperts, topExperts, gateWeights, expertOutputs]) => {
      const experts = topExperts as number[][][];
      const topK = experts.find((tokens) => tokens.length > 0)?.[0]?.length ?? 1;
      return [
        numRanks,
        numExperts,
        experts.map((tokens) => rows(tokens, topK, "int64")),
        (gateWeights as number[][][]).map((weights) => rows(weights, topK, "float64")),
        (expertOutputs as number[][]).map((buffer) => new NdArray([buffer.length], Float64Array.from(buffer))),
      ];
    },
  },
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `import numpy as np


def moe_all_to_all_plan(num_ranks: int, num_experts: int, top_experts: list, gate_weights: list,
                        expert_outputs: list) -> dict:
    # Rank r holds experts r*L ... r*L + L - 1 (L = num_experts // num_ranks). Copy t*k + j is token t's j-th choice.
    # Sort each rank's copies stably by expert id, count what goes where, then route the outputs back.
    return {"send_counts": np.zeros((num_ranks, num_ranks), dtype=np.int64), "recv_counts": np.zeros(0),
            "order": [], "inverse": [], "combined": []}
`,
  solutionCode,
};
