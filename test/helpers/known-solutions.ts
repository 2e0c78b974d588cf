import type { ResolvedCoding } from "../../src/modules/content/derive.ts";
import { getKernel, wrongSolutionsOf } from "../../src/problems/registry.ts";
import { gradeSubmission, type Verdict } from "../../workers/judge/grade.ts";
import { createIsolateRuntime } from "../../workers/runtimes/isolate/runtime.ts";
import type { ExecutorPool } from "../../workers/sandbox/pool.ts";
import { productionGradeInput } from "./grading.ts";

const wrongSolutionsByKernel = wrongSolutionsOf("typescript");
export type KnownSolutionVerdict = {
  kernelId: string;
  /** The wrong solution's one-line reason; null for the kernel's reference solution. */
  why: string | null;
  verdict: Verdict;
  /** The first test that did not pass, with its message. */
  failure: string | null;
};

/**
 * Grades every known wrong solution of each problem (and, with `reference`, the kernel's own solution) one at a
 * time through `pool`, exactly as the grader would for a FULL submission, on the problem's test plan or on `seed`.
 */
export async function gradeKnownSolutions(
  pool: ExecutorPool,
  problems: readonly ResolvedCoding[],
  options: { seed?: number; reference: boolean },
): Promise<KnownSolutionVerdict[]> {
  const verdicts: KnownSolutionVerdict[] = [];
  const runtime = createIsolateRuntime({ pool });
  for (const coding of problems) {
    const kernel = getKernel(coding.kernelId);
    if (!kernel) throw new Error(`kernel ${coding.kernelId} is not registered`);
    const submissions = [
      ...(options.reference ? [{ why: null, code: kernel.solutionCode }] : []),
      ...(wrongSolutionsByKernel.get(coding.kernelId) ?? []),
    ];
    for (const { why, code } of submissions) {
      const result = await gradeSubmission(productionGradeInput(coding, code, options.seed), runtime);
      const failed = result.tests.find((test) => test.status !== "PASSED" && test.status !== "SKIPPED");
      verdicts.push({
        kernelId: coding.kernelId,
        why,
        verdict: result.verdict,
        failure: failed ? `${failed.name}: ${failed.status} ${failed.message ?? ""}`.trim() : null,
      });
    }
  }
  return verdicts;
}
