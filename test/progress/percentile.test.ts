import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "../../src/db.ts";
import type { Language } from "../../src/generated/prisma/enums.ts";
import { runtimePercentiles } from "../../src/modules/submissions/service.ts";
import { testDatabaseUrl } from "../helpers/env.ts";
import { createCodingQuestion, createLearner } from "../helpers/fixtures.ts";

describe("runtimePercentiles", () => {
  let db: Db;
  beforeAll(() => {
    db = createDb({ url: testDatabaseUrl() });
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("compares a submission only with accepted full submissions in its own language", async () => {
    const slug = await createCodingQuestion(db, "matmul");
    const problem = await db.codingProblem.findFirstOrThrow({ where: { question: { slug } } });
    const learner = await createLearner(db, "percentile");
    const accepted = (language: Language, runtimeMs: number) =>
      db.submission.create({
        data: {
          userId: learner.id,
          problemId: problem.id,
          language,
          code: "…",
          mode: "FULL",
          status: "FINISHED",
          verdict: "ACCEPTED",
          runtimeMs,
        },
      });
    // numpy runs matmul far faster than any TypeScript loop: 3 Python submissions at 1–3 ms.
    for (const runtime of [1, 2, 3]) await accepted("PYTHON", runtime);
    const slowTs = await accepted("TYPESCRIPT", 90);
    const fastTs = await accepted("TYPESCRIPT", 40);
    const python = await accepted("PYTHON", 2.5);
    const percentiles = await runtimePercentiles(db, [slowTs.id, fastTs.id, python.id]);
    // Among TypeScript submissions only: the faster one beats the slower one.
    expect(percentiles.get(fastTs.id)).toBe(100);
    expect(percentiles.get(slowTs.id)).toBe(0);
    // Among Python's four: faster than the 3 ms run only.
    expect(percentiles.get(python.id)).toBeCloseTo(100 / 3, 5);
  });
});
