import { nested } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";
import type { Network } from "./kernel.ts";

const solutionCode = `import math


def collective_cost(network: dict, collective: str, size: float) -> dict:
    p, g = network["ranks"], network["gpus_per_node"]
    nodes = p // g
    alpha = network["inter_alpha"] if nodes > 1 else network["intra_alpha"]
    beta = network["inter_beta"] if nodes > 1 else network["intra_beta"]
    algorithms = []
    if collective == "allreduce":
        algorithms.append({"name": "ring", "time": 2 * (p - 1) * alpha + 2 * (p - 1) / p * size * beta})
        algorithms.append({"name": "tree", "time": 2 * math.ceil(math.log2(p)) * (alpha + size * beta)})
        if nodes > 1 and g > 1:
            intra = (g - 1) * network["intra_alpha"] + (g - 1) / g * size * network["intra_beta"]
            inter = 2 * (nodes - 1) * network["inter_alpha"] + 2 * (nodes - 1) / nodes * (size / g) * network["inter_beta"]
            algorithms.append({"name": "hierarchical", "time": intra + inter + intra})
    elif collective == "alltoall":
        algorithms.append({"name": "pairwise", "time": (p - 1) * (alpha + size / p * beta)})
    else:
        algorithms.append({"name": "ring", "time": (p - 1) * alpha + (p - 1) / p * size * beta})
    best = algorithms[0]
    for candidate in algorithms:
        if candidate["time"] < best["time"]:
            best = candidate
    algbw = size / best["time"]
    factor = 2 * (p - 1) / p if collective == "allreduce" else (p - 1) / p
    return {"algorithms": algorithms, "fastest": best["name"], "time": best["time"],
            "algbw": algbw, "busbw": algbw * factor}
`;

export const collectiveCostPython: PythonForm = {
  kernelId: "collective-cost-model",
  functionName: "collective_cost",
  signature: `# network: {"ranks", "gpus_per_node", "intra_alpha", "intra_beta", "inter_alpha", "inter_beta"}
# collective: "allreduce" | "reducescatter" | "allgather" | "alltoall"
def collective_cost(network: dict, collective: str, size: float) -> dict
# {"algorithms": [{"name": str, "time": float}], "fastest": str, "time", "algbw", "busbw": float}`,
  argKinds: ["json", "str", "float"],
  adapter: {
    args: ([network, collective, bytes]) => {
      const { ranks, gpusPerNode, intraAlpha, intraBeta, interAlpha, interBeta } = network as Network;
      return [
        {
          ranks,
          gpus_per_node: gpusPerNode,
          intra_alpha: intraAlpha,
          intra_beta: intraBeta,
          inter_alpha: interAlpha,
          inter_beta: interBeta,
        },
        collective,
        bytes,
      ];
    },
    result: nested,
  },
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `def collective_cost(network: dict, collective: str, size: float) -> dict:
    # List the alpha-beta time of every algorithm that applies to this collective, pick the fastest,
    # then report algbw = size / time and busbw = algbw * the collective's nccl-tests factor.
    return {"algorithms": [], "fastest": "", "time": 0.0, "algbw": 0.0, "busbw": 0.0}
`,
  solutionCode,
};
