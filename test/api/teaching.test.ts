import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { saveQuestion } from "../../src/modules/content/service.ts";
import { type SignedUpUser, signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { createTopic } from "../helpers/fixtures.ts";

const PROBLEM = /* GraphQL */ `
  query Problem($slug: String!) {
    question(slug: $slug) {
      origin
      answer(locale: EN)
      constraints(locale: EN)
      hintCount
      revealedHints { index text(locale: EN) }
      editorialAccess { unlocked reason gaveUpAt }
      followUps { question(locale: EN) answer(locale: EN) }
      references { title url }
      relatedConcepts { slug }
      relatedProblems { slug }
      progress { hintsRevealed gaveUpAt }
    }
  }
`;

const EDITORIAL = /* GraphQL */ `
  query Editorial($slug: String!) {
    question(slug: $slug) {
      editorial {
        summary(locale: EN)
        approach(locale: EN)
        naive(locale: ZH)
        complexity { time space }
        pitfalls(locale: EN)
        solutions { language code }
      }
    }
  }
`;

const REVEAL = /* GraphQL */ `
  mutation Reveal($slug: String!, $index: Int!) {
    revealHint(slug: $slug, index: $index) { index text(locale: EN) }
  }
`;

const UPSERT = /* GraphQL */ `
  mutation Upsert($input: QuestionInput!) {
    upsertQuestion(input: $input) {
      slug
      hintCount
      constraints(locale: EN)
      editorial { approach(locale: EN) complexity { time } }
      relatedProblems { slug }
      articleExercise { language note(locale: EN) }
    }
  }
`;

const GIVE_UP = /* GraphQL */ `
  mutation GiveUp($slug: String!) {
    giveUp(slug: $slug) { unlocked reason gaveUpAt }
  }
`;

type ProblemData = {
  question: {
    origin: string;
    answer: string | null;
    constraints: string[];
    hintCount: number;
    revealedHints: { index: number; text: string }[];
    editorialAccess: { unlocked: boolean; reason: string | null; gaveUpAt: string | null };
    followUps: { question: string; answer: string | null }[];
    references: { title: string; url: string | null }[];
    relatedConcepts: { slug: string }[];
    relatedProblems: { slug: string }[];
    progress: { hintsRevealed: number; gaveUpAt: string | null } | null;
  };
};
type EditorialData = { question: { editorial: Record<string, unknown> | null } };

const marker = uniqueSuffix();
const problemSlug = `teach-problem-${marker}`;
const conceptSlug = `teach-concept-${marker}`;
let t: TestApi;
let topic: string;
let problemId: string;

function localized(en: string) {
  return { zh: `中文：${en}`, en };
}

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
  topic = (await createTopic(t.db, "teaching")).slug;
  await saveQuestion(t.db, {
    slug: conceptSlug,
    kind: "CONCEPT",
    difficulty: "EASY",
    status: "PUBLISHED",
    topics: [topic],
    title: localized("A concept"),
    body: localized("Explain it."),
    answer: localized("The concept answer."),
  });
  const { question } = await saveQuestion(t.db, {
    slug: problemSlug,
    kind: "CODING",
    difficulty: "EASY",
    status: "PUBLISHED",
    topics: [topic],
    title: localized("Softmax"),
    body: localized("Implement softmax."),
    answer: localized("Subtract the row maximum."),
    coding: { kernelId: "softmax", testPlan: { seed: 7 } },
    constraints: [localized("1 ≤ rows ≤ 12")],
    hints: [localized("first hint"), localized("second hint"), localized("third hint")],
    editorial: {
      approach: localized("Shift by the maximum, exponentiate, normalise."),
      naive: localized("exp(x) / Σ exp(x) overflows at x ≈ 710."),
      complexity: { time: "O(R·C)", space: "O(R·C)" },
      pitfalls: [localized("A row of −1000s underflows to 0/0 without the shift.")],
    },
    followUps: [
      { question: localized("Compute it in one pass.") },
      { question: localized("Why subtract the maximum?"), answer: localized("exp overflows past 709.") },
    ],
    related: { concepts: [conceptSlug] },
    articleExercise: {
      language: "python",
      articleCode: "def softmax(x): return np.exp(x) / np.exp(x).sum()",
      correctedCode:
        "def softmax(x): e = np.exp(x - x.max(axis=-1, keepdims=True)); return e / e.sum(-1, keepdims=True)",
      note: localized("no shift"),
    },
    references: [
      { title: "Milakov & Gimelshein 2018", url: "https://arxiv.org/abs/1805.02867" },
      { title: "Goodfellow, Bengio & Courville, Deep Learning, §4.1" },
    ],
  });
  problemId = (await t.db.codingProblem.findUniqueOrThrow({ where: { questionId: question.id } })).id;
});
afterAll(async () => {
  await t.close();
});

async function readProblem(token?: string) {
  const result = await t.gql<ProblemData>(PROBLEM, { slug: problemSlug }, token);
  expect(result.errors).toBeUndefined();
  return (result.data as ProblemData).question;
}

