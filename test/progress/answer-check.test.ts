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
    expect(checkAnswerCoverage(POINTS, "我会看准确率。").points[2].missingKeywords).toEqual(["不平衡", "误导"]);
  });

  it("segments Chinese with a dictionary and stems English with Porter", () => {
    expect(tokenize("根据验证集损失做早停").words).toEqual(["根据", "验证", "集", "损失", "做", "早", "停"]);
    expect(termWords("Early-Stopping")).toEqual(termWords("early stopping"));
    expect(termWords("gradients")).toEqual(termWords("gradient"));
    // Full-width letters and case fold; a Latin term never matches inside a longer word.
    expect(covered("加 ＤＲＯＰＯＵＴ")).toEqual([0]);
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
    // A sentence that makes a wrong claim is evidence for no point of the question.
    expect(covered("用 Dropout，准确率是最好的指标。")).toEqual([]);
    expect(covered("用 Dropout。准确率是最好的指标。")).toEqual([0]);
  });

  it("never covers a point on generic words alone", () => {
    expect(isGenericTerm(termWords("监控"))).toBe(true);
    expect(isGenericTerm(termWords("model training"))).toBe(true);
    expect(isGenericTerm(termWords("漂移"))).toBe(false);
    const genericOnly = checkAnswerCoverage(POINTS, "需要监控").points[3];
    expect(genericOnly).toMatchObject({ covered: false, genericOnly: true, score: 0, matchedKeywords: ["监控"] });
    expect(covered("要监控数据漂移")).toEqual([3]);
  });

  it("is deterministic and handles no points", () => {
    const answer = "正则化 and dropout, monitoring drift";
    expect(checkAnswerCoverage(POINTS, answer)).toEqual(checkAnswerCoverage(POINTS, answer));
    expect(checkAnswerCoverage([], answer)).toEqual({ coverage: 0, points: [], misconceptions: [] });
  });
});

// Two-group points as the concept files write them: the concept and what it does.
const RELATION_INPUT: KeyPoint[] = [
  {
    zh: "数据并行：完整副本、不同数据、all-reduce",
    concepts: [
      ["数据并行", "data parallelism"],
      ["完整", "副本", "不同的数据", "all-reduce", "replica", "different data"],
    ],
    misconceptions: [
      {
        zh: "数据并行是每张卡放一部分层",
        when: [
          ["数据并行", "data parallelism"],
          ["一部分层", "slice of the layers"],
        ],
        unless: ["流水线并行", "pipeline parallelism"],
        correction: { zh: "那是流水线并行。" },
      },
    ],
  },
  {
    zh: "存储保存检查点",
    concepts: [
      ["存储", "storage"],
      ["检查点", "checkpoint"],
    ],
  },
  {
    zh: "精确率与召回率",
    concepts: [
      ["精确率", "precision"],
      ["召回率", "recall"],
    ],
    misconceptions: [
      {
        zh: "召回率的定义说成精确率的",
        scope: "CLAUSE",
        when: [
          ["召回率", "recall"],
          ["预测为正的", "predicted positives"],
        ],
        unless: ["精确率", "precision"],
        correction: { zh: "那是精确率。" },
      },
    ],
  },
];
const RELATION_POINTS = keyPointsSchema.parse(RELATION_INPUT);
const coveredBy = (answer: string) =>
  checkAnswerCoverage(RELATION_POINTS, answer)
    .points.filter((point) => point.covered)
    .map((point) => point.index);

describe("answer check: a point is a relation, a list is no answer", () => {
  it("covers a point only when its concepts meet in one sentence or the next", () => {
    expect(coveredBy("数据并行时每张卡保存完整的模型副本。")).toEqual([0]);
    expect(coveredBy("We use data parallelism. Every GPU keeps a replica of the model.")).toEqual([0]);
    // Named three sentences apart, the concept and what it does are not related.
    expect(coveredBy("We use data parallelism. It is common. It is fast. Every GPU keeps a replica.")).toEqual([]);
  });

  it("gives an enumeration nothing, however many terms it names", () => {
    expect(coveredBy("数据并行、完整副本、all-reduce、存储、检查点、精确率、召回率")).toEqual([]);
    expect(coveredBy("data parallelism, replica, all-reduce, storage, checkpoint, precision, recall")).toEqual([]);
    expect(coveredBy("数据并行\n副本\n存储\n检查点")).toEqual([]);
    // The same terms in a statement count, even with a list inside it.
    expect(coveredBy("对象存储、HDFS 和并行文件系统用于保存数据集和检查点。")).toEqual([1]);
  });

  it("finds a Chinese term inside a dictionary compound and reads wrapped lines as one sentence", () => {
    expect(tokenize("存储资源").words).toEqual(["存储资源"]);
    expect(coveredBy("存储资源要能快速写入检查点。")).toEqual([1]);
    expect(tokenize("storage keeps\nthe checkpoints").sentence).toEqual([0, 0, 0, 0]);
    expect(tokenize("storage\n- checkpoints").sentence).toEqual([0, 1]);
  });

  it("does not flag a claim whose sentence holds an `unless` term, and can scope a claim to one clause", () => {
    expect(checkAnswerCoverage(RELATION_POINTS, "数据并行就是每张卡只放一部分层。").misconceptions).toHaveLength(1);
    expect(
      checkAnswerCoverage(RELATION_POINTS, "数据并行每张卡有完整副本，流水线并行才是每张卡放一部分层。").misconceptions,
    ).toEqual([]);
    expect(
      checkAnswerCoverage(RELATION_POINTS, "召回率是预测为正的样本中真正为正的比例。").misconceptions,
    ).toHaveLength(1);
    const right = checkAnswerCoverage(
      RELATION_POINTS,
      "精确率是预测为正的样本中真正为正的比例，召回率是正样本中被找出的比例。",
    );
    expect(right.misconceptions).toEqual([]);
    expect(right.points[2].covered).toBe(true);
  });

  it("does not let the 不 of 不平衡 negate what follows", () => {
    expect(checkAnswerCoverage(POINTS, "类别不平衡时准确率是最好的指标。").misconceptions).toHaveLength(1);
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
    const result = await checkConceptAnswer(db, question.slug, "加 Dropout。另外准确率是最好的指标。");
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
