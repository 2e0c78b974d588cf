import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { routeTokensKernel } from "./kernel.ts";
import { routeTokensPython } from "./python.ts";

const { solutionCode } = routeTokensKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "capacity rounded down: cf·T·k/E = 3.125 gives 3 slots and drops an assignment that fits", [
    ["Math.ceil((capacityFactor * T * topK) / E)", "Math.floor((capacityFactor * T * topK) / E)"],
  ]),
  edited(
    solutionCode,
    "admits token by token (all of a token's choices before the next token), not first choices first",
    [
      [
        "for (let rank = 0; rank < topK; rank++) {\n    for (let t = 0; t < T; t++) {",
        "for (let t = 0; t < T; t++) {\n    for (let rank = 0; rank < topK; rank++) {",
      ],
    ],
  ),
  edited(
    solutionCode,
    "load-balancing f_i counted after dropping (kept assignments) instead of over the top-k choices",
    [
      [
        "for (const chosen of choices) for (const e of chosen) chosenCount[e]++;",
        "for (const chosen of experts) for (const e of chosen) chosenCount[e]++;",
      ],
    ],
  ),
  edited(solutionCode, "auxiliary loss without the factor E (a balanced router then scores 1/E, not 1)", [
    ["auxLoss: auxCoeff * E * balance", "auxLoss: auxCoeff * balance"],
  ]),
  edited(solutionCode, "f_i divided by T instead of T·k: the k = 1 formula applied to top-k routing", [
    ["balance += (chosenCount[e] / (T * topK)) * (probSum / T);", "balance += (chosenCount[e] / T) * (probSum / T);"],
  ]),
  edited(solutionCode, "softmax over the k chosen logits only: wrong weights when renormalisation is off", [
    [
      "const picked = chosen.map((e) => probs[t][e]);",
      "const picked = chosen.map((e) => Math.exp(logits[t][e] - logits[t][chosen[0]]));",
    ],
    ["return renormalize ? picked.map((v) => v / total) : picked;", "return picked.map((v) => v / total);"],
  ]),
  edited(solutionCode, "equal logits broken toward the higher expert id", [
    ["row[b] - row[a] || a - b", "row[b] - row[a] || b - a"],
  ]),
  edited(
    solutionCode,
    "renormalises over the experts kept after dropping, so a token that lost a choice still sums to 1",
    [
      [
        "const weights = gates.map((gate, t) => gate.filter((_, rank) => kept[t][rank]));",
        `const weights = gates.map((gate, t) => {
    const w = gate.filter((_, rank) => kept[t][rank]);
    const s = w.reduce((a, v) => a + v, 0);
    return renormalize ? w.map((v) => v / s) : w;
  });`,
      ],
    ],
  ),
  edited(solutionCode, "softmax without subtracting the row maximum: exp overflows to Infinity for logits above 709", [
    ["const exps = row.map((v) => Math.exp(v - max));", "const exps = row.map((v) => Math.exp(v));"],
  ]),
];

const pythonSolution = routeTokensPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "capacity rounded down", [
    ["capacity = math.ceil(capacity_factor * t * top_k / e)", "capacity = math.floor(capacity_factor * t * top_k / e)"],
  ]),
  edited(pythonSolution, "admits token by token instead of first choices first", [
    [
      "for rank in range(top_k):\n        for token in range(t):",
      "for token in range(t):\n        for rank in range(top_k):",
    ],
  ]),
  edited(pythonSolution, "load-balancing f_i counted after dropping", [
    ["f = np.bincount(choices.ravel(), minlength=e) / (t * top_k)", "f = np.array(load) / (t * top_k)"],
  ]),
  edited(pythonSolution, "auxiliary loss without the factor E", [
    ["aux_loss = aux_coeff * e * float(np.sum(f * p))", "aux_loss = aux_coeff * float(np.sum(f * p))"],
  ]),
  edited(
    pythonSolution,
    "equal logits broken toward the higher expert id (descending by reversing an ascending sort)",
    [
      [
        'choices = np.argsort(-logits, axis=1, kind="stable")[:, :top_k]',
        'choices = np.argsort(logits, axis=1, kind="stable")[:, ::-1][:, :top_k]',
      ],
    ],
  ),
  edited(pythonSolution, "softmax over the k chosen logits only", [
    [
      "gates = np.take_along_axis(probs, choices, axis=1)\n    if renormalize:\n        gates = gates / gates.sum(axis=1, keepdims=True)",
      "chosen = np.take_along_axis(logits, choices, axis=1)\n    gates = np.exp(chosen - chosen.max(axis=1, keepdims=True))\n    gates = gates / gates.sum(axis=1, keepdims=True)",
    ],
  ]),
  edited(pythonSolution, "renormalises over the experts kept after dropping", [
    [
      "weights = [[float(w) for w in gates[token][kept[token]]] for token in range(t)]",
      "weights = [[float(w) / (float(gates[token][kept[token]].sum()) if renormalize else 1.0)\n                for w in gates[token][kept[token]]] for token in range(t)]",
    ],
  ]),
  edited(pythonSolution, "softmax without subtracting the row maximum", [
    ["shifted = np.exp(logits - logits.max(axis=1, keepdims=True))", "shifted = np.exp(logits)"],
  ]),
];
