import { type Config, loadConfig } from "../../src/config.ts";
import type { ResolvedCoding } from "../../src/modules/content/derive.ts";
import { getKernel } from "../../src/problems/registry.ts";
import { type RunningGrader, startGrader } from "../../workers/grader/run.ts";
import type { GradeInput } from "../../workers/judge/grade.ts";
import type { TestApi } from "./api.ts";
import { TEST_HIDDEN_TEST_SECRET } from "./hidden-tests.ts";

/**
 * What the grader passes to gradeSubmission for a FULL TypeScript submission of `code` to a problem stored as
 * `coding` (see workers/grader/process-job.ts), with its test-plan seed replaced by `seed` when one is given.
 */
export function productionGradeInput(coding: ResolvedCoding, code: string, seed = coding.testPlan.seed): GradeInput {
  const kernel = getKernel(coding.kernelId);
  if (!kernel) throw new Error(`kernel ${coding.kernelId} is not registered`);
  return {
    code,
    language: "TYPESCRIPT",
    kernel: { ...kernel, tolerance: { atol: coding.atol, rtol: coding.rtol } },
    seed,
    hiddenTestSecret: TEST_HIDDEN_TEST_SECRET,
    testCounts: { ...kernel.testCounts, ...coding.testPlan.counts },
    mode: "FULL",
    timeLimitMs: coding.timeLimitMs,
    memoryLimitMb: coding.memoryLimitMb,
  };
}

/**
 * A sweep interval no test lasts (give as `SWEEP_INTERVAL_MS`): the grader's sweeper never runs. For every grader a
 * test starts, in this process or another, unless the test needs the sweeper (see startTestGrader).
 */
export const SWEEPER_OFF = String(3_600_000);
/** A test grader whose sweeper re-enqueues lost submissions each second (give as `SWEEP_INTERVAL_MS`). */
export const SWEEP_EACH_SECOND = "1000";

/**
 * A grader in this process, on the queue and Redis namespace of `target` (a test API, or a test's own config).
 *
 * Its sweeper is off unless the test asks for one (`SWEEP_INTERVAL_MS`): test files share one database but not a
 * queue, and a sweeper re-enqueues every QUEUED row older than max(5 s, its interval) into its own queue and grades
 * it there. A test grader sweeping each second took another file's submission while that file's own grader was
 * still starting (shutdown.test.ts saw it RUNNING on a grader it never started).
 */
export async function startTestGrader(
  target: { config: Config },
  overrides: Record<string, string> = {},
): Promise<RunningGrader> {
  const config: Config = loadConfig({
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: target.config.DATABASE_URL,
    REDIS_URL: target.config.REDIS_URL,
    REDIS_PREFIX: target.config.REDIS_PREFIX,
    QUEUE_NAME: target.config.QUEUE_NAME,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    GRADER_CONCURRENCY: "1",
    GRADER_METRICS_PORT: "0",
    SWEEP_INTERVAL_MS: SWEEPER_OFF,
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
      id status verdict runtimeMs memoryMb perfRatio perfNote percentile attempts mode warnings
      compileError { message line column }
      tests { name kind status message input expected got output }
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
  perfNote: string | null;
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
    output: string | null;
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
