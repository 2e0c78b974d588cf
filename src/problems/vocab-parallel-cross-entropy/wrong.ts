import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { vocabParallelCrossEntropyKernel } from "./kernel.ts";
import { vocabParallelCrossEntropyPython } from "./python.ts";

const { solutionCode } = vocabParallelCrossEntropyKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "each rank shifts its exp by its local max, so the summed exps mix different scales", [
    [
      "const localSumExp = shards.map((shard) =>\n    shard.map((row, n) => row.reduce((sum, value) => sum + Math.exp(value - globalMax[n]), 0)),",
      "const localSumExp = shards.map((shard, r) =>\n    shard.map((row, n) => row.reduce((sum, value) => sum + Math.exp(value - localMax[r][n]), 0)),",
    ],
  ]),
  edited(
    solutionCode,
    "no max subtraction: exp overflows to Infinity for logits of magnitude 1e4 and the loss is NaN",
    [
      [
        "return local >= 0 && local < slice ? row[local] - globalMax[n] : 0;",
        "return local >= 0 && local < slice ? row[local] : 0;",
      ],
      ["sum + Math.exp(value - globalMax[n]), 0)", "sum + Math.exp(value), 0)"],
      ["(Math.exp(value - globalMax[n]) / sumExp[n]", "(Math.exp(value) / sumExp[n]"],
    ],
  ),
  edited(solutionCode, "target looked up without subtracting the rank's vocab start: every rank finds ids below S", [
    [
      "const local = targets[n] - r * slice;\n      return local >= 0 && local < slice ? row[local]",
      "const local = targets[n];\n      return local >= 0 && local < slice ? row[local]",
    ],
  ]),
  edited(solutionCode, "gradient of the summed loss: (softmax − one-hot) not divided by N", [
    ["(j === local ? 1 : 0)) / tokens);", "(j === local ? 1 : 0)));"],
  ]),
  edited(solutionCode, "one-hot subtracted on every shard at target mod S instead of on the rank holding the target", [
    [
      "const local = targets[n] - r * slice;\n      return row.map(",
      "const local = targets[n] % slice;\n      return row.map(",
    ],
  ]),
  edited(solutionCode, "the target's logit exchanged unshifted: the loss log Σexp(x − max) − x_t misses + max", [
    ["row[local] - globalMax[n] : 0", "row[local] : 0"],
  ]),
  edited(solutionCode, "mean loss as the sum over tokens, not divided by N", [
    ["const meanLoss = loss.reduce((a, b) => a + b, 0) / tokens;", "const meanLoss = loss.reduce((a, b) => a + b, 0);"],
  ]),
];

const pythonSolution = vocabParallelCrossEntropyPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "each rank shifts its exp by its local max, so the summed exps mix different scales", [
    ["exp = np.exp(shards - global_max[None, :, None])", "exp = np.exp(shards - local_max[:, :, None])"],
  ]),
  edited(pythonSolution, "no max subtraction: exp overflows to inf for logits of magnitude 1e4", [
    ["shards[r, rows, index] - global_max, 0.0)", "shards[r, rows, index], 0.0)"],
    ["exp = np.exp(shards - global_max[None, :, None])", "exp = np.exp(shards)"],
  ]),
  edited(pythonSolution, "target looked up without subtracting the rank's vocab start", [
    [
      "        local = targets - r * s\n        held = (local >= 0) & (local < s)\n        index",
      "        local = targets\n        held = (local >= 0) & (local < s)\n        index",
    ],
  ]),
  edited(pythonSolution, "gradient of the summed loss: not divided by N", [["grad = grad / tokens\n", ""]]),
  edited(pythonSolution, "one-hot subtracted on every shard at target mod S", [
    [
      "        local = targets - r * s\n        held = (local >= 0) & (local < s)\n        grad",
      "        local = targets % s\n        held = (local >= 0) & (local < s)\n        grad",
    ],
  ]),
  edited(pythonSolution, "the target's logit exchanged unshifted: the loss misses + max", [
    ["shards[r, rows, index] - global_max, 0.0)", "shards[r, rows, index], 0.0)"],
  ]),
  edited(pythonSolution, "mean loss as the sum over tokens", [
    ['"mean_loss": float(loss.mean())', '"mean_loss": float(loss.sum())'],
  ]),
];
