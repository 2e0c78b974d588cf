import { kernels } from "../../src/kernels/index.ts";
import type { QuestionContent } from "../../src/modules/content/content-schema.ts";

/** A registered kernel id for CODING fixtures; fails loudly while the kernel registry is still empty. */
export function registeredKernelId(): string {
  const [first] = kernels.keys();
  if (first === undefined) {
    throw new Error("the kernel registry (src/kernels/index.ts) has no kernel yet: CODING fixtures need one");
  }
  return first;
}

export function conceptContent(
  slug: string,
  topics: string[],
  overrides: Partial<QuestionContent> = {},
): QuestionContent {
  return {
    slug,
    kind: "CONCEPT",
    difficulty: "EASY",
    status: "PUBLISHED",
    topics,
    title: { zh: "什么是数据并行？", en: "What Is Data Parallelism?" },
    body: { zh: "请解释数据并行。", en: "Explain data parallelism." },
    answer: { zh: "每个设备持有完整模型，处理不同的数据分片，再同步梯度。", en: "Every device holds the whole model." },
    explanation: { zh: "梯度用 all-reduce 同步。", en: "Gradients are synchronised with all-reduce." },
    keyPoints: [
      { zh: "梯度同步", en: "Gradient synchronisation", concepts: [["all-reduce", "全规约"]], misconceptions: [] },
    ],
    examples: [],
    ...overrides,
  };
}

export function codingContent(slug: string, topics: string[], kernelId: string): QuestionContent {
  return {
    slug,
    kind: "CODING",
    difficulty: "MEDIUM",
    status: "PUBLISHED",
    topics,
    title: { zh: "实现内核", en: "Implement the kernel" },
    body: { zh: "实现函数。", en: "Implement the function." },
    answer: { zh: "见参考实现。", en: "See the reference implementation." },
    keyPoints: [],
    examples: [],
    coding: { kernelId, timeLimitMs: 1500, memoryLimitMb: 32, testPlan: { seed: 42, hidden: 3 } },
  };
}
