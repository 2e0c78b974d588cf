import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { getKernel } from "../../src/problems/registry.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { createCodingQuestion, createQuestion } from "../helpers/fixtures.ts";
import { SUBMIT } from "../helpers/grading.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000", SUBMIT_RATE_LIMIT_PER_MINUTE: "1000" });
});
afterAll(async () => {
  await deleteNamespace(t.config.REDIS_URL, t.config.REDIS_PREFIX);
  await t.close();
});

const cursorFor = (id: string) => Buffer.from(`2026-11-29T00:00:00.000Z|${id}`).toString("base64url");

describe("an idempotency key reused for a different request", () => {
  it("is refused with BAD_USER_INPUT naming the key; the same request replays the first submission", async () => {
    const softmax = await createCodingQuestion(t.db, "softmax");
    const matmul = await createCodingQuestion(t.db, "matmul");
    const learner = await signUpUser(t);
    const code = getKernel("softmax")?.solutionCode ?? "";
    const input = { slug: softmax, language: "TYPESCRIPT", code, idempotencyKey: `key-${uniqueSuffix()}` };
    const first = await t.gql<{ submitSolution: { id: string } }>(SUBMIT, { input }, learner.token);
    expect(first.errors).toBeUndefined();
    const replay = await t.gql<{ submitSolution: { id: string } }>(SUBMIT, { input }, learner.token);
    expect(replay.data?.submitSolution.id).toBe(first.data?.submitSolution.id);

    const variations = [
      { ...input, code: `${code}\n// changed` },
      { ...input, slug: matmul },
      { ...input, language: "JAVASCRIPT" },
    ];
    for (const variation of variations) {
      const result = await t.gql(SUBMIT, { input: variation }, learner.token);
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.extensions?.fieldErrors).toEqual([
        { field: "input.idempotencyKey", message: expect.stringMatching(/different request/) },
      ]);
    }
    const asSamples = await t.gql(
      `mutation($input: SubmitSolutionInput!) { runSamples(input: $input) { id } }`,
      { input },
      learner.token,
    );
    expect(asSamples.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(await t.db.submission.count({ where: { userId: learner.id } })).toBe(1);
  });
});

describe("malformed cursors and search text", () => {
  it("answers BAD_USER_INPUT for a cursor whose id is 36 hex digits but not a UUID", async () => {
    const learner = await signUpUser(t);
    const notUuid = "a".repeat(36);
    const questions = await t.gql(`query($after: String) { questions(after: $after) { totalCount } }`, {
      after: cursorFor(notUuid),
    });
    expect(questions.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const submissions = await t.gql(
      `query($after: String) { mySubmissions(after: $after) { totalCount } }`,
      { after: cursorFor(notUuid) },
      learner.token,
    );
    expect(submissions.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const submission = await t.gql(`query($id: ID!) { submission(id: $id) { id } }`, { id: notUuid }, learner.token);
    expect(submission.errors).toBeUndefined();
    expect(submission.data).toEqual({ submission: null });
  });

  it("answers BAD_USER_INPUT for a search containing U+0000", async () => {
    const result = await t.gql(`query($search: String) { questions(filter: { search: $search }) { totalCount } }`, {
      search: "soft\u0000max",
    });
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(/NUL/);
  });

  it("matches % and _ literally", async () => {
    const tag = uniqueSuffix();
    const percent = await createQuestion(t.db, "search-edge", { titleEn: `Top 5% recall ${tag}` });
    const underscore = await createQuestion(t.db, "search-edge", { titleEn: `f_score ${tag}` });
    await createQuestion(t.db, "search-edge", { titleEn: `Plain question ${tag}` });
    const search = async (text: string) => {
      const result = await t.gql<{ questions: { edges: { node: { slug: string } }[] } }>(
        `query($search: String) { questions(filter: { search: $search }, first: 100) { edges { node { slug } } } }`,
        { search: `${tag} ${text}` },
      );
      expect(result.errors).toBeUndefined();
      return result.data?.questions.edges.map((edge) => edge.node.slug).sort();
    };
    expect(await search("%")).toEqual([percent.slug]);
    expect(await search("_")).toEqual([underscore.slug]);
    expect(await search("f_s")).toEqual([underscore.slug]);
  });
});
