import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { ringAllreduceKernel } from "./kernel.ts";
import { ringAllreducePython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "ring-allreduce",
  kernel: ringAllreduceKernel,
  python: ringAllreducePython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "27de229de6a96bfc4feb9148dfd81acbe05bb1e0d1082331ec9a82d17905fe50",
  starterCommentsZh: {
    "Simulate N workers in a ring. Split each buffer into N chunks (the first length % N chunks get one":
      "模拟环上的 N 个 worker。把每个缓冲区切成 N 块（前 length % N 块各多",
    "extra element). Reduce-scatter: N-1 steps, worker i sends chunk (i - s) mod N to worker (i + 1) mod N,":
      "一个元素）。Reduce-scatter：N-1 步，worker i 把块 (i - s) mod N 发给 worker (i + 1) mod N，",
    "which adds it. Divide each owned chunk by N. All-gather: N-1 steps forwarding the reduced chunks.":
      "由接收方累加。每个 worker 把自己持有的块除以 N。All-gather：N-1 步，转发归约后的块。",
    "Return what every worker holds at the end: the elementwise mean. Add in the ring's order (chunk c's sum starts":
      "返回每个 worker 最终持有的内容：逐元素均值。按环的顺序相加（块 c 的和从",
    "with worker c's value): the tests include values where floating-point addition order changes the result.":
      "worker c 的值开始）：测试里有些数值的浮点加法顺序会改变结果。",
    "Simulate N workers in a ring (buffers is N×length). Split each buffer into N chunks (the first":
      "模拟环上的 N 个 worker（buffers 是 N×length）。把每个缓冲区切成 N 块（前",
    "length % N chunks get one extra element). Reduce-scatter: N-1 steps, worker i sends chunk (i - s) mod N":
      "length % N 块各多一个元素）。Reduce-scatter：N-1 步，worker i 把块 (i - s) mod N",
    "to worker (i + 1) mod N, which adds it. Divide each owned chunk by N. All-gather: N-1 steps forwarding":
      "发给 worker (i + 1) mod N，由接收方累加。每个 worker 把自己持有的块除以 N。All-gather：N-1 步，转发",
    "the reduced chunks. Return what every worker holds at the end (N×length): the element-wise mean, added":
      "归约后的块。返回每个 worker 最终持有的内容（N×length）：逐元素均值，",
    "in the ring's order (chunk c's sum starts with worker c's value).":
      "按环的顺序相加（块 c 的和从 worker c 的值开始）。",
  },
  allowedZh:
    "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。请模拟环：buffers.mean(axis=0) 的相加顺序不同，过不了对顺序敏感的测试。",
};
