import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createDb, type Db } from "../../src/db.ts";
import { BadUserInputError, NotFoundError } from "../../src/lib/domain-errors.ts";
import { checkAnswerCoverage, derivedKeywords, type KeyPoint, stem } from "../../src/modules/progress/matching.ts";
import { checkConceptAnswer } from "../../src/modules/progress/service.ts";
import { testDatabaseUrl } from "../helpers/env.ts";
import { createQuestion } from "../helpers/fixtures.ts";

const OVERFITTING: KeyPoint[] = [
  {
    zh: "正则化（L1/L2）限制模型复杂度",
    en: "Regularisation (L1/L2) limits model complexity",
    keywords: { zh: ["正则化", "模型复杂度"], en: ["regularization", "model complexity"] },
  },
  {
    zh: "Dropout 随机丢弃神经元",
    en: "Dropout randomly drops neurons",
    keywords: { zh: ["dropout", "丢弃"], en: ["dropout", "drop neurons"] },
  },
  {
    zh: "早停：验证集损失不再下降时停止训练",
    en: "Early stopping when validation loss stops improving",
    keywords: { zh: ["早停", "验证集"], en: ["early stopping", "validation loss"] },
  },
  {
    zh: "数据增强扩充训练集",
    en: "Data augmentation enlarges the training set",
    keywords: { zh: ["数据增强"], en: ["data augmentation"] },
  },
];

const covered = (points: KeyPoint[], answer: string) =>
  checkAnswerCoverage(points, answer)
    .points.filter((point) => point.covered)
    .map((point) => point.index);

describe("key-point coverage (pure)", () => {
  it("finds the points a Chinese answer covers and the ones it misses", () => {
    const answer = "可以加入L2正则化来降低模型复杂度，或者使用 Dropout；另外可以在验证集上监控并早停。";
    const result = checkAnswerCoverage(OVERFITTING, answer);
    expect(covered(OVERFITTING, answer)).toEqual([0, 1, 2]);
    expect(result.coverage).toBe(0.75);
    expect(result.points[3]).toMatchObject({ covered: false, score: 0, missingKeywords: ["数据增强"] });
    expect(result.points[0].matchedKeywords).toEqual(["正则化", "模型复杂度"]);
  });

  it("finds the points an English answer covers, with plurals, case, hyphens and full-width letters", () => {
    const answer =
      "Use REGULARIZATION to keep model complexity low, apply early-stopping on the validation losses, " +
      "and ｄａｔａ augmentation.";
    const result = checkAnswerCoverage(OVERFITTING, answer);
    expect(covered(OVERFITTING, answer)).toEqual([0, 2, 3]);
    expect(result.points[1]).toMatchObject({ covered: false, missingKeywords: ["dropout", "drop neurons"] });
  });

  it("takes the better language, so a mixed answer is not penalised for the other one", () => {
    // Half of the Chinese keywords (早停) → covered; the English ones are absent.
    expect(covered(OVERFITTING, "用早停")).toEqual([2]);
    // One keyword of two is exactly the threshold; zero is not.
    expect(checkAnswerCoverage(OVERFITTING, "用早停").points[2].score).toBe(0.5);
    expect(covered(OVERFITTING, "我不知道")).toEqual([]);
  });

  it("does not match a Latin keyword inside an unrelated word", () => {
    const points: KeyPoint[] = [{ zh: "梯度", keywords: { zh: [], en: ["ai"] } }];
    expect(covered(points, "maintain the training loop")).toEqual([]);
    expect(covered(points, "AI accelerators")).toEqual([0]);
  });

  it("derives keywords when a point lists none: Chinese bigrams without function characters, English content words", () => {
    const point: KeyPoint = { zh: "梯度裁剪防止梯度爆炸", en: "Gradient clipping prevents exploding gradients" };
    const derived = derivedKeywords(point);
    expect(derived.zh).toEqual(["梯度", "度裁", "裁剪", "剪防", "防止", "止梯", "度爆", "爆炸"]);
    expect(derived.en).toEqual(["gradient", "clipping", "prevents", "exploding", "gradients"]);
    expect(covered([point], "训练RNN时用梯度裁剪，防止梯度爆炸")).toEqual([0]);
    expect(covered([point], "Exploding gradients? Use gradient clipping.")).toEqual([0]);
    expect(covered([point], "学习率预热")).toEqual([]);
  });

  it("is deterministic and stems both sides the same way", () => {
    expect(stem("gradients")).toBe(stem("gradient"));
    expect(stem("batches")).toBe(stem("batch"));
    expect(stem("stopping")).toBe("stopp");
    const answer = "正则化 and dropout";
    expect(checkAnswerCoverage(OVERFITTING, answer)).toEqual(checkAnswerCoverage(OVERFITTING, answer));
    expect(checkAnswerCoverage([], answer)).toEqual({ coverage: 0, points: [] });
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
    const question = await createQuestion(db, "overfitting", { keyPoints: OVERFITTING });
    const result = await checkConceptAnswer(db, question.slug, "Dropout 和数据增强");
    expect(result.slug).toBe(question.slug);
    expect(result.points.filter((p) => p.covered).map((p) => p.index)).toEqual([1, 3]);
    expect(result.coverage).toBe(0.5);
  });

  it("rejects empty answers, coding questions, drafts and malformed key points", async () => {
    const question = await createQuestion(db, "empty", { keyPoints: OVERFITTING });
    await expect(checkConceptAnswer(db, question.slug, "   ")).rejects.toBeInstanceOf(BadUserInputError);
    await expect(checkConceptAnswer(db, question.slug, "x".repeat(20_001))).rejects.toBeInstanceOf(BadUserInputError);
    const coding = await createQuestion(db, "coding", { kind: "CODING" });
    await expect(checkConceptAnswer(db, coding.slug, "answer")).rejects.toBeInstanceOf(BadUserInputError);
    const draft = await createQuestion(db, "draft", { status: "DRAFT", keyPoints: OVERFITTING });
    await expect(checkConceptAnswer(db, draft.slug, "answer")).rejects.toBeInstanceOf(NotFoundError);
    const broken = await createQuestion(db, "broken", { keyPoints: [{ en: "no zh text" }] });
    await expect(checkConceptAnswer(db, broken.slug, "answer")).rejects.toThrow("malformed keyPoints");
  });
});
