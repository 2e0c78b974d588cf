import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { tensorParallelMlpKernel } from "./kernel.ts";
import { tensorParallelMlpPython } from "./python.ts";

const { solutionCode } = tensorParallelMlpKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "b2 added on every rank before the all-reduce, so the output carries T·b2", [
    ["return sum + bias;", "return sum + ranks * bias;"],
  ]),
  edited(solutionCode, "GeLU applied after the all-reduce instead of on each rank's slice before W2", [
    ["const act = gelu(pre);", "const act = pre;"],
    ["return sum + bias;", "return gelu(sum) + bias;"],
  ]),
  edited(solutionCode, "ring all-reduce traffic without the 2(T−1)/T factor: the whole b×h output per rank", [
    [
      "const bytesPerRank = ((2 * (ranks - 1)) / ranks) * x.length * h * bytesPerElement;",
      "const bytesPerRank = x.length * h * bytesPerElement;",
    ],
  ]),
  edited(solutionCode, "GeLU's exact erf form approximated by the sigmoid x·σ(1.702x) instead of the tanh form", [
    [
      "return 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));",
      "return v / (1 + Math.exp(-1.702 * v));",
    ],
  ]),
  edited(solutionCode, "each rank's b1 slice starts at 0 instead of at its own column offset", [
    ["let pre = b1[j];", "let pre = b1[j - lo];"],
  ]),
  edited(solutionCode, "bytes counted as reduce-scatter only: (T−1)/T of the output", [
    ["const bytesPerRank = ((2 * (ranks - 1)) / ranks)", "const bytesPerRank = ((ranks - 1) / ranks)"],
  ]),
];

const pythonSolution = tensorParallelMlpPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "b2 added to every rank's partial, so the output carries T·b2", [
    ["partials.append(activated @ w2[cols, :])", "partials.append(activated @ w2[cols, :] + b2)"],
    ["output = total + b2", "output = total"],
  ]),
  edited(pythonSolution, "GeLU applied after the all-reduce", [
    ["activated = gelu(x @ w1[:, cols] + b1[cols])", "activated = x @ w1[:, cols] + b1[cols]"],
    ["output = total + b2", "output = gelu(total) + b2"],
  ]),
  edited(pythonSolution, "ring all-reduce traffic without the 2(T−1)/T factor", [
    [
      "bytes_per_rank = 2 * (ranks - 1) / ranks * b * h * bytes_per_element",
      "bytes_per_rank = b * h * bytes_per_element",
    ],
  ]),
  edited(pythonSolution, "every rank adds the first b1 slice instead of its own columns' biases", [
    ["activated = gelu(x @ w1[:, cols] + b1[cols])", "activated = gelu(x @ w1[:, cols] + b1[:shard])"],
  ]),
  edited(pythonSolution, "the exact erf GeLU instead of the stated tanh approximation", [
    [
      "return 0.5 * v * (1 + np.tanh(math.sqrt(2 / math.pi) * (v + 0.044715 * v ** 3)))",
      "return 0.5 * v * (1 + np.vectorize(math.erf)(v / math.sqrt(2)))",
    ],
  ]),
];
