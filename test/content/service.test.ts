import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "../../src/db.ts";
import { NotFoundError } from "../../src/lib/domain-errors.ts";
import {
  archiveMissing,
  ContentValidationError,
  saveQuestion,
  saveTopics,
  setQuestionStatus,
} from "../../src/modules/content/service.ts";
import { getKernel } from "../../src/problems/registry.ts";
import { testDatabaseUrl, uniqueSuffix } from "../helpers/env.ts";
import { codingContent, conceptContent, registeredKernelId } from "../helpers/fixtures.ts";

let db: Db;
const suffix = uniqueSuffix();
const prefix = `svc-${suffix}-`;
const topicA = `svc-a-${suffix}`;
const topicB = `svc-b-${suffix}`;

async function validationIssues(promise: Promise<unknown>): Promise<{ path: string; message: string }[]> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ContentValidationError);
  return (error as ContentValidationError).issues;
}

beforeAll(async () => {
  db = createDb({ url: testDatabaseUrl(), poolSize: 4 });
  await saveTopics(db, [
    { slug: topicA, zh: "并行训练", en: "Parallel Training" },
    { slug: topicB, zh: "集合通信", en: "Collectives" },
  ]);
});

afterAll(async () => {
  await db.$disconnect();
});

describe("saveQuestion", () => {
  it("creates a question with its topics, search text and first revision, then reports unchanged", async () => {
    const content = conceptContent(`${prefix}create`, [topicA, topicB]);
    const first = await saveQuestion(db, content);
    expect(first.outcome).toBe("created");
    expect(first.question.revision).toBe(1);
    expect(first.question.titleEn).toBe("What Is Data Parallelism?");
    expect(first.question.searchText).toContain("what is data parallelism?");
    expect(first.question.searchText).toContain("parallel training");
    expect(first.question.searchText).toContain("梯度同步");
    expect(first.question.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const links = await db.questionTopic.findMany({
      where: { questionId: first.question.id },
      include: { topic: true },
    });
    expect(links.map((l) => l.topic.slug).sort()).toEqual([topicA, topicB].sort());

    const again = await saveQuestion(db, content);
    expect(again.outcome).toBe("unchanged");
    expect(await db.questionRevision.count({ where: { questionId: first.question.id } })).toBe(1);
  });

  it("updates an edited question as a new revision with a snapshot and replaces its topic links", async () => {
    const content = conceptContent(`${prefix}edit`, [topicA]);
    await saveQuestion(db, content, {});
    const edited = { ...content, topics: [topicB], answer: { zh: "新的答案", en: "A new answer" } };
    const { question, outcome } = await saveQuestion(db, edited);
    expect(outcome).toBe("updated");
    expect(question.revision).toBe(2);
    expect(question.answerZh).toBe("新的答案");
    const revision = await db.questionRevision.findUniqueOrThrow({
      where: { questionId_revision: { questionId: question.id, revision: 2 } },
    });
    expect(revision.snapshot).toMatchObject({ slug: content.slug, answer: { zh: "新的答案" }, topics: [topicB] });
    const links = await db.questionTopic.findMany({ where: { questionId: question.id }, include: { topic: true } });
    expect(links.map((l) => l.topic.slug)).toEqual([topicB]);
  });

  it("rejects unknown topics, a CODING question without coding and unknown kernels with field paths", async () => {
    expect(
      await validationIssues(saveQuestion(db, conceptContent(`${prefix}bad-topic`, [topicA, "no-such-topic"]))),
    ).toEqual([{ path: "topics.1", message: 'unknown topic "no-such-topic"' }]);
    const codingWithout = { ...conceptContent(`${prefix}bad-kind`, [topicA]), kind: "CODING" as const };
    expect((await validationIssues(saveQuestion(db, codingWithout))).map((i) => i.path)).toEqual(["coding"]);
    const unknownKernel = codingContent(`${prefix}bad-kernel`, [topicA], "no_such_kernel");
    expect((await validationIssues(saveQuestion(db, unknownKernel))).map((i) => i.path)).toEqual(["coding.kernelId"]);
    const badSlug = conceptContent("Not A Slug", [topicA]);
    expect((await validationIssues(saveQuestion(db, badSlug))).map((i) => i.path)).toEqual(["slug"]);
    expect(await db.question.count({ where: { slug: { startsWith: `${prefix}bad` } } })).toBe(0);
  });

  it("serialises concurrent saves of one slug: distinct revisions, one creation", async () => {
    const slug = `${prefix}race`;
    const variants = [1, 2, 3, 4].map((n) =>
      conceptContent(slug, [topicA], { answer: { zh: `答案 ${n}`, en: `Answer ${n}` } }),
    );
    const results = await Promise.all(variants.map((content) => saveQuestion(db, content)));
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "updated")).toHaveLength(3);
    const revisions = await db.questionRevision.findMany({
      where: { question: { slug } },
      orderBy: { revision: "asc" },
    });
    expect(revisions.map((r) => r.revision)).toEqual([1, 2, 3, 4]);

    const same = conceptContent(`${prefix}race-same`, [topicA]);
    const twins = await Promise.all([saveQuestion(db, same), saveQuestion(db, same)]);
    expect(twins.map((r) => r.outcome).sort()).toEqual(["created", "unchanged"]);
  });

  it("stores a CODING question's problem from the kernel spec and the file's limits and test plan", async () => {
    const kernelId = registeredKernelId();
    const kernel = getKernel(kernelId);
    const { question } = await saveQuestion(db, codingContent(`${prefix}coding`, [topicA], kernelId));
    const problem = await db.codingProblem.findUniqueOrThrow({ where: { questionId: question.id } });
    expect(problem).toMatchObject({
      kernelId,
      functionName: kernel?.functionName,
      signature: kernel?.signature,
      starterCode: kernel?.starterCode,
      timeLimitMs: 1500,
      memoryLimitMb: 32,
      atol: kernel?.tolerance.atol,
      rtol: kernel?.tolerance.rtol,
    });
    expect(problem.testPlan).toEqual({
      seed: 42,
      counts: { sample: kernel?.testCounts.sample, hidden: 3, performance: kernel?.testCounts.performance },
    });
  });
});

