import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { RUN_SAMPLES, SUBMIT } from "../helpers/grading.ts";

// No grader runs here: the submissions stay QUEUED; only the API's budgets are looked at.
let t: TestApi;
let slug: string;
beforeAll(async () => {
  t = await startTestApi({ SUBMIT_RATE_LIMIT_PER_MINUTE: "2", SAMPLE_RATE_LIMIT_PER_MINUTE: "3" });
  slug = await createCodingQuestion(t.db, "softmax");
});
afterAll(async () => {
  await t.close();
});

describe("submission budgets", () => {
  it("gives sample runs a budget of their own, and says when the next call is allowed", async () => {
    const learner = await signUpUser(t);
    const input = { slug, language: "TYPESCRIPT", code: "export function softmax() {}" };
    const samples = [];
    for (let i = 0; i < 4; i++) samples.push(await t.gql(RUN_SAMPLES, { input }, learner.token));
    expect(samples.slice(0, 3).map((result) => result.errors)).toEqual([undefined, undefined, undefined]);
    const refused = samples[3]?.errors?.[0];
    expect(refused?.extensions).toEqual({ code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) });
    const wait = Number(refused?.extensions?.retryAfterSeconds);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(refused?.message).toBe(
      `At most 3 sample runs per minute (submissions have their own budget); the next is allowed in ${wait} s.`,
    );
    // The sample runs used none of the submissions' budget.
    const submits = [];
    for (let i = 0; i < 3; i++) submits.push(await t.gql(SUBMIT, { input }, learner.token));
    expect(submits.map((result) => result.errors?.[0]?.extensions?.code)).toEqual([
      undefined,
      undefined,
      "RATE_LIMITED",
    ]);
    expect(submits[2]?.errors?.[0]?.message).toMatch(/^At most 2 submissions per minute .* allowed in \d+ s\.$/);
  });
});
