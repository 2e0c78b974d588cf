import type { CodingProblem } from "../../generated/prisma/client.ts";
import { generateTests, getKernel, type TestCounts } from "../../kernels/index.ts";

export type TestPlan = { seed: number; counts?: Partial<TestCounts> };

export type SampleTest = { name: string; input: unknown; expected: unknown };

/** Typed arrays become plain arrays so samples serialise as JSON. */
export function toPlainData(value: unknown): unknown {
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return Array.from(value as Float64Array);
  if (Array.isArray(value)) return value.map(toPlainData);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toPlainData(inner)]));
  }
  return value;
}

export function testCountsOf(problem: CodingProblem): TestCounts {
  const kernel = getKernel(problem.kernelId);
  if (!kernel) throw new Error(`Coding problem ${problem.id} names unknown kernel ${problem.kernelId}`);
  const plan = problem.testPlan as TestPlan;
  return { ...kernel.testCounts, ...plan.counts };
}

// Samples are a pure function of (kernel, seed, counts): cache them per problem version.
const sampleCache = new Map<string, SampleTest[]>();
const SAMPLE_CACHE_LIMIT = 500;

export function sampleTestsOf(problem: CodingProblem): SampleTest[] {
  const key = `${problem.id}:${problem.updatedAt.getTime()}`;
  const cached = sampleCache.get(key);
  if (cached) return cached;
  const kernel = getKernel(problem.kernelId);
  if (!kernel) throw new Error(`Coding problem ${problem.id} names unknown kernel ${problem.kernelId}`);
  const counts = testCountsOf(problem);
  const samples = generateTests(kernel, (problem.testPlan as TestPlan).seed, {
    ...counts,
    hidden: 0,
    performance: 0,
  }).map((test) => ({
    name: test.name,
    input: toPlainData(test.args),
    expected: toPlainData(kernel.reference(...test.args)),
  }));
  if (sampleCache.size >= SAMPLE_CACHE_LIMIT) sampleCache.clear();
  sampleCache.set(key, samples);
  return samples;
}
