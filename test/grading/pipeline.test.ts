import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { getKernel } from "../../src/problems/registry.ts";
import { serveMetrics } from "../../workers/grader/metrics.ts";
import type { RunningGrader } from "../../workers/grader/run.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { RUN_SAMPLES, SUBMIT, startTestGrader, waitForVerdict } from "../helpers/grading.ts";

let t: TestApi;
let grader: RunningGrader;
let softmaxSlug: string;
let matmulSlug: string;

const softmax = () => getKernel("softmax")?.solutionCode ?? "";

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000", SUBMIT_RATE_LIMIT_PER_MINUTE: "1000" });
  grader = await startTestGrader(t);
  softmaxSlug = await createCodingQuestion(t.db, "softmax");
  matmulSlug = await createCodingQuestion(t.db, "matmul");
});
afterAll(async () => {
  await grader.close();
  await t.close();
});

async function submitAndWait(token: string, slug: string, code: string, language = "TYPESCRIPT") {
  const submitted = await t.gql<{ submitSolution: { id: string; status: string } }>(
    SUBMIT,
    { input: { slug, language, code } },
    token,
  );
  expect(submitted.errors).toBeUndefined();
  expect(submitted.data?.submitSolution.status).toBe("QUEUED");
  return waitForVerdict(t, submitted.data?.submitSolution.id ?? "", token);
}

describe("verdicts through the API and a real grader", () => {
  it("accepts a correct solution and records progress, runtime and percentile", async () => {
    const learner = await signUpUser(t);
    const verdict = await submitAndWait(learner.token, softmaxSlug, softmax());
    expect(verdict.verdict).toBe("ACCEPTED");
    expect(verdict.runtimeMs).toBeGreaterThanOrEqual(0);
    expect(verdict.memoryMb).toBeGreaterThan(0);
    expect(verdict.percentile).toBe(100);
    expect(verdict.tests.every((test) => test.status === "PASSED")).toBe(true);
    // hidden test data never leaves the server
    for (const test of verdict.tests.filter((test) => test.kind !== "sample")) {
      expect(test.input).toBeNull();
      expect(test.expected).toBeNull();
      expect(test.got).toBeNull();
    }
    const question = await t.db.question.findUniqueOrThrow({ where: { slug: softmaxSlug } });
    const progress = await t.db.progress.findUniqueOrThrow({
      where: { userId_questionId: { userId: learner.id, questionId: question.id } },
    });
    expect(progress).toMatchObject({ status: "SOLVED", attempts: 1 });
  });

  it("gives WRONG_ANSWER with the first mismatch and skips the rest", async () => {
    const learner = await signUpUser(t);
    const wrong = `function softmax(x: number[][]): number[][] { return x.map((row) => row.map(() => 1 / row.length)); }`;
    const verdict = await submitAndWait(learner.token, softmaxSlug, wrong);
    expect(verdict.verdict).toBe("WRONG_ANSWER");
    const failed = verdict.tests.find((test) => test.status === "FAILED");
    expect(failed?.message).toMatch(/got .* want/);
    const question = await t.db.question.findUniqueOrThrow({ where: { slug: softmaxSlug } });
    const progress = await t.db.progress.findUniqueOrThrow({
      where: { userId_questionId: { userId: learner.id, questionId: question.id } },
    });
    expect(progress).toMatchObject({ status: "ATTEMPTED", attempts: 1 });
  });

  it("reports type errors as warnings, not failures", async () => {
    const learner = await signUpUser(t);
    const typed = `${softmax()}\nconst label: number = "not a number";\n`;
    const verdict = await submitAndWait(learner.token, softmaxSlug, typed);
    expect(verdict.verdict).toBe("ACCEPTED");
    const line = typed.split("\n").findIndex((text) => text.startsWith("const label")) + 1;
    expect(verdict.warnings).toEqual([
      `type error at ${line}:7: Type 'string' is not assignable to type 'number'. (TS2322)`,
    ]);
    const clean = await submitAndWait(learner.token, softmaxSlug, softmax());
    expect(clean.warnings).toEqual([]);
  });

  it("reports a syntax error as COMPILE_ERROR with line and column", async () => {
    const learner = await signUpUser(t);
    const verdict = await submitAndWait(
      learner.token,
      softmaxSlug,
      "function softmax(x: number[][]) {\n  return x.map((r) => r;\n}",
    );
    expect(verdict.verdict).toBe("COMPILE_ERROR");
    expect(verdict.compileError?.line).toBe(2);
    expect(verdict.compileError?.column).toEqual(expect.any(Number));
  });

  it("gives TIME_LIMIT_EXCEEDED for a slow solution and RUNTIME_ERROR for a crashing one", async () => {
    const learner = await signUpUser(t);
    const slow = await submitAndWait(learner.token, softmaxSlug, "function softmax(x) { for (;;) {} }", "JAVASCRIPT");
    expect(slow.verdict).toBe("TIME_LIMIT_EXCEEDED");
    const crash = await submitAndWait(
      learner.token,
      softmaxSlug,
      "function softmax(x) { return x.nope.length; }",
      "JAVASCRIPT",
    );
    expect(crash.verdict).toBe("RUNTIME_ERROR");
  });

  it("grades a performance-ranked kernel with a perf ratio, or says why there is none", async () => {
    const learner = await signUpUser(t);
    const verdict = await submitAndWait(learner.token, matmulSlug, getKernel("matmul")?.solutionCode ?? "");
    expect(verdict.verdict).toBe("ACCEPTED");
    // A grading on a machine too busy to time fairly withholds the ratio and says so (perf-ratio.test.ts).
    if (verdict.perfRatio === null) expect(verdict.perfNote).toMatch(/\w/);
    else {
      expect(verdict.perfRatio).toBeGreaterThan(0);
      expect(verdict.perfNote).toBeNull();
    }
  });

  it("runs samples only, shows input/expected/got, and does not count as an attempt", async () => {
    const learner = await signUpUser(t);
    const run = await t.gql<{ runSamples: { id: string; mode: string } }>(
      RUN_SAMPLES,
      { input: { slug: softmaxSlug, language: "TYPESCRIPT", code: softmax() } },
      learner.token,
    );
    expect(run.data?.runSamples.mode).toBe("SAMPLES");
    const verdict = await waitForVerdict(t, run.data?.runSamples.id ?? "", learner.token);
    expect(verdict.verdict).toBe("ACCEPTED");
    expect(verdict.tests.length).toBe(getKernel("softmax")?.testCounts.sample);
    expect(
      verdict.tests.every(
        (test) => test.kind === "sample" && test.input !== null && test.expected !== null && test.got !== null,
      ),
    ).toBe(true);
    expect(verdict.percentile).toBeNull();
    expect(await t.db.progress.count({ where: { userId: learner.id } })).toBe(0);
  });
});

