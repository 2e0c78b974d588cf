import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "../../src/db.ts";
import { BadUserInputError, NotFoundError } from "../../src/lib/domain-errors.ts";
import { checkAnswerCoverage, type KeyPoint, keyPointsSchema } from "../../src/modules/progress/answer-check/match.ts";
import { termWords, tokenize } from "../../src/modules/progress/answer-check/tokens.ts";
import { isGenericTerm } from "../../src/modules/progress/answer-check/vocabulary.ts";
import { checkConceptAnswer } from "../../src/modules/progress/service.ts";
import { testDatabaseUrl } from "../helpers/env.ts";
import { createQuestion } from "../helpers/fixtures.ts";

const OVERFITTING_INPUT: KeyPoint[] = [
  {
    zh: "正则化：L1/L2、Dropout",
    en: "Regularisation: L1/L2, dropout",
    concepts: [["正则化", "L1", "L2", "权重衰减", "Dropout", "regularization", "regularisation", "weight decay"]],
  },
  {
    zh: "基于验证集的提前停止",
    en: "Early stopping on the validation loss",
    concepts: [
      ["提前停止", "早停", "early stopping"],
      ["验证集", "验证损失", "validation"],
    ],
    need: 1,
    misconceptions: [
      {
        zh: "用训练损失判断提前停止",
        en: "Early stopping on the training loss",
        when: [
          ["早停", "提前停止", "early stopping"],
          ["训练损失低于", "training loss below"],
        ],
        correction: { zh: "要看验证损失。", en: "Watch the validation loss." },
      },
    ],
  },
  {
    zh: "准确率在不平衡时会误导",
    en: "Accuracy misleads under imbalance",
    concepts: [
      ["准确率", "accuracy"],
      ["不平衡", "误导", "imbalance", "misleading"],
    ],
    misconceptions: [
      {
        zh: "准确率是最好的指标",
        en: "Accuracy is the best metric",
        when: [
          ["准确率", "accuracy"],
          ["最好", "best", "enough"],
        ],
        correction: { zh: "不平衡时准确率会误导。", en: "Accuracy misleads under imbalance." },
      },
    ],
  },
  {
    zh: "监控数据漂移",
    en: "Monitor data drift",
    concepts: [
      ["监控", "monitoring"],
      ["漂移", "drift"],
    ],
  },
];
const POINTS = keyPointsSchema.parse(OVERFITTING_INPUT);

const covered = (answer: string) =>
  checkAnswerCoverage(POINTS, answer)
    .points.filter((point) => point.covered)
    .map((point) => point.index);

describe("answer check: concepts as groups of alternatives", () => {
  it("counts a point when any alternative of each needed concept is present, in either language", () => {
    expect(covered("Add L2 regularization.")).toEqual([0]);
    expect(covered("根据验证集损失做早停")).toEqual([1]);
    expect(covered("Use weight decay, and stop early when validation loss rises.")).toEqual([0, 1]);
    // Listing more synonyms never makes a correct answer fail: one alternative is enough.
    expect(covered("加 Dropout")).toEqual([0]);
  });

  it("explains itself: which alternatives matched and what is still missing", () => {
    const result = checkAnswerCoverage(POINTS, "Accuracy is what I would report.");
    const accuracy = result.points[2];
    expect(accuracy).toMatchObject({ covered: false, score: 0.5, need: 2, matchedKeywords: ["accuracy"] });
    expect(accuracy.concepts.map((concept) => concept.satisfied)).toEqual([true, false]);
    expect(accuracy.missingKeywords).toEqual(["imbalance", "misleading"]);
    expect(checkAnswerCoverage(POINTS, "准确率").points[2].missingKeywords).toEqual(["不平衡", "误导"]);
  });

  it("segments Chinese with a dictionary and stems English with Porter", () => {
    expect(tokenize("根据验证集损失做早停").words).toEqual(["根据", "验证", "集", "损失", "做", "早", "停"]);
    expect(termWords("Early-Stopping")).toEqual(termWords("early stopping"));
    expect(termWords("gradients")).toEqual(termWords("gradient"));
    // Full-width letters and case fold; a Latin term never matches inside a longer word.
    expect(covered("ＤＲＯＰＯＵＴ")).toEqual([0]);
    expect(covered("L20 and L21 caches")).toEqual([]);
  });

  it("keeps a sentence going over a decimal point, and ends it at a full stop", () => {
    expect(tokenize("loss below 0.001 then stop").sentence).toEqual([0, 0, 0, 0, 0, 0]);
    expect(tokenize("Stop. Go").sentence).toEqual([0, 1]);
  });
});

