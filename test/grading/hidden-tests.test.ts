// What a learner can learn about hidden tests through the API (submission, mySubmissions, the live
// subscription: all read the stored results), and learner text of any content ending as a verdict.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createClient } from "graphql-ws";
import WebSocket from "ws";
import { getKernel } from "../../src/problems/registry.ts";
import type { RunningGrader } from "../../workers/grader/run.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { SUBMIT, startTestGrader, waitForVerdict } from "../helpers/grading.ts";

let t: TestApi;
let grader: RunningGrader;
let slug: string;
const samples = getKernel("softmax")?.testCounts.sample ?? 0;

const SOFTMAX = `function rowSoftmax(row: number[]): number[] {
  const max = Math.max(...row);
  const exps = row.map((value) => Math.exp(value - max));
  const total = exps.reduce((sum, value) => sum + value, 0);
  return exps.map((value) => value / total);
}`;

/** Right on the samples; on every later test it throws its inputs under a name the sandbox's messages start with. */
const FORGED = `${SOFTMAX}
let calls = 0;
function softmax(x: number[][]): number[][] {
  calls++;
  if (calls > ${samples}) throw { name: "time limit", message: "LEAK" + JSON.stringify(arguments) };
  return x.map(rowSoftmax);
}`;

const TESTS = "tests { name kind status message runtimeMs input expected got }";

type TestView = { name: string; kind: string; status: string; message: string | null; runtimeMs: number | null };

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000", SUBMIT_RATE_LIMIT_PER_MINUTE: "1000" });
  grader = await startTestGrader(t);
  slug = await createCodingQuestion(t.db, "softmax");
});
afterAll(async () => {
  await grader.close();
  await t.close();
});

async function submit(token: string, code: string): Promise<string> {
  const submitted = await t.gql<{ submitSolution: { id: string } }>(
    SUBMIT,
    { input: { slug, language: "TYPESCRIPT", code } },
    token,
  );
  if (!submitted.data) throw new Error(JSON.stringify(submitted.errors));
  return submitted.data.submitSolution.id;
}

/** The finished submission as the live subscription delivers it (its first event, once it is finished). */
function subscriptionView(token: string, id: string): Promise<unknown> {
  const client = createClient({
    url: t.api.url.replace(/^http/, "ws"),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: `Bearer ${token}` },
    retryAttempts: 0,
  });
  return new Promise<unknown>((resolve, reject) => {
    client.subscribe(
      { query: `subscription($id: ID!) { submissionUpdated(id: $id) { id status ${TESTS} } }`, variables: { id } },
      { next: (message) => resolve(message), error: reject, complete: () => undefined },
    );
  }).finally(() => client.dispose());
}

describe("hidden tests through the API", () => {
  it("show a forged sandbox error only as 'runtime error on hidden test 1', in every view", async () => {
    const learner = await signUpUser(t);
    const id = await submit(learner.token, FORGED);
    const verdict = await waitForVerdict(t, id, learner.token);
    expect(verdict.verdict).toBe("RUNTIME_ERROR");

    const one = await t.gql<{ submission: { tests: TestView[] } }>(
      `query($id: ID!) { submission(id: $id) { ${TESTS} } }`,
      { id },
      learner.token,
    );
    const mine = await t.gql(`{ mySubmissions { edges { node { id ${TESTS} } } } }`, {}, learner.token);
    const live = await subscriptionView(learner.token, id);
    for (const view of [one, mine, live]) expect(JSON.stringify(view)).not.toMatch(/LEAK|time limit/);

    const tests = one.data?.submission.tests ?? [];
    expect(tests.find((test) => test.status === "RUNTIME_ERROR")).toMatchObject({
      name: "hidden-1",
      kind: "hidden",
      message: "runtime error on hidden test 1",
      runtimeMs: null,
    });
    // The samples keep their full feedback, runtime included.
    const sample = tests.find((test) => test.kind === "sample");
    expect(sample).toMatchObject({ status: "PASSED" });
    expect(sample?.runtimeMs).toEqual(expect.any(Number));
  });

  it("report a time per test on samples only, and the total", async () => {
    const learner = await signUpUser(t);
    const id = await submit(
      learner.token,
      `${SOFTMAX}\nfunction softmax(x: number[][]): number[][] { return x.map(rowSoftmax); }`,
    );
    const verdict = await waitForVerdict(t, id, learner.token);
    expect(verdict.verdict).toBe("ACCEPTED");
    expect(verdict.runtimeMs).toBeGreaterThan(0);
    const timed = await t.gql<{ submission: { tests: TestView[] } }>(
      `query($id: ID!) { submission(id: $id) { ${TESTS} } }`,
      { id },
      learner.token,
    );
    const withTime = (timed.data?.submission.tests ?? []).filter((test) => test.runtimeMs !== null);
    expect(withTime.map((test) => test.kind)).toEqual(Array(samples).fill("sample"));
  });
});

describe("learner text of any content", () => {
  it("NUL and lone surrogates in output and messages end as verdicts, graded once", async () => {
    const learner = await signUpUser(t);
    const cases = [
      {
        code: "function softmax(x: number[][]): unknown { return ['\\u0000', '\\ud800', { ['\\udc00']: '\\u0000' }]; }",
        verdict: "WRONG_ANSWER",
      },
      { code: "function softmax(x: number[][]): unknown { return 'a\\u0000b\\ud800'; }", verdict: "WRONG_ANSWER" },
      {
        code: "function softmax(x: number[][]): unknown { throw new Error('\\u0000\\udfff'); }",
        verdict: "RUNTIME_ERROR",
      },
    ];
    for (const { code, verdict } of cases) {
      const id = await submit(learner.token, code);
      const view = await waitForVerdict(t, id, learner.token);
      expect({ code, verdict: view.verdict, attempts: view.attempts }).toEqual({ code, verdict, attempts: 1 });
    }
    const thrown = await t.db.submission.findFirstOrThrow({
      where: { userId: learner.id, verdict: "RUNTIME_ERROR" },
    });
    expect((thrown.tests as { message?: string }[])[0].message).toBe("Error: \uFFFD\uFFFD");
  });

  it("code or a slug holding a NUL or a lone surrogate is refused as BAD_USER_INPUT naming the field", async () => {
    const learner = await signUpUser(t);
    for (const [field, input] of [
      ["input.code", { slug, language: "TYPESCRIPT", code: "function softmax() {}\u0000" }],
      ["input.code", { slug, language: "TYPESCRIPT", code: "function softmax() { return '\ud800'; }" }],
      ["input.slug", { slug: `${slug}\u0000`, language: "TYPESCRIPT", code: "function softmax() {}" }],
    ] as const) {
      const result = await t.gql(SUBMIT, { input }, learner.token);
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.message).toContain(field);
    }
    expect(await t.db.submission.count({ where: { userId: learner.id } })).toBe(0);
  });
});
