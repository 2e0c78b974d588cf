import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { loadCodingProblems } from "../../seed/load-content.ts";
import type { ResolvedCoding } from "../../src/modules/content/derive.ts";
import { kernels, wrongSolutionsOf } from "../../src/problems/registry.ts";
import { ExecutorPool } from "../../workers/sandbox/pool.ts";
import { gradeKnownSolutions, type KnownSolutionVerdict } from "../helpers/known-solutions.ts";

const wrongSolutionsByKernel = wrongSolutionsOf("typescript");
const CONTENT = fileURLToPath(new URL("../../seed/content", import.meta.url));
const MIN_PER_KERNEL = 4;

let problems: ResolvedCoding[];
let pool: ExecutorPool;

beforeAll(async () => {
  problems = await loadCodingProblems();
  pool = await ExecutorPool.start({ size: 1 });
});

afterAll(async () => {
  await pool.close();
});

describe("the registry of known wrong solutions", () => {
  it(`lists at least ${MIN_PER_KERNEL} for every registered kernel, and none for an unknown one`, () => {
    const short = [...kernels.keys()].filter((id) => (wrongSolutionsByKernel.get(id)?.length ?? 0) < MIN_PER_KERNEL);
    expect(short).toEqual([]);
    expect([...wrongSolutionsByKernel.keys()].filter((id) => !kernels.has(id))).toEqual([]);
  });

  it("holds complete learner code that defines the function, each with its own reason", () => {
    for (const [id, solutions] of wrongSolutionsByKernel) {
      const kernel = kernels.get(id);
      if (!kernel) throw new Error(`no kernel ${id}`);
      for (const { why, code } of solutions) {
        expect(why.trim().length).toBeGreaterThan(10);
        expect(code).toContain(`function ${kernel.functionName}(`);
        expect(code).not.toMatch(/^\s*(import|export)\b/m);
        expect(code).not.toBe(kernel.solutionCode);
      }
      expect(new Set(solutions.map((s) => s.why)).size).toBe(solutions.length);
      expect(new Set(solutions.map((s) => s.code)).size).toBe(solutions.length);
    }
  });

  it("covers every shipped coding problem", () => {
    expect(problems.map((p) => p.kernelId).sort()).toEqual([...kernels.keys()].sort());
  });
});

describe("grading with the production test plans", () => {
  // One executor process and one grading at a time, as a grader with concurrency 1 would run them.
  let verdicts: KnownSolutionVerdict[];
  beforeAll(async () => {
    verdicts = await gradeKnownSolutions(pool, problems, { reference: true });
  }, 600_000);

  it("accepts every kernel's reference solution", () => {
    const references = verdicts.filter((v) => v.why === null);
    expect(references.length).toBe(kernels.size);
    expect(references.filter((v) => v.verdict !== "ACCEPTED")).toEqual([]);
  });

  it("rejects every known wrong solution", () => {
    const wrong = verdicts.filter((v) => v.why !== null);
    expect(wrong.length).toBe([...wrongSolutionsByKernel.values()].reduce((sum, list) => sum + list.length, 0));
    expect(wrong.filter((v) => v.verdict === "ACCEPTED").map((v) => `${v.kernelId}: ${v.why}`)).toEqual([]);
  });
});
