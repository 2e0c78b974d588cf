import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import math

import numpy as np


def route_tokens(logits: np.ndarray, top_k: int, capacity_factor: float, renormalize: bool,
                 aux_coeff: float) -> dict:
    t, e = logits.shape
    shifted = np.exp(logits - logits.max(axis=1, keepdims=True))
    probs = shifted / shifted.sum(axis=1, keepdims=True)
    # stable sort of -logits: equal logits keep the lower expert id first
    choices = np.argsort(-logits, axis=1, kind="stable")[:, :top_k]
    gates = np.take_along_axis(probs, choices, axis=1)
    if renormalize:
        gates = gates / gates.sum(axis=1, keepdims=True)
    capacity = math.ceil(capacity_factor * t * top_k / e)
    load = [0] * e
    kept = np.zeros((t, top_k), dtype=bool)
    dropped = []
    for rank in range(top_k):
        for token in range(t):
            expert = int(choices[token, rank])
            if load[expert] < capacity:
                load[expert] += 1
                kept[token, rank] = True
            else:
                dropped.append([token, expert])
    experts = [[int(x) for x in choices[token][kept[token]]] for token in range(t)]
    weights = [[float(w) for w in gates[token][kept[token]]] for token in range(t)]
    f = np.bincount(choices.ravel(), minlength=e) / (t * top_k)
    p = probs.mean(axis=0)
    aux_loss = aux_coeff * e * float(np.sum(f * p))
    return {"capacity": capacity, "experts": experts, "weights": weights, "dropped": dropped,
            "load": load, "aux_loss": aux_loss}
`;

export const routeTokensPython: PythonForm = {
  kernelId: "moe-router-capacity",
  functionName: "route_tokens",
  signature: `def route_tokens(logits: np.ndarray, top_k: int, capacity_factor: float, renormalize: bool,
                 aux_coeff: float) -> dict
# logits (T, E) float64
# -> {"capacity": int, "experts": list[list[int]], "weights": list[list[float]],
#     "dropped": list[[token, expert]], "load": list[int], "aux_loss": float}`,
  argKinds: ["ndarray2d", "int", "float", "bool", "float"],
  adapter: dictResult(["capacity", "experts", "weights", "dropped", "load", "aux_loss"]),
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `import numpy as np


def route_tokens(logits: np.ndarray, top_k: int, capacity_factor: float, renormalize: bool,
                 aux_coeff: float) -> dict:
    # Softmax each row over all experts, take the k largest logits (ties: lower id), then admit assignments
    # choice rank by choice rank up to C = ceil(cf*T*k/E) per expert; aux_loss = alpha*E*sum(f_i*P_i).
    return {"capacity": 0, "experts": [], "weights": [], "dropped": [], "load": [], "aux_loss": 0.0}
`,
  solutionCode,
};
