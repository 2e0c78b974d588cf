import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { pipelineScheduleKernel } from "./kernel.ts";
import { pipelineSchedulePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "pipeline-schedule",
  kernel: pipelineScheduleKernel,
  python: pipelineSchedulePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "c394452981457e00feb20ef3b7e13fd56423d5fa4bfad6a75f4a2c6f8f1647c9",
  starterCommentsZh: {
    "1. Per device, the order of its ops (which micro-batch, which chunk, F or B) from the schedule's rule.":
      "1. 按调度规则给出每个设备上各操作的顺序（哪个 micro-batch、哪个 chunk、F 还是 B）。",
    "2. Place each op as early as its device and its dependencies allow; 3. makespan, bubble, peak in flight.":
      "2. 在设备和依赖允许的前提下尽早安排每个操作；3. 求 makespan、气泡（bubble）和在途峰值（peak in flight）。",
    '1. Per device, the order of its ops (micro-batch, chunk, "F"/"B") from the schedule\'s rule.':
      '1. 按调度规则给出每个设备上各操作的顺序（micro-batch、chunk、"F"/"B"）。',
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
