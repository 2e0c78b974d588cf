import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { moeAllToAllPlanKernel } from "./kernel.ts";
import { moeAllToAllPlanPython } from "./python.ts";

const { solutionCode } = moeAllToAllPlanKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "expert e placed on rank e mod R (round-robin) instead of contiguously on rank ⌊e/L⌋", [
    [
      "const rankOf = (expert: number) => Math.floor(expert / local);",
      "const rankOf = (expert: number) => expert % numRanks;",
    ],
  ]),
  edited(
    solutionCode,
    "copies enumerated slot by slot: within an expert, slot order instead of token order (not stable)",
    [
      [
        "for (let t = 0; t < tokens.length; t++) {\n      for (let j = 0; j < k; j++) {",
        "for (let j = 0; j < k; j++) {\n      for (let t = 0; t < tokens.length; t++) {",
      ],
    ],
  ),
  edited(solutionCode, "send-count matrix transposed: row = receiver, column = sender", [
    ["sendCounts[src][rankOf(e)] += perExpert[e];", "sendCounts[rankOf(e)][src] += perExpert[e];"],
  ]),
  edited(solutionCode, "the combine gathers with the permutation instead of its inverse (un-permutes the wrong way)", [
    ["returned[src][inverse[src][t * choices.length + j]]", "returned[src][order[src][t * choices.length + j]]"],
  ]),
  edited(solutionCode, "the inverse built as a copy of the permutation (inv[position] = copy)", [
    ["inv[copy] = position;", "inv[position] = copy;"],
  ]),
  edited(solutionCode, "the combine forgets the gate weights: a plain sum of the k expert outputs", [
    [
      "sum += gateWeights[src][t][j] * returned[src][inverse[src][t * choices.length + j]];",
      "sum += returned[src][inverse[src][t * choices.length + j]];",
    ],
  ]),
  edited(solutionCode, "only the top-1 choice counted: the other k − 1 copies are not sent", [
    [
      "for (const choices of tokens) for (const expert of choices) perExpert[expert]++;",
      "for (const choices of tokens) perExpert[choices[0]]++;",
    ],
  ]),
];

const pythonSolution = moeAllToAllPlanPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "expert e placed on rank e mod R (round-robin) instead of contiguously on rank e // L", [
    ["per_expert.reshape(num_ranks, local).sum(axis=1)", "per_expert.reshape(local, num_ranks).sum(axis=0)"],
    [
      "recv_counts[:, src, :] = per_expert.reshape(num_ranks, local)",
      "recv_counts[:, src, :] = per_expert.reshape(local, num_ranks).T",
    ],
  ]),
  edited(pythonSolution, "copies sorted slot by slot (k-major) instead of token by token: not the stable copy order", [
    [
      'perm = np.argsort(experts, kind="stable")',
      'k = len(experts) // max(len(top_experts[src]), 1)\n        slot_major = np.arange(len(experts)).reshape(-1, k).T.reshape(-1) if len(experts) else np.arange(0)\n        perm = slot_major[np.argsort(experts[slot_major], kind="stable")]',
    ],
  ]),
  edited(pythonSolution, "send-count matrix transposed: row = receiver, column = sender", [
    ["send_counts[src] = per_expert", "send_counts[:, src] = per_expert"],
  ]),
  edited(pythonSolution, "the combine gathers with the permutation instead of its inverse", [
    ["values = np.concatenate(returned[src])[inverse[src]]", "values = np.concatenate(returned[src])[order[src]]"],
  ]),
  edited(pythonSolution, "the inverse built as a copy of the permutation", [
    ["inv[perm] = np.arange(len(perm))", "inv[:] = perm"],
  ]),
  edited(pythonSolution, "the combine forgets the gate weights: a plain sum of the k expert outputs", [
    ["(weights * values).sum(axis=1)", "values.sum(axis=1)"],
  ]),
];
