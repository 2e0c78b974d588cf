import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "@jest/globals";
import { CONTENT_DIR, PROBLEMS_DIR } from "../../seed/load-content.ts";
import { runSeed } from "../../seed/run-seed.ts";
import { readOperationFiles } from "../../src/app/client-contract.ts";
import type {
  LogInMutation,
  SignUpMutation,
  SubmissionUpdatedSubscription,
  SubmitSolutionMutation,
} from "../../src/generated/operations.ts";
import type { RunningGrader } from "../../workers/grader/run.ts";
import { startTestApi, type TestApi } from "../helpers/api.ts";
import { startTestGrader } from "../helpers/grading.ts";
import { createScratchDatabase, type ScratchDatabase } from "../helpers/scratch-database.ts";
import { runOverWs, wsClient } from "../helpers/ws.ts";

// Every example the docs show runs here as pasted, against a real server with the shipped content (alone in a
// database of its own, so the documented slugs and the documented account are free): the operations of
// operations/ with no variables (their defaults are the examples), in the order a newcomer tries them, and the
// curl commands of the README and docs/api.md.
const root = new URL("../../", import.meta.url);
const operations = readOperationFiles(root);
const operation = (file: string) => {
  const text = operations.get(file);
  if (!text) throw new Error(`operations/${file} is missing`);
  return text;
};
const CURL = /curl [^\n]*?http:\/\/localhost:\d+(\/\S*)[\s\S]*?-d '([^']+)'/g;

let database: ScratchDatabase;
let t: TestApi;
let grader: RunningGrader;

beforeAll(async () => {
  database = await createScratchDatabase("examples");
  t = await startTestApi({ DATABASE_URL: database.url, SUBMIT_RATE_LIMIT_PER_MINUTE: "1000" });
  // The examples submit TypeScript only; the Python runtime has its own tests.
  grader = await startTestGrader(t, { GRADER_PYTHON: "false" });
  const report = await runSeed({ db: t.db, dir: CONTENT_DIR, problemsDirs: [PROBLEMS_DIR] });
  expect(report.failed).toEqual([]);
}, 180_000);
afterAll(async () => {
  await grader?.close();
  await t?.close();
  await database?.drop();
});

/** Runs one operation file as pasted (no variables); it must answer without errors. */
async function run<T>(file: string, token?: string): Promise<T> {
  const result = await t.gql<T>(operation(file), undefined, token);
  expect({ file, errors: result.errors }).toEqual({ file, errors: undefined });
  return result.data as T;
}

it("every operation in operations/ runs as pasted", async () => {
  const ran = new Set<string>();
  const runFile = <T>(file: string, token?: string) => {
    ran.add(file);
    return run<T>(file, token);
  };
  const signedUp = await runFile<SignUpMutation>("sign-up.graphql");
  expect(signedUp.signUp.user.handle).toBe("ada");
  const { token } = (await runFile<LogInMutation>("log-in.graphql")).logIn;

  await runFile("questions.graphql", token);
  await runFile("questions-before.graphql");
  const question = await runFile<{ question: { codingProblem: { functionName: string } | null } | null }>(
    "question.graphql",
  );
  expect(question.question?.codingProblem?.functionName).toBe("matmul");

  const submitted = await runFile<SubmitSolutionMutation>("submit-solution.graphql", token);
  ran.add("submission-updated.graphql");
  const client = wsClient(t, token);
  try {
    const updates = await runOverWs<SubmissionUpdatedSubscription>(client, operation("submission-updated.graphql"), {
      id: submitted.submitSolution.id,
    });
    expect(updates.errors).toBeUndefined();
    const last = updates.results.at(-1)?.data?.submissionUpdated;
    expect({ status: last?.status, verdict: last?.verdict }).toEqual({ status: "FINISHED", verdict: "ACCEPTED" });
  } finally {
    await client.dispose();
  }

  await runFile("my-progress.graphql", token);
  await runFile("review-queue.graphql", token);
  await runFile("review-question.graphql", token);
  await runFile("check-concept-answer.graphql");
  await runFile("leaderboard.graphql");
  await runFile("tracks.graphql", token);
  await runFile("track.graphql", token);

  // The admin operations, once the documented account is made an admin (`npm run admin`).
  await t.db.user.update({ where: { handle: "ada" }, data: { role: "ADMIN" } });
  await runFile("upsert-question.graphql", token);
  await runFile("set-question-status.graphql", token);

  expect([...operations.keys()].filter((file) => !ran.has(file))).toEqual([]);
}, 180_000);

it("the curl example of the README and of docs/api.md answers, as written", async () => {
  for (const file of ["README.md", "docs/api.md"]) {
    const curls = [...readFileSync(new URL(file, root), "utf8").matchAll(CURL)];
    expect({ file, curls: curls.length }).toEqual({ file, curls: 1 });
    for (const [, path, body] of curls) {
      const response = await fetch(new URL(path, t.api.url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body,
      });
      const json = (await response.json()) as { data?: unknown; errors?: unknown };
      expect({ file, errors: json.errors }).toEqual({ file, errors: undefined });
      expect(json.data).toEqual(expect.any(Object));
    }
  }
});