describe("submission rules", () => {
  it("returns the same submission for a retried idempotency key", async () => {
    const learner = await signUpUser(t);
    const input = { slug: softmaxSlug, language: "TYPESCRIPT", code: softmax(), idempotencyKey: "retry-1" };
    const [a, b] = await Promise.all([
      t.gql<{ submitSolution: { id: string } }>(SUBMIT, { input }, learner.token),
      t.gql<{ submitSolution: { id: string } }>(SUBMIT, { input }, learner.token),
    ]);
    expect(a.data?.submitSolution.id).toBeDefined();
    expect(a.data?.submitSolution.id).toBe(b.data?.submitSolution.id);
    expect(await t.db.submission.count({ where: { userId: learner.id } })).toBe(1);
  });

  it("validates code size, language and the problem", async () => {
    const learner = await signUpUser(t);
    const big = await t.gql(
      SUBMIT,
      { input: { slug: softmaxSlug, language: "TYPESCRIPT", code: "x".repeat(65 * 1024) } },
      learner.token,
    );
    expect(big.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(big.errors?.[0]?.message).toMatch(/input\.code/);
    const language = await t.gql(SUBMIT, { input: { slug: softmaxSlug, language: "COBOL", code: "x" } }, learner.token);
    expect(language.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const missing = await t.gql(
      SUBMIT,
      { input: { slug: "no-such-problem", language: "TYPESCRIPT", code: "x" } },
      learner.token,
    );
    expect(missing.errors?.[0]?.extensions?.code).toBe("NOT_FOUND");
    const anonymous = await t.gql(SUBMIT, { input: { slug: softmaxSlug, language: "TYPESCRIPT", code: "x" } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("rate-limits submissions per user with a retry-after", async () => {
    const limited = await startTestApi({ SUBMIT_RATE_LIMIT_PER_MINUTE: "2" });
    try {
      const learner = await signUpUser(limited);
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 3; i++) {
        const result = await limited.gql(
          SUBMIT,
          { input: { slug: softmaxSlug, language: "TYPESCRIPT", code: softmax() } },
          learner.token,
        );
        codes.push(result.errors?.[0]?.extensions?.code);
      }
      expect(codes).toEqual([undefined, undefined, "RATE_LIMITED"]);
    } finally {
      await limited.close();
    }
  });

  it("shows a submission to its owner and admins only, and lists mine newest first", async () => {
    const owner = await signUpUser(t);
    const other = await signUpUser(t);
    const admin = await signUpUser(t, { role: "ADMIN" });
    const first = await submitAndWait(owner.token, softmaxSlug, softmax());
    const second = await submitAndWait(owner.token, softmaxSlug, softmax());
    const query = `query($id: ID!) { submission(id: $id) { id } }`;
    expect((await t.gql(query, { id: first.id }, other.token)).errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(
      (await t.gql<{ submission: { id: string } }>(query, { id: first.id }, admin.token)).data?.submission.id,
    ).toBe(first.id);
    const mine = await t.gql<{ mySubmissions: { totalCount: number; edges: { node: { id: string } }[] } }>(
      `query($slug: String) { mySubmissions(slug: $slug, first: 10) { totalCount edges { node { id } } } }`,
      { slug: softmaxSlug },
      owner.token,
    );
    expect(mine.data?.mySubmissions.totalCount).toBe(2);
    expect(mine.data?.mySubmissions.edges.map((edge) => edge.node.id)).toEqual([second.id, first.id]);
  });
});

describe("grader metrics", () => {
  it("counts verdicts, latency, restarts, skipped type checks and the queue's depth, and serves them", async () => {
    const learner = await signUpUser(t);
    expect((await submitAndWait(learner.token, softmaxSlug, softmax())).verdict).toBe("ACCEPTED");
    const text = await grader.metrics.metrics();
    expect(text).toMatch(/^dojo_verdicts_total\{verdict="ACCEPTED",mode="FULL"\} [1-9]/m);
    expect(text).toMatch(/^dojo_grading_latency_seconds_count\{mode="FULL"\} [1-9]/m);
    expect(text).toContain("dojo_executor_restarts_total");
    expect(text).toMatch(/^dojo_type_checks_skipped_total 0$/m);
    expect(text).toMatch(/^dojo_queue_depth\{/m);

    const server = await serveMetrics(grader.metrics, 0, "127.0.0.1");
    try {
      const { port } = server.address() as AddressInfo;
      const served = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(served.status).toBe(200);
      expect(await served.text()).toContain("dojo_verdicts_total");
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
    } finally {
      server.close();
    }
  });
});