describe("setQuestionStatus", () => {
  it("changes the status as a new revision, and a re-save of the file restores the file's status", async () => {
    const content = conceptContent(`${prefix}status`, [topicA]);
    await saveQuestion(db, content);
    const archived = await setQuestionStatus(db, content.slug, "ARCHIVED");
    expect(archived.status).toBe("ARCHIVED");
    expect(archived.revision).toBe(2);
    const snapshot = await db.questionRevision.findUniqueOrThrow({
      where: { questionId_revision: { questionId: archived.id, revision: 2 } },
    });
    expect(snapshot.snapshot).toMatchObject({ slug: content.slug, status: "ARCHIVED" });

    expect((await setQuestionStatus(db, content.slug, "ARCHIVED")).revision).toBe(2);
    const restored = await saveQuestion(db, content);
    expect(restored).toMatchObject({ outcome: "updated", question: { status: "PUBLISHED", revision: 3 } });
  });

  it("throws NotFoundError for an unknown slug", async () => {
    await expect(setQuestionStatus(db, `${prefix}missing`, "PUBLISHED")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("archiveMissing", () => {
  it("archives seeded questions that are not kept, never deletes, and leaves admin-created ones alone", async () => {
    const archivePrefix = `${prefix}arch-`;
    const admin = await db.user.create({
      data: {
        email: `${archivePrefix}admin@example.com`,
        handle: `${archivePrefix}admin`,
        passwordHash: "x",
        role: "ADMIN",
      },
    });
    await saveQuestion(db, conceptContent(`${archivePrefix}kept`, [topicA]));
    await saveQuestion(db, conceptContent(`${archivePrefix}gone`, [topicA]));
    await saveQuestion(db, conceptContent(`${archivePrefix}by-admin`, [topicA]), { editorId: admin.id });

    const archived = await archiveMissing(db, [`${archivePrefix}kept`], { slugPrefix: archivePrefix });
    expect(archived).toEqual([`${archivePrefix}gone`]);
    const rows = await db.question.findMany({
      where: { slug: { startsWith: archivePrefix } },
      orderBy: { slug: "asc" },
    });
    expect(rows.map((r) => [r.slug, r.status])).toEqual([
      [`${archivePrefix}by-admin`, "PUBLISHED"],
      [`${archivePrefix}gone`, "ARCHIVED"],
      [`${archivePrefix}kept`, "PUBLISHED"],
    ]);
    expect(await archiveMissing(db, [`${archivePrefix}kept`], { slugPrefix: archivePrefix })).toEqual([]);
  });
});
