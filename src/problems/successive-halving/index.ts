import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { successiveHalvingKernel } from "./kernel.ts";
import { successiveHalvingPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "successive-halving",
  kernel: successiveHalvingKernel,
  python: successiveHalvingPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "9ff34aa9ffa5f8eb8572500e21ce17d393a7628c43e78106ab0540d2c65c19f5",
  starterCommentsZh: {
    "scores[c][r]: score of configuration c at rung r (higher is better). All configurations run at rung 0;":
      "scores[c][r]：配置 c 在第 r 级（rung）的得分（越高越好）。所有配置都在第 0 级运行；",
    "after each rung keep the best max(1, floor(m / eta)) of the m that ran (ties: lower index first).":
      "每一级结束后，在运行过的 m 个配置中保留最好的 max(1, floor(m / eta)) 个（并列时下标小的优先）。",
    "rungs[r] lists who ran at rung r in ascending order; winner is the best at the last rung.":
      "rungs[r] 按升序列出在第 r 级运行的配置；winner 是最后一级中最好的配置。",
    "scores[c, r]: score of configuration c at rung r (higher is better). All configurations run at rung 0;":
      "scores[c, r]：配置 c 在第 r 级（rung）的得分（越高越好）。所有配置都在第 0 级运行；",
    "after each rung keep the best max(1, m // eta) of the m that ran (ties: lower index first).":
      "每一级结束后，在运行过的 m 个配置中保留最好的 max(1, m // eta) 个（并列时下标小的优先）。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
