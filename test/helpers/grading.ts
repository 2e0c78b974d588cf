import { type Config, loadConfig } from "../../src/config.ts";
import type { Db } from "../../src/db.ts";
import { getKernel } from "../../src/kernels/index.ts";
import { saveQuestion } from "../../src/modules/content/service.ts";
import { type RunningGrader, startGrader } from "../../workers/grader/run.ts";
import type { TestApi } from "./api.ts";
import { uniqueSuffix } from "./env.ts";
import { createTopic } from "./fixtures.ts";
import { TEST_HIDDEN_TEST_SECRET } from "./hidden-tests.ts";

/** A published coding question bound to `kernelId`, with a slug unique to this test run. */
export async function createCodingQuestion(
  db: Db,
  kernelId: string,
  coding: { timeLimitMs?: number; memoryLimitMb?: number; hidden?: number; performance?: number } = {},
): Promise<string> {
  const kernel = getKernel(kernelId);
  if (!kernel) throw new Error(`kernel ${kernelId} is not registered`);
  const topic = await createTopic(db, "grading");
  const slug = `${kernelId.replaceAll("_", "-")}-${uniqueSuffix()}`;
  await saveQuestion(db, {
    slug,
    kind: "CODING",
    difficulty: "MEDIUM",
    status: "PUBLISHED",
    topics: [topic.slug],
    title: { zh: `编程题 ${kernelId}`, en: `Coding ${kernelId}` },
    body: { zh: "实现这个函数。", en: "Implement the function." },
    answer: { zh: "见参考实现。", en: "See the reference." },
    keyPoints: [],
    examples: [],
    coding: {
      kernelId,
      timeLimitMs: coding.timeLimitMs ?? 2000,
      memoryLimitMb: coding.memoryLimitMb ?? 64,
      testPlan: {
        seed: 7,
        hidden: coding.hidden ?? kernel.testCounts.hidden,
        performance: coding.performance ?? kernel.testCounts.performance,
      },
    },
  });
  return slug;
}

/** A grader in this process, on the test API's queue and Redis namespace. */
export async function startTestGrader(
  testApi: TestApi,
  overrides: Record<string, string> = {},
): Promise<RunningGrader> {
  const config: Config = loadConfig({
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: testApi.config.DATABASE_URL,
    REDIS_URL: testApi.config.REDIS_URL,
    REDIS_PREFIX: testApi.config.REDIS_PREFIX,
    QUEUE_NAME: testApi.config.QUEUE_NAME,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    GRADER_CONCURRENCY: "1",
    GRADER_METRICS_PORT: "0",
    SWEEP_INTERVAL_MS: "1000",
    HIDDEN_TEST_SECRET: TEST_HIDDEN_TEST_SECRET,
    ...overrides,
  });
  return startGrader(config, { metrics: false });
}

export const SUBMIT = /* GraphQL */ `
  mutation Submit($input: SubmitSolutionInput!) { submitSolution(input: $input) { id status } }
`;
/** Submits `code` to `slug` through the API as the token's user; resolves to the submission id. */
export async function submitCode(testApi: TestApi, token: string, slug: string, code: string): Promise<string> {
  const result = await testApi.gql<{ submitSolution: { id: string } }>(
    SUBMIT,
    { input: { slug, language: "TYPESCRIPT", code } },
    token,
  );
  if (!result.data) throw new Error(`submitSolution failed: ${JSON.stringify(result.errors)}`);
  return result.data.submitSolution.id;
}
export const RUN_SAMPLES = /* GraphQL */ `
  mutation Samples($input: SubmitSolutionInput!) { runSamples(input: $input) { id status mode } }
`;
export const SUBMISSION = /* GraphQL */ `
  query One($id: ID!) {
    submission(id: $id) {
      id status verdict runtimeMs memoryMb perfRatio percentile attempts mode warnings
      compileError { message line column }
      tests { name kind status message input expected got }
    }
  }
`;

export type SubmissionView = {
  id: string;
  status: string;
  verdict: string | null;
  runtimeMs: number | null;
  memoryMb: number | null;
  perfRatio: number | null;
  percentile: number | null;
  attempts: number;
  mode: string;
  warnings: string[];
  compileError: { message: string; line: number | null; column: number | null } | null;
  tests: {
    name: string;
    kind: string;
    status: string;
    message: string | null;
    input: unknown;
    expected: unknown;
    got: unknown;
  }[];
};

/** Polls the API until the submission is FINISHED. */
export async function waitForVerdict(
  testApi: TestApi,
  id: string,
  token: string,
  timeoutMs = 20_000,
): Promise<SubmissionView> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const result = await testApi.gql<{ submission: SubmissionView }>(SUBMISSION, { id }, token);
    const submission = result.data?.submission;
    if (submission?.status === "FINISHED") return submission;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`submission ${id} was not graded within ${timeoutMs} ms`);
}
