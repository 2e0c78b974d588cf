// The client half of scripts/docker-smoke, run inside the image on the Compose network (so the host needs nothing
// but Docker): signs up, submits the matmul reference solution in TypeScript and in Python through the API, and
// waits for both verdicts. Prints one line per step; exits 1 unless both are ACCEPTED.
// Usage: node test/docker/smoke-client.ts [graphql-url]   (default http://api:4000/graphql)

import { matmulPython } from "../../src/problems/matmul/python.ts";
import { getKernel } from "../../src/problems/registry.ts";

const GRAPHQL_URL = process.argv[2] ?? "http://api:4000/graphql";
const SLUG = "matmul";
// A grading of a fresh grader (isolates and the Python pool starting, both cores busy) took ~10 s here.
const VERDICT_TIMEOUT_MS = 180_000;

type GraphQLResult<T> = { data?: T; errors?: { message: string }[] };

async function gql<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await fetch(GRAPHQL_URL, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as GraphQLResult<T>;
  if (!body.data || body.errors) throw new Error(`${GRAPHQL_URL} answered ${response.status}: ${JSON.stringify(body)}`);
  return body.data;
}

async function signUp(): Promise<string> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const data = await gql<{ signUp: { token: string } }>(
    "mutation($input: SignUpInput!) { signUp(input: $input) { token } }",
    { input: { email: `smoke-${suffix}@example.com`, handle: `smoke_${suffix}`, password: "smoke test password" } },
  );
  return data.signUp.token;
}

type Submission = { status: string; verdict: string | null; runtimeMs: number | null; tests: { status: string }[] };

async function submitAndWait(token: string, language: "TYPESCRIPT" | "PYTHON", code: string): Promise<Submission> {
  const submitted = await gql<{ submitSolution: { id: string } }>(
    "mutation($input: SubmitSolutionInput!) { submitSolution(input: $input) { id } }",
    { input: { slug: SLUG, language, code } },
    token,
  );
  const id = submitted.submitSolution.id;
  const deadline = Date.now() + VERDICT_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const { submission } = await gql<{ submission: Submission }>(
      "query($id: ID!) { submission(id: $id) { status verdict runtimeMs tests { status } } }",
      { id },
      token,
    );
    if (submission.status === "FINISHED") return submission;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${language} submission ${id} had no verdict after ${VERDICT_TIMEOUT_MS / 1000} s`);
}

const typescript = getKernel(SLUG)?.solutionCode;
if (!typescript) throw new Error(`no reference solution for ${SLUG}`);
const token = await signUp();
console.log("smoke: signed up");
let failed = false;
for (const [language, code] of [
  ["TYPESCRIPT", typescript],
  ["PYTHON", matmulPython.solutionCode],
] as const) {
  const started = Date.now();
  const result = await submitAndWait(token, language, code);
  const passed = result.tests.filter((test) => test.status === "PASSED").length;
  console.log(
    `smoke: ${SLUG} in ${language}: ${result.verdict} (${passed}/${result.tests.length} tests passed, ` +
      `verdict after ${((Date.now() - started) / 1000).toFixed(1)} s)`,
  );
  if (result.verdict !== "ACCEPTED") failed = true;
}
process.exit(failed ? 1 : 0);
