import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { type SignedUpUser, signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { createTopic } from "../helpers/fixtures.ts";

/** Follow-ups, references and the answer self-check through the HTTP API, from an admin's write to a learner's check. */

const UPSERT = /* GraphQL */ `
  mutation Upsert($input: QuestionInput!) { upsertQuestion(input: $input) { slug revision } }
`;
const QUESTION = /* GraphQL */ `
  query($slug: String!) {
    question(slug: $slug) {
      followUps { question(locale: EN) answer(locale: EN) zh: question(locale: ZH) }
      references { title url }
      keyPoints { zh en }
    }
  }
`;
const CHECK = /* GraphQL */ `
  query($slug: String!, $answer: String!) {
    checkConceptAnswer(slug: $slug, answer: $answer) {
      coverage
      points { index covered score need genericOnly matchedKeywords missingKeywords concepts { terms matched negated satisfied } }
      misconceptions { pointIndex zh en correction(locale: EN) matched }
    }
  }
`;

let t: TestApi;
let admin: SignedUpUser;
let learner: SignedUpUser;
let topic: string;

function questionInput(slug: string, referenceUrl = "https://arxiv.org/abs/1902.10186") {
  return {
    slug,
    kind: "CONCEPT",
    difficulty: "MEDIUM",
    status: "PUBLISHED",
    topics: [topic],
    title: { zh: "如何解释模型？", en: "How do you explain a model?" },
    body: { zh: "如何进行可解释性分析？", en: "How do you analyse interpretability?" },
    answer: { zh: "用 SHAP 和注意力分析。", en: "Use SHAP and attention analysis." },
    keyPoints: [
      {
        zh: "注意力权重分析",
        en: "Attention weights",
        concepts: [["注意力", "attention"]],
        misconceptions: [
          {
            zh: "注意力权重证明因果",
            en: "Attention weights prove causality",
            when: [
              ["注意力", "attention"],
              ["证明", "因果", "prove", "causality"],
            ],
            correction: { zh: "注意力不等于解释。", en: "Attention is not explanation." },
          },
        ],
      },
      {
        zh: "用监控发现漂移",
        en: "Monitor drift",
        concepts: [
          ["监控", "monitoring"],
          ["漂移", "drift"],
        ],
        need: 1,
      },
    ],
    followUps: [
      {
        question: { zh: "怎么检验显著图？", en: "How do you check a saliency map?" },
        answer: { zh: "随机化权重后对比。", en: "Compare it after randomising the weights." },
      },
    ],
    references: [{ title: "Attention is not Explanation", url: referenceUrl }],
  };
}

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
  admin = await signUpUser(t, { role: "ADMIN" });
  learner = await signUpUser(t);
  topic = (await createTopic(t.db, "self-check")).slug;
});
afterAll(async () => {
  await t.close();
});

describe("self-check API", () => {
  it("stores follow-ups and references and serves them in both languages", async () => {
    const slug = `explain-${uniqueSuffix()}`;
    const saved = await t.gql(UPSERT, { input: questionInput(slug) }, admin.token);
    expect(saved.errors).toBeUndefined();
    const read = await t.gql<{ question: unknown }>(QUESTION, { slug }, learner.token);
    expect(read.errors).toBeUndefined();
    expect(read.data?.question).toEqual({
      followUps: [
        {
          question: "How do you check a saliency map?",
          answer: "Compare it after randomising the weights.",
          zh: "怎么检验显著图？",
        },
      ],
      references: [{ title: "Attention is not Explanation", url: "https://arxiv.org/abs/1902.10186" }],
      keyPoints: [
        { zh: "注意力权重分析", en: "Attention weights" },
        { zh: "用监控发现漂移", en: "Monitor drift" },
      ],
    });
  });

  it("rejects a reference that is not an https URL, a need larger than the concepts and an unanswered concept follow-up", async () => {
    const insecure = await t.gql(
      UPSERT,
      { input: questionInput(`bad-${uniqueSuffix()}`, "http://x.test/a") },
      admin.token,
    );
    expect(insecure.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const input = questionInput(`bad-need-${uniqueSuffix()}`);
    const tooManyNeeded = { ...input, keyPoints: [input.keyPoints[0], { ...input.keyPoints[1], need: 3 }] };
    const tooMany = await t.gql(UPSERT, { input: tooManyNeeded }, admin.token);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // Coding problems may pose a follow-up without an answer; a concept question answers every one.
    const unanswered = {
      ...input,
      slug: `bad-follow-up-${uniqueSuffix()}`,
      followUps: [{ question: input.followUps[0]?.question }],
    };
    const noAnswer = await t.gql(UPSERT, { input: unanswered }, admin.token);
    expect(noAnswer.errors?.[0]?.extensions?.fieldErrors).toEqual([
      { field: "input.followUps.0.answer", message: "a concept question's follow-up needs an answer" },
    ]);
  });

  it("flags a misconception with its correction and explains each point", async () => {
    const slug = `explain-check-${uniqueSuffix()}`;
    expect((await t.gql(UPSERT, { input: questionInput(slug) }, admin.token)).errors).toBeUndefined();
    const wrong = await t.gql<{ checkConceptAnswer: Record<string, unknown> }>(
      CHECK,
      { slug, answer: "Attention weights prove causality. We only do monitoring." },
      learner.token,
    );
    expect(wrong.errors).toBeUndefined();
    expect(wrong.data?.checkConceptAnswer).toEqual({
      coverage: 0,
      points: [
        {
          index: 0,
          covered: false,
          score: 0,
          need: 1,
          genericOnly: false,
          matchedKeywords: [],
          missingKeywords: ["attention"],
          concepts: [{ terms: ["注意力", "attention"], matched: [], negated: [], satisfied: false }],
        },
        {
          index: 1,
          covered: false,
          score: 0,
          need: 1,
          genericOnly: true,
          matchedKeywords: ["monitoring"],
          missingKeywords: ["drift"],
          concepts: [
            { terms: ["监控", "monitoring"], matched: ["monitoring"], negated: [], satisfied: true },
            { terms: ["漂移", "drift"], matched: [], negated: [], satisfied: false },
          ],
        },
      ],
      misconceptions: [
        {
          pointIndex: 0,
          zh: "注意力权重证明因果",
          en: "Attention weights prove causality",
          correction: "Attention is not explanation.",
          matched: ["attention", "prove", "causality"],
        },
      ],
    });
    const right = await t.gql<{ checkConceptAnswer: { coverage: number; misconceptions: unknown[] } }>(
      CHECK,
      { slug, answer: "注意力权重可以看，但它并不能证明因果；另外监控数据漂移。" },
      null,
    );
    expect(right.data?.checkConceptAnswer).toMatchObject({ coverage: 1, misconceptions: [] });
  });
});
