import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { gradeSubmission } from "../../workers/judge/grade.ts";
import { createRuntimeRegistry } from "../../workers/judge/registry.ts";
import type { OutcomeFrame, Runtime } from "../../workers/runtimes/runtime.ts";
import type { ExecutorPool } from "../../workers/sandbox/pool.ts";
import { TEST_HIDDEN_TEST_SECRET } from "../helpers/hidden-tests.ts";
import { inProcessRuntime, LIMITS, runtimeFor, SUM_ARRAY_SOLUTION, startPool, sumArrayKernel } from "./fixtures.ts";

let pool: ExecutorPool;

beforeAll(async () => {
  pool = await startPool();
});

afterAll(async () => {
  await pool.close();
});

const gradeWith = (runtime: Runtime, code: string) =>
  gradeSubmission(
    {
      code,
      language: "JAVASCRIPT",
      kernel: sumArrayKernel,
      seed: 7,
      hiddenTestSecret: TEST_HIDDEN_TEST_SECRET,
      mode: "FULL",
      ...LIMITS,
    },
    runtime,
  );

describe("the runtime seam", () => {
  it("grades through any runtime: verdicts, hidden-test messages and warnings come from the judge", async () => {
    const runtime = inProcessRuntime({
      right: (values) => (values as Float64Array).reduce((sum, value) => sum + value, 0),
      throwsOnLong: (values) => {
        if ((values as Float64Array).length > 5) throw new Error(`secret ${String(values)}`);
        return (values as Float64Array).reduce((sum, value) => sum + value, 0);
      },
    });
    const accepted = await gradeWith(runtime, "right");
    expect(accepted.verdict).toBe("ACCEPTED");
    expect(accepted.warnings).toEqual(["prepared in process", "checked late"]);

    const failed = await gradeWith(runtime, "throwsOnLong");
    expect(failed.verdict).toBe("RUNTIME_ERROR");
    const hidden = failed.tests.find((test) => test.status === "RUNTIME_ERROR");
    expect(hidden?.kind).toBe("hidden");
    // A learner's message on a hidden test is reduced to the kind of failure and the test's number.
    expect(hidden?.message).toBe("runtime error on hidden test 1");

    const compileError = await gradeWith(runtime, "missing");
    expect(compileError).toMatchObject({ verdict: "COMPILE_ERROR", compileError: { line: 1, column: 1 } });
  });

  it("picks one runtime per language and refuses two for the same one", () => {
    const isolate = runtimeFor(pool);
    const registry = createRuntimeRegistry([isolate]);
    expect(registry.forLanguage("TYPESCRIPT")).toBe(isolate);
    expect(registry.forLanguage("JAVASCRIPT")).toBe(isolate);
    expect(createRuntimeRegistry([]).forLanguage("TYPESCRIPT")).toBeUndefined();
    expect(() => createRuntimeRegistry([isolate, inProcessRuntime({})])).toThrow(/two runtimes serve JAVASCRIPT/);
  });
});

describe("the isolate runtime", () => {
  it("reports a compile error with its position", async () => {
    const prepared = await runtimeFor(pool).prepare(
      { code: "function sum_array(values) {\n  return values +;\n}", language: "JAVASCRIPT" },
      { functionName: "sum_array", kernelId: "sum_array" },
    );
    expect(prepared.ok).toBe(false);
    if (!prepared.ok) expect(prepared.error).toMatchObject({ line: 2, column: expect.any(Number) });
  });

  it("streams one frame per test in order, stops when told, and marks its own messages", async () => {
    const prepared = await runtimeFor(pool).prepare(
      {
        code: `function sum_array(values) {
          if (values.length === 2) throw new RangeError("two");
          if (values.length === 3) for (;;) {}
          return values.length;
        }`,
        language: "JAVASCRIPT",
      },
      { functionName: "sum_array", kernelId: "sum_array" },
    );
    if (!prepared.ok) throw new Error(prepared.error.message);
    const tests = [[[1]], [[1, 2]], [[1, 2, 3]], [[1, 2, 3, 4]]].map((args) => ({ args }));
    const seen: [number, OutcomeFrame["status"]][] = [];
    const run = await prepared.program.run(tests, LIMITS, (index, outcome) => {
      seen.push([index, outcome.status]);
      return index < 2;
    });
    expect(seen).toEqual([
      [0, "OK"],
      [1, "RUNTIME_ERROR"],
      [2, "TIME_LIMIT_EXCEEDED"],
    ]);
    expect(run.outcomes.map((outcome) => outcome.status)).toEqual(["OK", "RUNTIME_ERROR", "TIME_LIMIT_EXCEEDED"]);
    expect(run.outcomes[1]).toMatchObject({ origin: "learner", message: "RangeError: two" });
    expect(run.outcomes[2]).toMatchObject({ origin: "sandbox" });
  });

  it("grades the kernel's own solution as accepted", async () => {
    const result = await gradeSubmission(
      {
        code: SUM_ARRAY_SOLUTION,
        language: "TYPESCRIPT",
        kernel: sumArrayKernel,
        seed: 7,
        hiddenTestSecret: TEST_HIDDEN_TEST_SECRET,
        mode: "SAMPLES",
        ...LIMITS,
      },
      runtimeFor(pool),
    );
    expect(result.verdict).toBe("ACCEPTED");
  });
});
