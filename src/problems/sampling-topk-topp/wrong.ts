import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { samplingTopkToppKernel } from "./kernel.ts";
import { samplingTopkToppPython } from "./python.ts";

const { solutionCode } = samplingTopkToppKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "repetition penalty divides every seen logit, so a negative one becomes more likely", [
    [
      "scores[id] = scores[id] < 0 ? scores[id] * repetitionPenalty : scores[id] / repetitionPenalty;",
      "scores[id] = scores[id] / repetitionPenalty;",
    ],
  ]),
  edited(solutionCode, "penalises a token once per occurrence instead of once", [
    ["for (const id of new Set(previousTokens)) {", "for (const id of previousTokens) {"],
  ]),
  edited(solutionCode, "top-p drops the token that crosses p (keeps only tokens strictly below it)", [
    [
      "      nucleus.add(id);\n      cumulative += p;\n      if (cumulative >= topP) break;",
      "      cumulative += p;\n      if (cumulative >= topP && nucleus.size > 0) break;\n      nucleus.add(id);",
    ],
  ]),
  edited(solutionCode, "top-k keeps exactly k tokens by sort position, dropping ties with the k-th", [
    [
      "    const kth = [...scores].sort((a, b) => b - a)[topK - 1];\n    for (let id = 0; id < vocab; id++) kept[id] = scores[id] >= kth;",
      "    const ranked = scores.map((s, id) => ({ s, id })).sort((a, b) => b.s - a.s || a.id - b.id);\n    for (let id = 0; id < vocab; id++) kept[id] = false;\n    for (const { id } of ranked.slice(0, topK)) kept[id] = true;",
    ],
  ]),
  edited(solutionCode, "temperature applied after top-p: the nucleus is chosen from the untempered distribution", [
    ["  for (let id = 0; id < vocab; id++) scores[id] /= temperature;\n", ""],
    [
      "    probs = probs.map((p, id) => (nucleus.has(id) ? p / mass : 0));",
      "    probs = probs.map((p, id) => (nucleus.has(id) ? p / mass : 0));\n    const tempered = probs.map((p) => (p > 0 ? Math.pow(p, 1 / temperature) : 0));\n    const z = tempered.reduce((a, v) => a + v, 0);\n    probs = tempered.map((v) => v / z);",
    ],
  ]),
  edited(solutionCode, "samples in order of probability instead of token id", [
    [
      "  for (let id = 0; id < vocab; id++) {\n    if (probs[id] === 0) continue;",
      "  const byProb = probs.map((_, id) => id).sort((a, b) => probs[b] - probs[a] || a - b);\n  for (const id of byProb) {\n    if (probs[id] === 0) continue;",
    ],
  ]),
  edited(solutionCode, "greedy picks the last of several equal maxima", [
    ["if (scores[id] > scores[best]) best = id;", "if (scores[id] >= scores[best]) best = id;"],
  ]),
];

const pythonSolution = samplingTopkToppPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "repetition penalty divides every seen logit, so a negative one becomes more likely", [
    [
      "scores[i] = scores[i] * repetition_penalty if scores[i] < 0 else scores[i] / repetition_penalty",
      "scores[i] = scores[i] / repetition_penalty",
    ],
  ]),
  edited(pythonSolution, "penalises a token once per occurrence instead of once", [
    ["for i in set(previous_tokens):", "for i in previous_tokens:"],
  ]),
  edited(pythonSolution, "top-p drops the token that crosses p (keeps only tokens strictly below it)", [
    [
      "            nucleus.append(i)\n            cumulative += probs[i]\n            if cumulative >= top_p:\n                break",
      "            cumulative += probs[i]\n            if cumulative >= top_p and nucleus:\n                break\n            nucleus.append(i)",
    ],
  ]),
  edited(pythonSolution, "top-k keeps exactly k tokens by sort position, dropping ties with the k-th", [
    [
      "        kth = np.sort(scores)[::-1][top_k - 1]\n        kept = scores >= kth",
      '        kept = np.zeros(vocab, dtype=bool)\n        kept[np.argsort(-scores, kind="stable")[:top_k]] = True',
    ],
  ]),
  edited(pythonSolution, "temperature applied after top-p: the nucleus is chosen from the untempered distribution", [
    ["    scores = scores / temperature\n", ""],
    [
      "        probs = probs / probs[mask].sum()",
      "        probs = probs / probs[mask].sum()\n        probs = np.where(probs > 0, probs ** (1 / temperature), 0.0)\n        probs = probs / probs.sum()",
    ],
  ]),
  edited(pythonSolution, "samples in order of probability instead of token id", [
    [
      "    for i in range(vocab):\n        if probs[i] == 0:",
      "    for i in sorted(range(vocab), key=lambda j: (-probs[j], j)):\n        if probs[i] == 0:",
    ],
  ]),
  edited(pythonSolution, "greedy picks the last of several equal maxima", [
    [
      "best = int(np.argmax(scores))  # the first (lowest) id among ties",
      "best = int(vocab - 1 - np.argmax(scores[::-1]))",
    ],
  ]),
];
