import type { Db } from "../../src/db.ts";
import type { $Enums, Question, Topic, User } from "../../src/generated/prisma/client.ts";
import type { QuestionContent } from "../../src/modules/content/content-schema.ts";
import { buildSearchText, searchSourceOf } from "../../src/modules/content/derive.ts";

type KeyPoints = Parameters<typeof searchSourceOf>[0]["keyPoints"];

import { saveQuestion } from "../../src/modules/content/service.ts";
import { getKernel, kernels } from "../../src/problems/registry.ts";
import { uniqueSuffix } from "./env.ts";

/**
 * The named fixtures of every suite: rows are written straight to the database (each service has its own tests),
 * and every slug, handle and e-mail carries a unique suffix so test files sharing one database never collide.
 */

/** A learner who signed up with `timeZone`; its password hash is never checked by the tests that use it. */
export async function createLearner(db: Db, name: string, timeZone = "UTC"): Promise<User> {
  const suffix = uniqueSuffix();
  return db.user.create({
    data: {
      email: `${name}-${suffix}@example.test`,
      handle: `${name}-${suffix}`.slice(0, 32),
      passwordHash: "scrypt$not-used-by-fixtures",
      timeZone,
    },
  });
}

export async function createTopic(db: Db, name: string): Promise<Topic> {
  const slug = `${name}-${uniqueSuffix()}`;
  return db.topic.create({ data: { slug, nameZh: `话题 ${name}`, nameEn: `Topic ${name}` } });
}

export type QuestionFixture = {
  /** Defaults to `<name>-<unique suffix>`. */
  slug?: string;
  kind?: $Enums.QuestionKind;
  difficulty?: $Enums.Difficulty;
  status?: $Enums.QuestionStatus;
  titleZh?: string;
  titleEn?: string;
  bodyZh?: string;
  topics?: readonly Topic[];
  keyPoints?: unknown[];
  createdAt?: Date;
};

/** A question row; its search text is what the content service would store for the same titles and body. */
export async function createQuestion(db: Db, name: string, fixture: QuestionFixture = {}): Promise<Question> {
  const titleZh = fixture.titleZh ?? `题目 ${name}`;
  const bodyZh = fixture.bodyZh ?? "题干";
  const slug = fixture.slug ?? `${name}-${uniqueSuffix()}`;
  const keyPoints = fixture.keyPoints ?? [];
  return db.question.create({
    data: {
      slug,
      kind: fixture.kind ?? "CONCEPT",
      difficulty: fixture.difficulty ?? "EASY",
      status: fixture.status ?? "PUBLISHED",
      titleZh,
      titleEn: fixture.titleEn,
      bodyZh,
      answerZh: "答案",
      keyPoints: keyPoints as object[],
      searchText: buildSearchText(
        searchSourceOf(
          {
            slug,
            title: { zh: titleZh, en: fixture.titleEn },
            body: { zh: bodyZh },
            keyPoints: keyPoints as KeyPoints,
          },
          fixture.topics ?? [],
        ),
      ),
      createdAt: fixture.createdAt,
      topics: { create: (fixture.topics ?? []).map((topic) => ({ topicId: topic.id })) },
    },
  });
}

/** A published coding question bound to `kernelId`, saved through the content service as an admin would. */
export async function createCodingQuestion(
  db: Db,
  kernelId: string,
  coding: { timeLimitMs?: number; memoryLimitMb?: number; hidden?: number; performance?: number } = {},
): Promise<string> {
  const kernel = getKernel(kernelId);
  if (!kernel) throw new Error(`kernel ${kernelId} is not registered`);
  const topic = await createTopic(db, "grading");
  const slug = `${kernelId.replaceAll("_", "-")}-${uniqueSuffix()}`;
  await saveQuestion(db, {
    slug,
    kind: "CODING",
    difficulty: "MEDIUM",
    status: "PUBLISHED",
    topics: [topic.slug],
    title: { zh: `编程题 ${kernelId}`, en: `Coding ${kernelId}` },
    body: { zh: "实现这个函数。", en: "Implement the function." },
    answer: { zh: "见参考实现。", en: "See the reference." },
    keyPoints: [],
    examples: [],
    coding: {
      kernelId,
      timeLimitMs: coding.timeLimitMs ?? 2000,
      memoryLimitMb: coding.memoryLimitMb ?? 64,
      testPlan: {
        seed: 7,
        hidden: coding.hidden ?? kernel.testCounts.hidden,
        performance: coding.performance ?? kernel.testCounts.performance,
      },
    },
  });
  return slug;
}

/** A registered kernel id for CODING content; fails loudly while the kernel registry is still empty. */
export function registeredKernelId(): string {
  const [first] = kernels.keys();
  if (first === undefined) {
    throw new Error("the problem registry (src/problems) has no problem yet: CODING fixtures need one");
  }
  return first;
}

/** Content (not yet a row) of a published concept question, as the importer and the admin API receive it. */
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

/** Content of a published coding question bound to `kernelId`. */
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
