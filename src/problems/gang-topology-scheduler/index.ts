import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { gangTopologySchedulerKernel } from "./kernel.ts";
import { gangTopologySchedulerPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "gang-topology-scheduler",
  kernel: gangTopologySchedulerKernel,
  python: gangTopologySchedulerPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "35ea67846d8659db64e8a4ca72ae1afd9c626dc0ce021cd41918e84094f80f8a",
  starterCommentsZh: {
    "[node id, GPUs], sorted by node id": "[节点 id, GPU 数]，按节点 id 排序",
    "Events: arrivals and job ends. At each event release, enqueue (by arrival, then id), start the head while it":
      "事件：作业到达与作业结束。每个事件时刻先释放资源，再入队（按到达时间，其次按 id），只要队首作业",
    "fits, then backfill behind a blocked head without delaying its reservation. Place same node, then same rack.":
      "放得下就启动它，然后在受阻的队首之后回填，但不得推迟队首的预留。放置时优先同一节点，其次同一机架。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
