import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { NotFoundError } from "../../src/lib/domain-errors.ts";
import type { Context } from "../../src/modules/auth/context.ts";
import { resolvers } from "../../src/modules/questions/resolvers.ts";
import { resolvers as teachingResolvers } from "../../src/modules/questions/teaching-resolvers.ts";
import { type SignedUpUser, signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { submitCode } from "../helpers/grading.ts";
import { runOverWs, wsClient } from "../helpers/ws.ts";

// What a learner must never read once the question left PUBLISHED: the text an admin is preparing.
const UNRELEASED = "UNRELEASED-draft-text";
const QUESTION_FIELDS = `question { slug body(locale: EN) answer(locale: EN) codingProblem { samples { input } } }`;

let t: TestApi;
let learner: SignedUpUser;
let admin: SignedUpUser;
let submissionId: string;

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000", SUBMIT_RATE_LIMIT_PER_MINUTE: "1000" });
  learner = await signUpUser(t);
  admin = await signUpUser(t, { role: "ADMIN" });
  const slug = await createCodingQuestion(t.db, "softmax");
  submissionId = await submitCode(t, learner.token, slug, "export function softmax() {}");
  // The admin archives the question, then drafts a new version of it (the scenario).
  await t.db.question.update({ where: { slug }, data: { status: "ARCHIVED" } });
  await t.db.question.update({
    where: { slug },
    data: { status: "DRAFT", bodyEn: `${UNRELEASED} body`, answerEn: `${UNRELEASED} answer` },
  });
});
afterAll(async () => {
  await t.close();
});

describe("a question that left PUBLISHED, reached through the learner's old submission", () => {
  it("is null in mySubmissions", async () => {
    const result = await t.gql(`{ mySubmissions { edges { node { id ${QUESTION_FIELDS} } } } }`, {}, learner.token);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ mySubmissions: { edges: [{ node: { id: submissionId, question: null } }] } });
  });

  it("is null in submission(id)", async () => {
    const result = await t.gql(
      `query($id: ID!) { submission(id: $id) { id ${QUESTION_FIELDS} } }`,
      {
        id: submissionId,
      },
      learner.token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ submission: { id: submissionId, question: null } });
  });

  it("is null in the submissionUpdated subscription", async () => {
    const client = wsClient(t, learner.token);
    try {
      const outcome = await runOverWs(
        client,
        `subscription($id: ID!) { submissionUpdated(id: $id) { id ${QUESTION_FIELDS} } }`,
        { id: submissionId },
        1,
      );
      expect(JSON.stringify(outcome)).not.toContain(UNRELEASED);
      expect(outcome.results[0]).toEqual({ data: { submissionUpdated: { id: submissionId, question: null } } });
    } finally {
      await client.dispose();
    }
  });

  it("stays readable by an admin", async () => {
    const result = await t.gql<{ submission: { question: { body: string } } }>(
      `query($id: ID!) { submission(id: $id) { question { body(locale: EN) } } }`,
      { id: submissionId },
      admin.token,
    );
    expect(result.data?.submission.question.body).toBe(`${UNRELEASED} body`);
  });
});

describe("Question's content fields", () => {
  it("refuse a question the viewer may not read, whichever path handed it over", async () => {
    const draft = await t.db.question.findFirstOrThrow({
      where: { status: "DRAFT", bodyEn: { startsWith: UNRELEASED } },
    });
    // The resolver maps are typed from the schema (a field's resolver may be a function or an object); these
    // fields are plain functions, called here directly.
    type Read = (question: typeof draft, args: object, ctx: Context) => unknown;
    const fields = (group: unknown) => group as Record<string, Read>;
    const question = fields(resolvers.Question);
    const asLearner = { user: { role: "LEARNER" } } as unknown as Context;
    const asAdmin = { user: { role: "ADMIN" } } as unknown as Context;
    // Called outside a request, the error has not been said in a request's locale: it reads the default, Chinese.
    expect(() => question.body(draft, { locale: "EN" }, asLearner)).toThrow("没有这道题。");
    expect(() => question.answer(draft, { locale: "EN" }, asLearner)).toThrow("没有这道题。");
    expect(question.body(draft, { locale: "EN" }, asAdmin)).toBe(`${UNRELEASED} body`);
    // The teaching fields (hints, editorial, links, …) follow the same rule.
    const teachingFields = Object.entries(fields(teachingResolvers.Question));
    const open = teachingFields.filter(([, read]) => {
      try {
        read(draft, {}, asLearner);
        return true;
      } catch (error) {
        return !(error instanceof NotFoundError && error.texts.en === "No such question.");
      }
    });
    expect(teachingFields.length).toBeGreaterThan(5);
    expect(open.map(([name]) => name)).toEqual([]);
  });
});
