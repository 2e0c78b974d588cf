import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { measureSandboxOverhead } from "../../bench/sandbox-overhead.ts";
import { getKernel } from "../../src/problems/registry.ts";
import type { ExecutorPool } from "../../workers/sandbox/pool.ts";
import { grade, LIMITS, SUM_ARRAY_SOLUTION, scaleVectorKernel, startPool } from "./fixtures.ts";

let pool: ExecutorPool;

beforeAll(async () => {
  pool = await startPool({ size: 2 });
});

afterAll(async () => {
  await pool.close();
});

describe("gradeSubmission", () => {
  it("accepts a correct solution, times every test and reports a perf ratio", async () => {
    const result = await grade(pool, SUM_ARRAY_SOLUTION);
    expect(result.verdict).toBe("ACCEPTED");
    expect(result.tests.map((test) => test.status)).toEqual(Array(7).fill("PASSED"));
    expect(result.tests.map((test) => test.kind)).toEqual([
      "sample",
      "sample",
      "hidden",
      "hidden",
      "hidden",
      "performance",
      "performance",
    ]);
    expect(result.runtimeMs).toBeGreaterThan(0);
    // A ratio, or (on a machine too busy to time fairly) none and the reason: perf-ratio.test.ts.
    expect(result.perfRatio === null ? result.perfNote : result.perfRatio).toBeTruthy();
    expect(result.compileError).toBeNull();
  });

  it("reports the memory the isolate held after its heaviest test", async () => {
    const light = await grade(pool, SUM_ARRAY_SOLUTION);
    const keepsBuffer = `const kept: Float64Array[] = [];
function sum_array(v: Float64Array): number {
  if (kept.length === 0) kept.push(new Float64Array(3_000_000)); // 24 MB held until the isolate goes
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}`;
    const heavy = await grade(pool, keepsBuffer);
    expect(heavy.verdict).toBe("ACCEPTED");
    expect(light.memoryMb).toBeGreaterThan(0);
    // The buffer alone is 22.9 MiB; the committed heap beside it varies with when V8 collects garbage.
    expect(heavy.memoryMb).toBeGreaterThan(Math.max(light.memoryMb ?? 0, (3_000_000 * 8) / 2 ** 20));
    const compileError = await grade(pool, "function sum_array(");
    expect(compileError.memoryMb).toBeNull();
  });

  it("shows input, expected, got and runtime on sample tests only", async () => {
    const result = await grade(pool, SUM_ARRAY_SOLUTION);
    const [sample] = result.tests;
    expect(Array.isArray(sample.input)).toBe(true);
    expect(typeof sample.expected).toBe("number");
    expect(sample.got).toBe(sample.expected);
    expect(sample.runtimeMs).toBeGreaterThanOrEqual(0);
    for (const hidden of result.tests.filter((test) => test.kind !== "sample")) {
      expect(Object.keys(hidden).sort()).toEqual(["kind", "name", "status"]);
    }
  });

  it("reports no per-test time on hidden tests, so busy-waiting cannot spell out their inputs", async () => {
    // Correct, but on every hidden and performance test it spins for a time set by the input's first value.
    const timingCoded = `let calls = 0;
function sum_array(v: Float64Array): number {
  if (++calls > 2) { const until = Date.now() + 5 * (v[0] + 10); while (Date.now() < until) {} }
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s;
}`;
    const result = await grade(pool, timingCoded, { timeLimitMs: 2000 });
    expect(result.verdict).toBe("ACCEPTED");
    expect(result.runtimeMs).toBeGreaterThan(0);
    expect(result.tests.filter((test) => test.runtimeMs !== undefined).map((test) => test.kind)).toEqual([
      "sample",
      "sample",
    ]);
  });

  it("stops a FULL run at the first failing test and skips the rest", async () => {
    // Right on short inputs, wrong on the longer hidden ones.
    const code =
      "function sum_array(v: Float64Array) { let s = 0; for (let i = 0; i < Math.min(v.length, 12); i++) s += v[i]; return s; }";
    const result = await grade(pool, code);
    expect(result.verdict).toBe("WRONG_ANSWER");
    expect(result.tests.map((test) => test.status)).toEqual([
      "PASSED",
      "PASSED",
      "PASSED",
      "FAILED",
      "SKIPPED",
      "SKIPPED",
      "SKIPPED",
    ]);
    expect(result.tests[3].message).toBe("wrong answer on hidden test 2");
    expect(result.perfRatio).toBeNull();
  });

  it("runs and reports every sample test in SAMPLES mode, with the checker's message", async () => {
    const result = await grade(
      pool,
      "function sum_array(v: Float64Array) { return v.length === 3 ? 0 : v.reduce((a, b) => a + b, 0); }",
      {
        mode: "SAMPLES",
      },
    );
    expect(result.verdict).toBe("WRONG_ANSWER");
    expect(result.tests.map((test) => test.status)).toEqual(["FAILED", "PASSED"]);
    expect(result.tests[0].message).toMatch(/got 0, want/);
    expect(result.tests[0].got).toBe(0);
    expect(result.perfRatio).toBeNull();
  });

  it("gives TIME_LIMIT_EXCEEDED to a solution that is too slow", async () => {
    const code = `function sum_array(v: Float64Array) { let s = 0; for (let r = 0; r < 1e9; r++) s += v[r % v.length] * 0; return ${"v.reduce((a, b) => a + b, 0)"} + s; }`;
    const result = await grade(pool, code);
    expect(result.verdict).toBe("TIME_LIMIT_EXCEEDED");
    expect(result.tests[0]).toMatchObject({
      status: "TIME_LIMIT_EXCEEDED",
      message: `time limit of ${LIMITS.timeLimitMs} ms exceeded`,
    });
    expect(result.tests.slice(1).every((test) => test.status === "SKIPPED")).toBe(true);
  });

  it("gives RUNTIME_ERROR to a crashing solution, with its message on a sample test", async () => {
    const result = await grade(pool, "function sum_array(v: Float64Array): number { return (v as any).nope.length; }");
    expect(result.verdict).toBe("RUNTIME_ERROR");
    expect(result.tests[0].message).toMatch(/^TypeError: Cannot read properties of undefined/);
  });

  /** All a learner sees of a runtime error on the first hidden test, whatever its code threw. */
  const FIRST_HIDDEN_RUNTIME_ERROR = {
    name: "hidden-1",
    kind: "hidden",
    status: "RUNTIME_ERROR",
    message: "runtime error on hidden test 1",
  };

  it("hides a runtime error's message on hidden tests (it could carry hidden inputs)", async () => {
    const code =
      "function sum_array(v: Float64Array): number { if (v.length > 5) throw new TypeError(Array.from(v).join(',')); return v.reduce((a, b) => a + b, 0); }";
    const result = await grade(pool, code);
    expect(result.verdict).toBe("RUNTIME_ERROR");
    expect(result.tests[2]).toEqual(FIRST_HIDDEN_RUNTIME_ERROR);
  });

  // Text that the old grader recognised as the sandbox's own, and showed on hidden tests.
  const sandboxLikeNames = [
    "time limit",
    "memory limit",
    "output too large",
    "the result contains",
    "the executor process",
    "the function did not finish",
  ];
  it.each(sandboxLikeNames)("shows no learner text on a hidden test when it throws the name %p", async (name) => {
    const code = `function sum_array(v) {
  if (v.length > 5) throw { name: ${JSON.stringify(name)}, message: "LEAK" + JSON.stringify(Array.from(arguments[0])) };
  return v.reduce((a, b) => a + b, 0);
}`;
    const result = await grade(pool, code, { language: "JAVASCRIPT" });
    expect(result.verdict).toBe("RUNTIME_ERROR");
    expect(result.tests[2]).toEqual(FIRST_HIDDEN_RUNTIME_ERROR);
    expect(JSON.stringify(result)).not.toContain("LEAK");
    // A sample keeps its full feedback: the same throw there shows the learner's text.
    const onSamples = await grade(pool, code.replace("v.length > 5", "true"), { language: "JAVASCRIPT" });
    expect(onSamples.tests[0].message).toMatch(new RegExp(`^${name}: LEAK\\[`));
  });

  it("keeps the sandbox's own message on a hidden test, with the test's number", async () => {
    const result = await grade(
      pool,
      "function sum_array(v: Float64Array): number { if (v.length > 5) for (;;) {} return v.reduce((a, b) => a + b, 0); }",
    );
    expect(result.tests[2]).toEqual({
      name: "hidden-1",
      kind: "hidden",
      status: "TIME_LIMIT_EXCEEDED",
      message: `time limit of ${LIMITS.timeLimitMs} ms exceeded on hidden test 1`,
    });
  });

  it("gives COMPILE_ERROR with line and column to code that does not parse", async () => {
    const result = await grade(pool, "function sum_array(v) {\n  return v.reduce((a, b) => a + b, 0;\n}");
    expect(result.verdict).toBe("COMPILE_ERROR");
    expect(result.compileError).toMatchObject({ line: 2, column: expect.any(Number) });
    expect(result.tests).toEqual([]);
    expect(result.runtimeMs).toBeNull();
  });

  it("reports a missing function as a compile error naming the functions found, a throwing top level as a runtime error", async () => {
    const missing = await grade(
      pool,
      "function total(v: Float64Array) { return 0; }\nconst mean = (v: Float64Array) => 0;",
    );
    expect(missing.verdict).toBe("COMPILE_ERROR");
    expect(missing.compileError?.message).toBe(
      "the solution must define a function named sum_array (it defines: total, mean)",
    );
    expect(missing.tests).toEqual([]);
    // Named but not a function: only loading the script can tell.
    const notFunction = await grade(pool, "const sum_array = 3;");
    expect(notFunction.verdict).toBe("RUNTIME_ERROR");
    expect(notFunction.tests[0].message).toBe("the solution does not define a function named sum_array");
    expect(notFunction.tests.slice(1).every((test) => test.status === "SKIPPED")).toBe(true);
    const topLevel = await grade(pool, "throw new Error('at load');\nfunction sum_array() { return 0; }");
    expect(topLevel.verdict).toBe("RUNTIME_ERROR");
    expect(topLevel.tests[0].message).toMatch(/at load/);
  });

  it("accepts exported functions, const arrow functions, async functions and JavaScript", async () => {
    const variants: [string, "TYPESCRIPT" | "JAVASCRIPT"][] = [
      ["export function sum_array(v: Float64Array): number { return v.reduce((a, b) => a + b, 0); }", "TYPESCRIPT"],
      ["export default function (v: Float64Array): number { return v.reduce((a, b) => a + b, 0); }", "TYPESCRIPT"],
      ["const sum_array = (v: Float64Array): number => v.reduce((a, b) => a + b, 0);", "TYPESCRIPT"],
      ["async function sum_array(v) { await null; return v.reduce((a, b) => a + b, 0); }", "JAVASCRIPT"],
    ];
    for (const [code, language] of variants) {
      const result = await grade(pool, code, { language });
      expect({ code, verdict: result.verdict }).toEqual({ code, verdict: "ACCEPTED" });
    }
  });

  it("compares typed-array results and ignores a learner mutating its inputs", async () => {
    const result = await grade(
      pool,
      "function scale_vector(v: Float64Array, f: number) { for (let i = 0; i < v.length; i++) v[i] *= f; return v; }",
      {
        kernel: scaleVectorKernel,
      },
    );
    expect(result.verdict).toBe("ACCEPTED");
    const wrong = await grade(
      pool,
      "function scale_vector(v: Float64Array, f: number) { return Array.from(v, (x) => x * f + 1e-6); }",
      {
        kernel: scaleVectorKernel,
      },
    );
    expect(wrong.verdict).toBe("WRONG_ANSWER");
  });

  it("grades a real kernel of the suite with its own reference solution", async () => {
    const matmul = getKernel("matmul");
    if (!matmul) throw new Error("matmul is not registered");
    const result = await grade(pool, matmul.solutionCode, { kernel: matmul, timeLimitMs: 2000, memoryLimitMb: 128 });
    expect(result.verdict).toBe("ACCEPTED");
    const wrong = await grade(pool, matmul.starterCode, { kernel: matmul, timeLimitMs: 2000, memoryLimitMb: 128 });
    expect(wrong.verdict).not.toBe("ACCEPTED");
  });

  it("returns INTERNAL_ERROR when the trusted reference itself fails, and validates its input", async () => {
    const broken = {
      ...scaleVectorKernel,
      reference: () => {
        throw new Error("bug in reference");
      },
    };
    const result = await grade(pool, scaleVectorKernel.solutionCode, { kernel: broken });
    expect(result.verdict).toBe("INTERNAL_ERROR");
    expect(result.warnings.join(" ")).toMatch(/bug in reference/);
    await expect(grade(pool, SUM_ARRAY_SOLUTION, { timeLimitMs: 0 })).rejects.toThrow(/timeLimitMs/);
  });
});

describe("measureSandboxOverhead", () => {
  it("reports positive medians for transpile, a fresh isolate, a spare one and a call", async () => {
    const overhead = await measureSandboxOverhead({ runs: 5, pool });
    expect(overhead.runs).toBe(5);
    expect(overhead.transpileMs).toBeGreaterThan(0);
    expect(overhead.freshIsolateMs).toBeGreaterThan(0);
    expect(overhead.spareIsolateMs).toBeGreaterThan(0);
    expect(overhead.callMs).toBeGreaterThanOrEqual(0);
    expect(overhead.layers.isolate).toBe(true);
  });
});