describe("answer check: negation, misconceptions and generic words", () => {
  it("does not count a negated term", () => {
    expect(covered("不需要正则化，也不用早停")).toEqual([]);
    expect(covered("Do not use early stopping.")).toEqual([]);
    expect(checkAnswerCoverage(POINTS, "without dropout").points[0].concepts[0].negated).toEqual(["Dropout"]);
    // "不仅/not only" adds to the claim; a negation does not reach across a comma.
    expect(covered("不仅要正则化")).toEqual([0]);
    expect(covered("not only regularization")).toEqual([0]);
    expect(covered("没有问题，用 dropout")).toEqual([0]);
  });

  it("flags a misconception and does not let the wrong claim cover its point", () => {
    const wrong = checkAnswerCoverage(POINTS, "Accuracy is the best metric, even with imbalance.");
    expect(wrong.points[2].covered).toBe(false);
    expect(wrong.misconceptions).toEqual([
      {
        pointIndex: 2,
        zh: "准确率是最好的指标",
        en: "Accuracy is the best metric",
        correction: { zh: "不平衡时准确率会误导。", en: "Accuracy misleads under imbalance." },
        matched: ["accuracy", "best"],
      },
    ]);
    // The same words in separate sentences, or negated, are no such claim.
    const right = checkAnswerCoverage(POINTS, "Accuracy is not enough. It is misleading under imbalance.");
    expect(right.misconceptions).toEqual([]);
    expect(right.points[2].covered).toBe(true);
    expect(checkAnswerCoverage(POINTS, "训练损失低于 0.001 就早停").misconceptions.map((m) => m.pointIndex)).toEqual([
      1,
    ]);
  });

  it("never covers a point on generic words alone", () => {
    expect(isGenericTerm(termWords("监控"))).toBe(true);
    expect(isGenericTerm(termWords("model training"))).toBe(true);
    expect(isGenericTerm(termWords("漂移"))).toBe(false);
    const genericOnly = checkAnswerCoverage(POINTS, "需要监控").points[3];
    expect(genericOnly).toMatchObject({ covered: false, genericOnly: true, score: 0, matchedKeywords: ["监控"] });
    expect(covered("监控数据漂移")).toEqual([3]);
  });

  it("is deterministic and handles no points", () => {
    const answer = "正则化 and dropout, monitoring drift";
    expect(checkAnswerCoverage(POINTS, answer)).toEqual(checkAnswerCoverage(POINTS, answer));
    expect(checkAnswerCoverage([], answer)).toEqual({ coverage: 0, points: [], misconceptions: [] });
  });
});

describe("checkConceptAnswer (PostgreSQL)", () => {
  let db: Db;
  beforeAll(() => {
    db = createDb({ url: testDatabaseUrl() });
  });
  afterAll(async () => {
    await db.$disconnect();
  });

  it("checks an answer against a published question's key points", async () => {
    const question = await createQuestion(db, "answer-check", { keyPoints: POINTS });
    const result = await checkConceptAnswer(db, question.slug, "Dropout，另外准确率是最好的指标");
    expect(result.slug).toBe(question.slug);
    expect(result.points.filter((p) => p.covered).map((p) => p.index)).toEqual([0]);
    expect(result.coverage).toBe(0.25);
    expect(result.misconceptions.map((m) => m.pointIndex)).toEqual([2]);
  });

  it("rejects empty answers, coding questions, drafts and malformed key points", async () => {
    const question = await createQuestion(db, "answer-check-empty", { keyPoints: POINTS });
    await expect(checkConceptAnswer(db, question.slug, "   ")).rejects.toBeInstanceOf(BadUserInputError);
    await expect(checkConceptAnswer(db, question.slug, "x".repeat(20_001))).rejects.toBeInstanceOf(BadUserInputError);
    const coding = await createQuestion(db, "answer-check-coding", { kind: "CODING" });
    await expect(checkConceptAnswer(db, coding.slug, "answer")).rejects.toBeInstanceOf(BadUserInputError);
    const draft = await createQuestion(db, "answer-check-draft", { status: "DRAFT", keyPoints: POINTS });
    await expect(checkConceptAnswer(db, draft.slug, "answer")).rejects.toBeInstanceOf(NotFoundError);
    // The old { keywords } format is not silently accepted: such a question must be re-seeded.
    const old = await createQuestion(db, "answer-check-old", {
      keyPoints: [{ zh: "早停", keywords: { zh: ["早停"], en: ["early stopping"] } }],
    });
    await expect(checkConceptAnswer(db, old.slug, "answer")).rejects.toThrow("malformed keyPoints");
  });
});
