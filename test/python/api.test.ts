// Python through the API and a real grader: every problem's Python form is offered by GraphQL, a reference
// solution is ACCEPTED, its starter code and its known-wrong solutions are not; sample tests return what the
// code printed, hidden tests never do; a Python perf ratio is measured against the Python reference.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { kernels, problems, pythonForms } from "../../src/problems/registry.ts";
import type { RunningGrader } from "../../workers/grader/run.ts";
import { OUTPUT_CUT_NOTE } from "../../workers/sandbox/printed-output.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { RUN_SAMPLES, SUBMIT, type SubmissionView, startTestGrader, waitForVerdict } from "../helpers/grading.ts";
import { describePython } from "./fixtures.ts";

const PROBLEM = /* GraphQL */ `
  query Problem($slug: String!) {
    question(slug: $slug) {
      codingProblem {
        languages
        signature
        python: signature(language: PYTHON)
        starterCode(language: PYTHON)
        allowed(language: PYTHON)
        samples { input }
        pythonSamples: samples(language: PYTHON) { input }
      }
    }
  }
`;

let t: TestApi;
let grader: RunningGrader;
let token: string;
const slugs = new Map<string, string>();

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000", SUBMIT_RATE_LIMIT_PER_MINUTE: "100000" });
  grader = await startTestGrader(t);
  token = (await signUpUser(t)).token;
  for (const id of kernels.keys()) slugs.set(id, await createCodingQuestion(t.db, id, { timeLimitMs: 5000 }));
}, 120_000);

afterAll(async () => {
  await grader?.close();
  await t?.close();
});

async function submitAndWait(slug: string, code: string, mutation = SUBMIT): Promise<SubmissionView> {
  const submitted = await t.gql<Record<string, { id: string }>>(
    mutation,
    { input: { slug, language: "PYTHON", code } },
    token,
  );
  expect(submitted.errors).toBeUndefined();
  const id = Object.values(submitted.data ?? {})[0]?.id ?? "";
  return waitForVerdict(t, id, token, 60_000);
}

function firstFailure(view: SubmissionView): string {
  const failed = view.tests.find((test) => test.status !== "PASSED" && test.status !== "SKIPPED");
  return `${view.verdict} ${view.compileError?.message ?? ""} ${failed ? `${failed.name}: ${failed.message}` : ""}`;
}

