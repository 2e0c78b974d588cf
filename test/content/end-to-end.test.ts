import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { loadQuestionFiles, loadTopics, PROBLEMS_DIR } from "../../seed/load-content.ts";
import { saveQuestion, saveTopics } from "../../src/modules/content/service.ts";
import { getKernel, kernels } from "../../src/problems/registry.ts";
import type { RunningGrader } from "../../workers/grader/run.ts";
import { type SignedUpUser, signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { SUBMIT, startTestGrader, waitForVerdict } from "../helpers/grading.ts";

const CONTENT = fileURLToPath(new URL("../../seed/content", import.meta.url));

let t: TestApi;
let grader: RunningGrader;
let learner: SignedUpUser;
/** kernel id → slug of this run's copy of the shipped coding problem */
const problems = new Map<string, string>();

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000", SUBMIT_RATE_LIMIT_PER_MINUTE: "100000" });
  grader = await startTestGrader(t, { GRADER_CONCURRENCY: "2" });
  learner = await signUpUser(t);
  const topics = await loadTopics(CONTENT);
  if (!topics.ok) throw new Error(topics.reason);
  await saveTopics(t.db, topics.topics);
  const files = await loadQuestionFiles(PROBLEMS_DIR, new Set(topics.topics.map((topic) => topic.slug)));
  const suffix = uniqueSuffix();
  for (const file of files) {
    if (!file.ok) throw new Error(`${file.path}: ${file.reason}`);
    const { content } = file.prepared;
    // A copy under a slug of this run, so the shipped slugs stay free for the seed's own tests.
    const slug = `${content.slug}-${suffix}`;
    await saveQuestion(t.db, { ...content, slug, status: "PUBLISHED" });
    if (content.coding) problems.set(content.coding.kernelId ?? content.slug, slug);
  }
}, 120_000);
afterAll(async () => {
  await grader.close();
  await t.close();
});

async function grade(slug: string, code: string) {
  const submitted = await t.gql<{ submitSolution: { id: string } }>(
    SUBMIT,
    { input: { slug, language: "TYPESCRIPT", code } },
    learner.token,
  );
  if (!submitted.data) throw new Error(JSON.stringify(submitted.errors));
  return waitForVerdict(t, submitted.data.submitSolution.id, learner.token, 60_000);
}

describe("the shipped problem set, end to end through the real grader", () => {
  it("has a coding problem for every kernel of the suite", () => {
    expect([...problems.keys()].sort()).toEqual([...kernels.keys()].sort());
  });

  it("accepts every reference solution and rejects every starter code", async () => {
    const outcomes = await Promise.all(
      [...problems].map(async ([kernelId, slug]) => {
        const kernel = getKernel(kernelId);
        if (!kernel) throw new Error(`no kernel ${kernelId}`);
        const [solution, starter] = await Promise.all([
          grade(slug, kernel.solutionCode),
          grade(slug, kernel.starterCode),
        ]);
        return {
          kernelId,
          solution: solution.verdict,
          starter: starter.verdict,
          failure: solution.tests.find((test) => test.status !== "PASSED")?.message ?? null,
        };
      }),
    );
    const wrong = outcomes.filter((outcome) => outcome.solution !== "ACCEPTED" || outcome.starter === "ACCEPTED");
    expect(wrong).toEqual([]);
  }, 600_000);
});
