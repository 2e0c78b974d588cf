import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { onlineSoftmaxKernel } from "./kernel.ts";
import { onlineSoftmaxPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "online-softmax",
  kernel: onlineSoftmaxKernel,
  python: onlineSoftmaxPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "5ac2e5d15403662bb8290b15d9aecc5e8ed315153bd9291e30b47c362b0fd385",
  starterCommentsZh: {
    "Read the blocks in order, keeping the running state (m, d), d = sum of exp(x - m) over what was read.":
      "按顺序读取各块，维护运行状态 (m, d)，d = 已读部分上 exp(x - m) 之和。",
    "After each block push m to maxes and d to sums. Then merge (m, d) with (otherMax, otherSum) into":
      "每读完一块，把 m 压入 maxes，把 d 压入 sums。然后将 (m, d) 与 (otherMax, otherSum) 合并为",
    "(max, sum), and return probs[i] = exp(x_i - max) / sum for this part's values in block order.":
      "(max, sum)，并按块顺序为本部分的各值返回 probs[i] = exp(x_i - max) / sum。",
    "After each block append m to maxes and d to sums. Then merge (m, d) with (other_max, other_sum) into":
      "每读完一块，把 m 追加到 maxes，把 d 追加到 sums。然后将 (m, d) 与 (other_max, other_sum) 合并为",
    "(max, sum), and return probs = exp(x - max) / sum for this part's values in block order.":
      "(max, sum)，并按块顺序为本部分的各值返回 probs = exp(x - max) / sum。",
  },
  allowedZh: "Python 3 与 numpy、math；不能用库里的 softmax（scipy.special.softmax、torch）。",
};
