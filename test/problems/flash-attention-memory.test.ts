// flash-attention-forward rests on one property the generic gates do not name: at the performance size the n × n
// score matrix does not fit the problem's memory limit in either runtime, while the tiled reference does. The
// gates only see the full-matrix solutions rejected; this holds the reason (MEMORY_LIMIT_EXCEEDED on the
// performance test) and that every smaller test passes them, so the limit, not a wrong value, is what rejects them.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { CONTENT_DIR, loadQuestionFile, loadTopics, PROBLEMS_DIR } from "../../seed/load-content.ts";
import type { ProblemPackage } from "../../src/kernels/problem-package.ts";
import { plannedTestCounts } from "../../src/kernels/problem-tests.ts";
import type { ResolvedCoding } from "../../src/modules/content/derive.ts";
import { naive } from "../../src/problems/flash-attention-forward/naive.ts";
import { problems } from "../../src/problems/registry.ts";
import { gradeSubmission } from "../../workers/judge/grade.ts";
import type { Runtime } from "../../workers/runtimes/runtime.ts";
import { TEST_HIDDEN_TEST_SECRET } from "../helpers/hidden-tests.ts";
import { type GateRuntimes, startGateRuntimes } from "./gates.ts";

const SLUG = "flash-attention-forward";
const problem = ((): ProblemPackage => {
  const registered = problems.get(SLUG);
  if (!registered) throw new Error(`${SLUG} is not registered`);
  return registered;
})();
const fullMatrixPython = problem.wrongSolutions.python.find((wrong) => wrong.why.startsWith("the whole (n, n)"));

let runtimes: GateRuntimes;
let coding: ResolvedCoding;

beforeAll(async () => {
  const topics = await loadTopics(CONTENT_DIR);
  if (!topics.ok) throw new Error(topics.reason);
  const file = await loadQuestionFile(
    join(PROBLEMS_DIR, SLUG, "problem.yaml"),
    new Set(topics.topics.map((t) => t.slug)),
  );
  if (!file.ok || !file.prepared.coding) throw new Error(`${SLUG}/problem.yaml does not load`);
  coding = file.prepared.coding;
  runtimes = await startGateRuntimes();
}, 120_000);

afterAll(async () => {
  await runtimes?.close();
});

async function grade(code: string, language: "TYPESCRIPT" | "PYTHON", runtime: Runtime) {
  return gradeSubmission(
    {
      code,
      language,
      kernel: problem.kernel,
      seed: coding.testPlan.seed,
      hiddenTestSecret: TEST_HIDDEN_TEST_SECRET,
      testCounts: plannedTestCounts(problem.kernel, coding.testPlan),
      mode: "FULL",
      timeLimitMs: coding.timeLimitMs,
      memoryLimitMb: coding.memoryLimitMb,
    },
    runtime,
  );
}

describe("flash-attention-forward's memory limit", () => {
  it("is below the 2048 × 2048 float64 score matrix (32 MiB) of the performance test", () => {
    expect(coding.memoryLimitMb * 1024 * 1024).toBeLessThan(2048 * 2048 * 8);
    expect(plannedTestCounts(problem.kernel, coding.testPlan).performance).toBeGreaterThan(0);
  });

  it.each(["TYPESCRIPT", "PYTHON"] as const)(
    "%s: the full-matrix solution passes every smaller test and exceeds the memory limit on the performance test; the tiled reference is accepted",
    async (language) => {
      const runtime = language === "TYPESCRIPT" ? runtimes.typescript : runtimes.python;
      if (!runtime) {
        console.warn(`skipped: ${runtimes.pythonMissing}`);
        return;
      }
      const fullMatrix = language === "TYPESCRIPT" ? naive.code : fullMatrixPython?.code;
      expect(fullMatrix).toBeDefined();
      const result = await grade(fullMatrix ?? "", language, runtime);
      expect(result.verdict).toBe("MEMORY_LIMIT_EXCEEDED");
      for (const test of result.tests) {
        expect(test.status).toBe(test.kind === "performance" ? "MEMORY_LIMIT_EXCEEDED" : "PASSED");
      }
      const reference = language === "TYPESCRIPT" ? problem.kernel.solutionCode : problem.python.solutionCode;
      expect((await grade(reference, language, runtime)).verdict).toBe("ACCEPTED");
    },
    300_000,
  );
});
