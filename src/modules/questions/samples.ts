import type { CodingProblem } from "../../generated/prisma/client.ts";
import type { Language } from "../../generated/prisma/enums.ts";
import { plannedTestCounts, type StoredTestPlan, sampleTests, toJsonSafe } from "../../kernels/problem-tests.ts";
import type { AnyKernelSpec, TestCounts } from "../../kernels/types.ts";
import { getKernel, pythonArguments, pythonResult } from "../../problems/registry.ts";

export type SampleTest = { name: string; input: unknown; expected: unknown };

function kernelOf(problem: CodingProblem): AnyKernelSpec {
  const kernel = getKernel(problem.kernelId);
  if (!kernel) throw new Error(`Coding problem ${problem.id} names unknown kernel ${problem.kernelId}`);
  return kernel;
}

export function testCountsOf(problem: CodingProblem): TestCounts {
  return plannedTestCounts(kernelOf(problem), problem.testPlan as StoredTestPlan);
}

// Samples as JSON are a pure function of (kernel, seed, counts): cache them per problem version.
const sampleCache = new Map<string, SampleTest[]>();
const SAMPLE_CACHE_LIMIT = 500;

/**
 * The samples as the function in `language` takes and returns them (Python: numpy arrays as nested lists, 2-D
 * where the kernel is flat, result dicts with snake_case keys).
 */
export function sampleTestsOf(problem: CodingProblem, language: Language = "TYPESCRIPT"): SampleTest[] {
  const key = `${problem.id}:${problem.updatedAt.getTime()}:${language}`;
  const cached = sampleCache.get(key);
  if (cached) return cached;
  const samples = sampleTests(kernelOf(problem), problem.testPlan as StoredTestPlan);
  const python = language === "PYTHON";
  const shown = samples.tests.map((test, index) => ({
    name: test.name,
    input: toJsonSafe((python && pythonArguments(problem.kernelId, test.args)) || test.args),
    expected: toJsonSafe(
      python ? pythonResult(problem.kernelId, samples.expected[index], test.args) : samples.expected[index],
    ),
  }));
  if (sampleCache.size >= SAMPLE_CACHE_LIMIT) sampleCache.clear();
  sampleCache.set(key, shown);
  return shown;
}
