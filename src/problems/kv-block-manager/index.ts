import type { ProblemPackage } from "../../kernels/problem-package.ts";
import { kvBlockManagerKernel } from "./kernel.ts";
import { kvBlockManagerPython } from "./python.ts";
import * as wrong from "./wrong.ts";

export const problem: ProblemPackage = {
  id: "kv-block-manager",
  kernel: kvBlockManagerKernel,
  python: kvBlockManagerPython,
  wrongSolutions: { typescript: wrong.typescript, python: wrong.python },
  pinnedTestHash: "4fa4cad2d379f72c0e95a6408743c9c9f03e024f31fde78e5a56cc29ad2ed9cb",
  starterCommentsZh: {
    "Keep a ref count per physical block and, per live sequence, its token count, block table and last touch.":
      "为每个物理块维护引用计数；为每个存活的序列维护它的 token 数、块表和最近一次访问时刻。",
    "Each event: allocate (lowest free id first), append (new block or copy-on-write), fork (share), finish (free),":
      "每个事件：allocate（优先取编号最小的空闲块）、append（新块或写时复制）、fork（共享）、finish（释放），",
    "preempting the least recently touched sequence while the free blocks do not cover the need.":
      "只要空闲块不够所需，就抢占最久未访问的序列。",
  },
  allowedZh: "Python 3 与 numpy（`import numpy as np`）；也可以用标准库的 math 模块。",
};
