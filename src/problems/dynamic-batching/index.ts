import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { dynamicBatchingKernel } from "./kernel.ts";
import { dynamicBatchingPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "dynamic-batching",
  kernel: dynamicBatchingKernel,
  python: dynamicBatchingPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "6d955d1f386556d848a7629239ad41d913207be0dbedefc6c3a49600013e4d35",
  starterCommentsZh: {
    "The first request into an empty queue opens a batch with deadline arrival + maxWaitMs. Dispatch when":
      "进入空队列的第一个请求开启一个批次，截止时间为 arrival + maxWaitMs。派发时机：",
    "the batch is full (at the filling request's arrival) or at the deadline; arrivals at the deadline join.":
      "批次填满时（即填满它的请求到达的时刻），或截止时间到时；恰好在截止时间到达的请求也加入该批次。",
    "Requests are identified by their index in arrivals.": "请求以其在 arrivals 中的下标标识。",
    "The first request into an empty queue opens a batch with deadline arrival + max_wait_ms. Dispatch when":
      "进入空队列的第一个请求开启一个批次，截止时间为 arrival + max_wait_ms。派发时机：",
    'Requests are identified by their index in arrivals. Return [{"requests": [...], "dispatch_time": t}, ...].':
      '请求以其在 arrivals 中的下标标识。返回 [{"requests": [...], "dispatch_time": t}, ...]。',
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