describePython("Python submissions through the API and a real grader", () => {
  it("every problem has a Python form, and GraphQL offers it beside the TypeScript one", async () => {
    expect([...pythonForms.keys()].sort()).toEqual([...kernels.keys()].sort());
    const matmul = await t.gql<{
      question: { codingProblem: Record<string, unknown> };
    }>(PROBLEM, { slug: slugs.get("matmul") });
    expect(matmul.errors).toBeUndefined();
    const problem = matmul.data?.question.codingProblem;
    expect(problem?.languages).toEqual(["TYPESCRIPT", "JAVASCRIPT", "PYTHON"]);
    expect(problem?.signature).toMatch(/^function matmul\(/);
    expect(problem?.python).toBe("def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray");
    expect(problem?.starterCode).toContain("def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:");
    expect(problem?.allowed).toMatch(/@ operator/);
    // The first sample as each language's function takes it: flat buffers and sizes, or two 2-D arrays.
    const [typescriptSample] = (problem?.samples ?? []) as { input: unknown }[];
    const [pythonSample] = (problem?.pythonSamples ?? []) as { input: unknown }[];
    expect(typescriptSample.input).toEqual([[1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12], 2, 3, 2]);
    expect(pythonSample.input).toEqual([
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
      [
        [7, 8],
        [9, 10],
        [11, 12],
      ],
    ]);
    const samples = await submitAndWait(
      slugs.get("matmul") ?? "",
      pythonForms.get("matmul")?.starterCode ?? "",
      RUN_SAMPLES,
    );
    expect(samples.tests[0].input).toEqual(pythonSample.input);
  });

  // Every problem's Python reference, starter and known-wrong solutions are graded through the Python runtime by
  // the problem gates (test/problems/gates.test.ts); here one problem goes through the API and a grader.
  it("accepts a problem's Python reference and rejects its starter code and its known-wrong solutions", async () => {
    const form = pythonForms.get("matmul");
    const slug = slugs.get("matmul") ?? "";
    const reference = await submitAndWait(slug, form?.solutionCode ?? "");
    expect(firstFailure(reference)).toMatch(/^ACCEPTED/);
    const starter = await submitAndWait(slug, form?.starterCode ?? "");
    expect(starter.verdict).toBe("WRONG_ANSWER");
    for (const wrong of problems.get("matmul")?.wrongSolutions.python ?? []) {
      const verdict = await submitAndWait(slug, wrong.code);
      expect(`${wrong.why} → ${verdict.verdict}`).not.toMatch(/→ (ACCEPTED|INTERNAL_ERROR)$/);
    }
  }, 120_000);

  it("gives an accepted Python submission a perf ratio, calibrated with the Python reference", async () => {
    const form = pythonForms.get("matmul");
    const verdict = await submitAndWait(slugs.get("matmul") ?? "", form?.solutionCode ?? "");
    expect(verdict.verdict).toBe("ACCEPTED");
    // A busy machine may withhold a ratio it cannot measure stably; then the submission says why.
    if (verdict.perfRatio === null) expect(verdict.perfNote).toEqual(expect.any(String));
    else expect(verdict.perfRatio).toBeGreaterThan(0);
    const python = grader.runtimes.forLanguage("PYTHON");
    const matmul = kernels.get("matmul");
    if (!python || !matmul) throw new Error("no Python runtime or no matmul kernel");
    // What the ratio divides by: the Python reference timed in the Python sandbox, not the TypeScript kernel.
    expect(python.referenceSource(matmul, "PYTHON")).toEqual({ code: form?.solutionCode, language: "PYTHON" });
  }, 120_000);

  it("refuses forbidden names with a COMPILE_ERROR naming the call", async () => {
    const code = "import numpy as np\n\ndef matmul(a, b):\n    return np.matmul(a, b)\n";
    const verdict = await submitAndWait(slugs.get("matmul") ?? "", code);
    expect(verdict.verdict).toBe("COMPILE_ERROR");
    expect(verdict.compileError).toMatchObject({ line: 4, message: expect.stringMatching(/matmul is not allowed/) });
  });

  it("returns printed output on sample tests only, cut at 8 KiB with a note", async () => {
    const form = pythonForms.get("softmax");
    const printing = `${form?.solutionCode}\n_original = softmax\n\ndef softmax(x):\n    print("rows", x.shape[0])\n    return _original(x)\n`;
    const samples = await submitAndWait(slugs.get("softmax") ?? "", printing, RUN_SAMPLES);
    expect(samples.verdict).toBe("ACCEPTED");
    expect(samples.tests.map((test) => test.output)).toEqual(["rows 2\n", "rows 2\n"]);
    const full = await submitAndWait(slugs.get("softmax") ?? "", printing);
    expect(full.verdict).toBe("ACCEPTED");
    for (const test of full.tests) expect(test.output).toBe(test.kind === "sample" ? "rows 2\n" : null);

    const flood = `${form?.solutionCode}\n_original = softmax\n\ndef softmax(x):\n    print("x" * 100_000)\n    return _original(x)\n`;
    const cut = await submitAndWait(slugs.get("softmax") ?? "", flood, RUN_SAMPLES);
    expect(cut.verdict).toBe("ACCEPTED");
    const output = cut.tests[0].output ?? "";
    expect(Buffer.byteLength(output)).toBeLessThanOrEqual(8192 + 200);
    expect(output).toMatch(/x{1000}/);
    expect(output).toMatch(/cut|more/i);
  }, 120_000);
});

describe("TypeScript printed output through the API and a real grader", () => {
  it("returns console.log output on sample tests only, cut at 8 KiB with a note", async () => {
    const softmax = kernels.get("softmax")?.solutionCode ?? "";
    const printing = softmax.replace(
      "return x.map((row) => {",
      'console.log("rows", x.length, [1.5], new Float64Array([2]));\n  return x.map((row) => {',
    );
    expect(printing).not.toBe(softmax);
    const submit = async (code: string, mutation: string) => {
      const submitted = await t.gql<Record<string, { id: string }>>(
        mutation,
        { input: { slug: slugs.get("softmax"), language: "TYPESCRIPT", code } },
        token,
      );
      expect(submitted.errors).toBeUndefined();
      return waitForVerdict(t, Object.values(submitted.data ?? {})[0]?.id ?? "", token, 60_000);
    };
    const samples = await submit(printing, RUN_SAMPLES);
    expect(samples.verdict).toBe("ACCEPTED");
    expect(samples.warnings).toEqual([]);
    expect(samples.tests.map((test) => test.output)).toEqual(["rows 2 [1.5] [2]\n", "rows 2 [1.5] [2]\n"]);
    const full = await submit(printing, SUBMIT);
    expect(full.verdict).toBe("ACCEPTED");
    for (const test of full.tests) expect(test.output).toBe(test.kind === "sample" ? "rows 2 [1.5] [2]\n" : null);

    const flood = softmax.replace(
      "return x.map((row) => {",
      'console.log("é".repeat(20_000));\n  return x.map((row) => {',
    );
    const cut = await submit(flood, RUN_SAMPLES);
    const output = cut.tests[0].output ?? "";
    expect(output.endsWith(OUTPUT_CUT_NOTE)).toBe(true);
    expect(Buffer.byteLength(output.slice(0, -OUTPUT_CUT_NOTE.length))).toBeLessThanOrEqual(8192);
    expect(output.startsWith("éé")).toBe(true);
  }, 120_000);
});
