import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { rnnForwardKernel } from "./kernel.ts";
import { rnnForwardPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "rnn-forward",
  kernel: rnnForwardKernel,
  python: rnnForwardPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "13c61db98b9aa9402b6d025d98df758e699fb8953b341f4f96a365c0ea2e1dc8",
  starterCommentsZh: {
    "xs is T×D (one input vector per time step); Wx is H×D, Wh is H×H, bh and wOut have length H.":
      "xs 是 T×D（每个时间步一个输入向量）；Wx 是 H×D，Wh 是 H×H，bh 和 wOut 的长度为 H。",
    "h starts at zeros(H); for each step: h = tanh(Wx·x_t + Wh·h + bh) (use the previous h for every unit).":
      "h 初始为 zeros(H)；每一步：h = tanh(Wx·x_t + Wh·h + bh)（每个单元都要用上一步的 h）。",
    "Return sigmoid(wOut·h_T + bOut), the probability of the positive class.":
      "返回 sigmoid(wOut·h_T + bOut)，即正类的概率。",
    "xs is T×D (one input vector per time step); Wx is H×D, Wh is H×H, bh and w_out have length H.":
      "xs 是 T×D（每个时间步一个输入向量）；Wx 是 H×D，Wh 是 H×H，bh 和 w_out 的长度为 H。",
    "h starts at zeros(H); for each step: h = tanh(Wx·x_t + Wh·h + bh) (the previous h for every unit).":
      "h 初始为 zeros(H)；每一步：h = tanh(Wx·x_t + Wh·h + bh)（每个单元都用上一步的 h）。",
    "Return sigmoid(w_out·h_T + b_out), the probability of the positive class.":
      "返回 sigmoid(w_out·h_T + b_out)，即正类的概率。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。可以用 @ 运算符。",
};