/** A graded submission as the grader leaves it; the code is irrelevant to the editorial gate. */
function finished(userId: string, verdict: "ACCEPTED" | "WRONG_ANSWER", mode: "FULL" | "SAMPLES") {
  return { userId, problemId, language: "TYPESCRIPT" as const, code: "x", status: "FINISHED" as const, verdict, mode };
}

async function reveal(index: number, token: string) {
  return t.gql<{ revealHint: { index: number; text: string } }>(REVEAL, { slug: problemSlug, index }, token);
}

describe("problem teaching content", () => {
  it("shows constraints, follow-ups, references and the links on both sides to everyone", async () => {
    const problem = await readProblem();
    expect(problem).toMatchObject({
      origin: "PLATFORM_EXTENSION",
      constraints: ["1 ≤ rows ≤ 12"],
      hintCount: 3,
      revealedHints: [],
      editorialAccess: { unlocked: false, reason: null },
      // One follow-up model for both kinds: a coding problem's follow-up may come without an answer.
      followUps: [
        { question: "Compute it in one pass.", answer: null },
        { question: "Why subtract the maximum?", answer: "exp overflows past 709." },
      ],
      references: [
        { title: "Milakov & Gimelshein 2018", url: "https://arxiv.org/abs/1805.02867" },
        { title: "Goodfellow, Bengio & Courville, Deep Learning, §4.1", url: null },
      ],
      relatedConcepts: [{ slug: conceptSlug }],
      progress: null,
    });
    // The coding problem's answer belongs to its editorial.
    expect(problem.answer).toBeNull();
    const concept = await t.gql<ProblemData>(PROBLEM, { slug: conceptSlug });
    expect(concept.data?.question.relatedProblems).toEqual([{ slug: problemSlug }]);
    expect(concept.data?.question.answer).toBe("The concept answer.");
  });

  it("reveals hints one at a time, in order, and records each reveal in progress", async () => {
    const learner = await signUpUser(t);
    const skipped = await reveal(1, learner.token);
    expect(skipped.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(skipped.errors?.[0]?.message).toContain("reveal hint 0 first");

    expect((await reveal(0, learner.token)).data?.revealHint).toEqual({ index: 0, text: "first hint" });
    expect((await reveal(0, learner.token)).data?.revealHint.index).toBe(0); // repeating is harmless
    expect((await reveal(1, learner.token)).data?.revealHint).toEqual({ index: 1, text: "second hint" });
    const outOfRange = await reveal(3, learner.token);
    expect(outOfRange.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");

    const rows = await t.db.hintReveal.findMany({ where: { userId: learner.id }, orderBy: { hintIndex: "asc" } });
    expect(rows.map((row) => row.hintIndex)).toEqual([0, 1]);
    const problem = await readProblem(learner.token);
    expect(problem.revealedHints).toEqual([
      { index: 0, text: "first hint" },
      { index: 1, text: "second hint" },
    ]);
    expect(problem.progress?.hintsRevealed).toBe(2);
    // Another learner's reveals are their own.
    expect((await readProblem((await signUpUser(t)).token)).revealedHints).toEqual([]);
  });

  it("refuses a hint reveal to anonymous callers", async () => {
    const result = await reveal(0, "");
    expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("hides the editorial until the learner has an ACCEPTED submission", async () => {
    const anonymous = await t.gql<EditorialData>(EDITORIAL, { slug: problemSlug });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(anonymous.data?.question.editorial).toBeNull();

    const learner = await signUpUser(t);
    const locked = await t.gql<EditorialData>(EDITORIAL, { slug: problemSlug }, learner.token);
    expect(locked.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(locked.data?.question.editorial).toBeNull();

    // A wrong answer and a sample run do not open it.
    await t.db.submission.createMany({
      data: [finished(learner.id, "WRONG_ANSWER", "FULL"), finished(learner.id, "ACCEPTED", "SAMPLES")],
    });
    expect(
      (await t.gql<EditorialData>(EDITORIAL, { slug: problemSlug }, learner.token)).errors?.[0]?.extensions?.code,
    ).toBe("FORBIDDEN");

    await t.db.submission.create({ data: finished(learner.id, "ACCEPTED", "FULL") });
    const open = await t.gql<EditorialData>(EDITORIAL, { slug: problemSlug }, learner.token);
    expect(open.errors).toBeUndefined();
    expect(open.data?.question.editorial).toMatchObject({
      summary: "Subtract the row maximum.",
      approach: "Shift by the maximum, exponentiate, normalise.",
      naive: "中文：exp(x) / Σ exp(x) overflows at x ≈ 710.",
      complexity: { time: "O(R·C)", space: "O(R·C)" },
      pitfalls: ["A row of −1000s underflows to 0/0 without the shift."],
    });
    const solutions = open.data?.question.editorial?.solutions as { language: string; code: string }[];
    expect(solutions.map((solution) => solution.language)).toEqual(["typescript", "python"]);
    expect(solutions[0]?.code).toContain("function softmax");
    const problem = await readProblem(learner.token);
    expect(problem.editorialAccess).toMatchObject({ unlocked: true, reason: "ACCEPTED" });
    expect(problem.answer).toBe("Subtract the row maximum.");
  });

  it("gates the article exercise's corrected code (an accepted solution) like the editorial", async () => {
    const EXERCISE = `query($slug: String!) { question(slug: $slug) { articleExercise { articleCode correctedCode } } }`;
    type ExerciseData = { question: { articleExercise: { articleCode: string; correctedCode: string | null } } };
    const anonymous = await t.gql<ExerciseData>(EXERCISE, { slug: problemSlug });
    expect(anonymous.errors?.[0]).toMatchObject({
      path: ["question", "articleExercise", "correctedCode"],
      extensions: { code: "UNAUTHENTICATED" },
    });
    // The article's own (wrong) code stays public.
    expect(anonymous.data?.question.articleExercise).toEqual({
      articleCode: expect.stringContaining("np.exp(x) / np.exp(x).sum()"),
      correctedCode: null,
    });
    const learner = await signUpUser(t);
    const locked = await t.gql<ExerciseData>(EXERCISE, { slug: problemSlug }, learner.token);
    expect(locked.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(locked.data?.question.articleExercise.correctedCode).toBeNull();
    await t.gql(GIVE_UP, { slug: problemSlug }, learner.token);
    const open = await t.gql<ExerciseData>(EXERCISE, { slug: problemSlug }, learner.token);
    expect(open.errors).toBeUndefined();
    expect(open.data?.question.articleExercise.correctedCode).toContain("x.max(axis=-1");
  });

  it("opens the editorial after a recorded give-up, shown in progress", async () => {
    const learner: SignedUpUser = await signUpUser(t);
    const given = await t.gql<{ giveUp: { unlocked: boolean; reason: string; gaveUpAt: string } }>(
      GIVE_UP,
      { slug: problemSlug },
      learner.token,
    );
    expect(given.data?.giveUp).toMatchObject({ unlocked: true, reason: "GAVE_UP" });
    expect(await t.db.giveUp.count({ where: { userId: learner.id } })).toBe(1);
    const again = await t.gql(GIVE_UP, { slug: problemSlug }, learner.token);
    expect(again.errors).toBeUndefined();
    expect(await t.db.giveUp.count({ where: { userId: learner.id } })).toBe(1);

    const open = await t.gql<EditorialData>(EDITORIAL, { slug: problemSlug }, learner.token);
    expect(open.errors).toBeUndefined();
    expect(open.data?.question.editorial?.approach).toBe("Shift by the maximum, exponentiate, normalise.");
    expect((await readProblem(learner.token)).progress?.gaveUpAt).toBe(given.data?.giveUp.gaveUpAt);
  });

  it("has no editorial to give up on for a concept question", async () => {
    const learner = await signUpUser(t);
    const result = await t.gql(GIVE_UP, { slug: conceptSlug }, learner.token);
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await t.db.giveUp.count({ where: { userId: learner.id } })).toBe(0);
  });

  it("lets an admin write the teaching fields through upsertQuestion, and rejects bad ones field by field", async () => {
    const admin = await signUpUser(t, { role: "ADMIN" });
    const slug = `teach-admin-${marker}`;
    const input = {
      slug,
      kind: "CODING",
      difficulty: "EASY",
      status: "PUBLISHED",
      topics: [topic],
      title: localized("Softmax again"),
      body: localized("Implement softmax."),
      answer: localized("Shift by the maximum."),
      coding: { kernelId: "softmax" },
      constraints: [localized("1 ≤ columns ≤ 16")],
      hints: [localized("one"), localized("two")],
      editorial: {
        approach: localized("Shift, exponentiate, normalise."),
        naive: localized("exp overflows."),
        complexity: { time: "O(R·C)", space: "O(R·C)" },
        pitfalls: [localized("No shift.")],
      },
      related: { problems: [problemSlug] },
      articleExercise: { language: "python", articleCode: "a", correctedCode: "b", note: localized("what was wrong") },
    };
    const saved = await t.gql<{ upsertQuestion: Record<string, unknown> }>(UPSERT, { input }, admin.token);
    expect(saved.errors).toBeUndefined();
    expect(saved.data?.upsertQuestion).toEqual({
      slug,
      hintCount: 2,
      constraints: ["1 ≤ columns ≤ 16"],
      editorial: { approach: "Shift, exponentiate, normalise.", complexity: { time: "O(R·C)" } },
      relatedProblems: [{ slug: problemSlug }],
      articleExercise: { language: "python", note: "what was wrong" },
    });

    const bad = await t.gql(
      UPSERT,
      {
        input: {
          ...input,
          hints: [localized("only one")],
          references: [{ title: "T", url: "http://insecure.example" }],
        },
      },
      admin.token,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fields = ((bad.errors?.[0]?.extensions?.fieldErrors ?? []) as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(["input.hints", "input.references.0.url"]);
    expect(await t.db.question.count({ where: { slug, revision: { gt: 1 } } })).toBe(0);
  });
});
