import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { getKernel, pythonFormOf } from "../../src/problems/registry.ts";
import { gradeSubmission } from "../../workers/judge/grade.ts";
import { createIsolateRuntime } from "../../workers/runtimes/isolate/runtime.ts";
import { createPythonJudgeRuntime } from "../../workers/runtimes/python/judge-runtime.ts";
import type {
  FailureFrame,
  OutcomeFrame,
  ProblemInterface,
  Program,
  ProgramRun,
  RunLimits,
  Runtime,
  SourceCode,
} from "../../workers/runtimes/runtime.ts";
import { compileErrorOf } from "../helpers/compile-error.ts";
import { TEST_HIDDEN_TEST_SECRET } from "../helpers/hidden-tests.ts";
import { describePython, startRuntime as startPythonRuntime } from "../python/fixtures.ts";
import { startPool } from "../sandbox/fixtures.ts";

// One conformance suite that every runtime must pass (as BullMQ runs one adapter suite over its backends): the same
// cases, through the one runtime contract (workers/runtimes/runtime.ts), over the isolate runtime (TypeScript) and
// the Python runtime. A case is written once per language as the learner would write it; what is checked is the
// contract's promise: verdict frames, who wrote a message, limits, printed output, setup failures, stopping early
// (the judge stops a hidden run at its first failure), and that a run never sees an earlier run's state.

/** softmax(x: number[][]): a real problem with a Python form, so each runtime prepares it as it would in grading. */
const PROBLEM: ProblemInterface = { functionName: "softmax", kernelId: "softmax" };
const LIMITS: RunLimits = { timeLimitMs: 400, memoryLimitMb: 64 };
/** A value that no message of the sandbox may repeat (its messages carry no test data). */
const SECRET_INPUT = [[[1234.5678, 8765.4321]]];

type Case =
  | "identity"
  | "syntaxError"
  | "infiniteLoop"
  | "throws"
  | "allocatesForever"
  | "prints"
  | "throwsAtLoad"
  | "countsCalls";

/**
 * Matmul programs that probe a performance test's runs (graded by the judge, each language's own reference
 * solution renamed inside): `memoryProbe` fails if any call gets inputs an earlier call had (a program could
 * answer such a run from memory, untimed work), `wrongOnce` answers the second 256³ call wrongly (a timed run).
 */
type RunProbes = { memoryProbe: string; wrongOnce: string };

type Dialect = { name: string; language: SourceCode["language"]; sources: Record<Case, string>; probes: RunProbes };

const matmul = getKernel("matmul");
const matmulPython = pythonFormOf("matmul");
if (!matmul || !matmulPython) throw new Error("matmul is not registered");
const MATMUL_TS = matmul.solutionCode.replace("function matmul(", "function matmulOnce(");
const MATMUL_PY = matmulPython.solutionCode.replace("def matmul(", "def matmul_once(");

const TYPESCRIPT: Dialect = {
  name: "isolate (TypeScript)",
  language: "TYPESCRIPT",
  sources: {
    identity: "export function softmax(x: number[][]): number[][] { return x; }",
    syntaxError: "export function softmax(x: number[][]): number[][] {\n  return x +;\n}",
    infiniteLoop: "export function softmax(x: number[][]): number[][] { while (true) {} }",
    throws: 'export function softmax(x: number[][]): number[][] { throw new Error("boom from the learner"); }',
    allocatesForever:
      "export function softmax(x: number[][]): number[][] {\n  const kept: ArrayBuffer[] = [];\n  while (true) kept.push(new ArrayBuffer(16 * 1024 * 1024));\n}",
    prints: 'export function softmax(x: number[][]): number[][] { console.log("hello from the learner"); return x; }',
    throwsAtLoad: 'throw new Error("boom at load");\nexport function softmax(x: number[][]): number[][] { return x; }',
    countsCalls: "let calls = 0;\nexport function softmax(x: number[][]): number[][] { calls += 1; return [[calls]]; }",
  },
  probes: {
    memoryProbe: `${MATMUL_TS}
const seen = new Set<string>();
function matmul(a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const key = \`\${n},\${k},\${m}:\${a.join()}|\${b.join()}\`;
  if (seen.has(key)) throw new Error("these inputs came before");
  seen.add(key);
  return matmulOnce(a, b, n, k, m);
}
`,
    wrongOnce: `${MATMUL_TS}
let largeCalls = 0;
function matmul(a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const c = matmulOnce(a, b, n, k, m);
  if (n >= 256 && ++largeCalls === 2) c[0] += 1;
  return c;
}
`,
  },
};

const PYTHON: Dialect = {
  name: "python (CPython + numpy)",
  language: "PYTHON",
  sources: {
    identity: "import numpy as np\n\ndef softmax(x):\n    return x\n",
    syntaxError: "import numpy as np\n\ndef softmax(x):\n    return x +\n",
    infiniteLoop: "def softmax(x):\n    while True:\n        pass\n",
    throws: 'def softmax(x):\n    raise ValueError("boom from the learner")\n',
    allocatesForever: "import numpy as np\n\ndef softmax(x):\n    return np.ones((20000, 20000))\n",
    prints: 'def softmax(x):\n    print("hello from the learner")\n    return x\n',
    throwsAtLoad: 'raise RuntimeError("boom at load")\n\ndef softmax(x):\n    return x\n',
    countsCalls:
      "import numpy as np\n\ncalls = 0\n\ndef softmax(x):\n    global calls\n    calls += 1\n    return np.array([[float(calls)]])\n",
  },
  probes: {
    memoryProbe: `${MATMUL_PY}

seen = set()


def matmul(a, b):
    key = (a.shape, b.shape, a.tobytes(), b.tobytes())
    if key in seen:
        raise RuntimeError("these inputs came before")
    seen.add(key)
    return matmul_once(a, b)
`,
    wrongOnce: `${MATMUL_PY}

large_calls = [0]


def matmul(a, b):
    c = matmul_once(a, b)
    if a.shape[0] >= 256:
        large_calls[0] += 1
        if large_calls[0] == 2:
            c[0, 0] += 1
    return c
`,
  },
};

function failure(frame: OutcomeFrame | ProgramRun["setup"] | undefined): FailureFrame {
  if (!frame || frame.status === "OK" || frame.status === "COMPILE_ERROR")
    throw new Error(`expected a failure, got ${JSON.stringify(frame)}`);
  return frame;
}

function conformance(dialect: Dialect, start: () => Promise<Runtime>): void {
  let runtime: Runtime;
  beforeAll(async () => {
    runtime = await start();
  }, 120_000);
  afterAll(async () => {
    await runtime?.close();
  });

  async function program(kind: Case): Promise<Program> {
    const prepared = await runtime.prepare({ code: dialect.sources[kind], language: dialect.language }, PROBLEM);
    if (!prepared.ok) throw new Error(`${kind} did not prepare: ${prepared.error.message}`);
    return prepared.program;
  }

  it("serves its language", () => {
    expect(runtime.languages).toContain(dialect.language);
    expect(runtime.describe()).toEqual(expect.any(Object));
  });

  it("runs a correct program: one OK frame per test, in order, with the value in kernel form", async () => {
    const run = await (await program("identity")).run([{ args: [[[1, 2]]] }, { args: [[[3], [4]]] }], LIMITS);
    expect(run.setup).toEqual({ status: "OK" });
    expect(run.outcomes.map((outcome) => outcome.status)).toEqual(["OK", "OK"]);
    expect(run.outcomes.map((outcome) => (outcome.status === "OK" ? outcome.value : null))).toEqual([
      [[1, 2]],
      [[3], [4]],
    ]);
    for (const outcome of run.outcomes) expect(outcome.runtimeMs).toBeGreaterThanOrEqual(0);
  });

  it("reports a syntax error as a compile error with its line (from prepare or the first run), never by throwing", async () => {
    const prepared = await runtime.prepare({ code: dialect.sources.syntaxError, language: dialect.language }, PROBLEM);
    const error = await compileErrorOf(prepared, [{ args: SECRET_INPUT }], LIMITS);
    expect(error?.line).toEqual(expect.any(Number));
    expect(error?.message.length).toBeGreaterThan(0);
  });

  it("stops a call at its time limit: TIME_LIMIT_EXCEEDED in the sandbox's own words, with no test data", async () => {
    const run = await (await program("infiniteLoop")).run([{ args: SECRET_INPUT }], LIMITS);
    const frame = failure(run.outcomes[0]);
    expect({ status: frame.status, origin: frame.origin }).toEqual({
      status: "TIME_LIMIT_EXCEEDED",
      origin: "sandbox",
    });
    expect(frame.message).not.toMatch(/1234|8765/);
  }, 30_000);

  it("stops a program at its memory limit: MEMORY_LIMIT_EXCEEDED from the sandbox", async () => {
    // A generous time limit: reaching the memory limit must not race the clock on a loaded machine.
    const run = await (await program("allocatesForever")).run([{ args: [[[1]]] }], { ...LIMITS, timeLimitMs: 4000 });
    const frame = failure(run.outcomes[0] ?? run.setup);
    expect({ status: frame.status, origin: frame.origin }).toEqual({
      status: "MEMORY_LIMIT_EXCEEDED",
      origin: "sandbox",
    });
  }, 30_000);

  it("reports the learner's exception as a RUNTIME_ERROR the learner wrote", async () => {
    const run = await (await program("throws")).run([{ args: [[[1]]] }], LIMITS);
    const frame = failure(run.outcomes[0]);
    expect({ status: frame.status, origin: frame.origin }).toEqual({ status: "RUNTIME_ERROR", origin: "learner" });
    expect(frame.message).toContain("boom from the learner");
  });

  it("returns printed output only when asked to capture it", async () => {
    const prints = await program("prints");
    const captured = await prints.run([{ args: [[[1]]] }], { ...LIMITS, captureOutput: true });
    expect(captured.outcomes[0]?.output?.text).toContain("hello from the learner");
    const silent = await prints.run([{ args: [[[1]]] }], LIMITS);
    expect(silent.outcomes[0]?.status).toBe("OK");
    expect(silent.outcomes[0]?.output).toBeUndefined();
  });

  it("reports a crash of the top-level code as the setup failure, and runs no test", async () => {
    const run = await (await program("throwsAtLoad")).run([{ args: [[[1]]] }, { args: [[[2]]] }], LIMITS);
    expect(failure(run.setup).status).toBe("RUNTIME_ERROR");
    expect(run.outcomes).toEqual([]);
  });

  it("stops the run when onOutcome says so: the remaining tests get no frame", async () => {
    const seen: number[] = [];
    const tests = [{ args: [[[1]]] }, { args: [[[2]]] }, { args: [[[3]]] }];
    const run = await (await program("throws")).run(tests, LIMITS, (index) => {
      seen.push(index);
      return false;
    });
    expect(seen).toEqual([0]);
    expect(run.outcomes).toHaveLength(1);
  });

  it("keeps state between the tests of one run, never between runs (a fresh sandbox per run)", async () => {
    const counts = await program("countsCalls");
    const values = async () =>
      (await counts.run([{ args: [[[1]]] }, { args: [[[1]]] }], LIMITS)).outcomes.map((outcome) =>
        outcome.status === "OK" ? outcome.value : outcome.status,
      );
    const first = await values();
    expect(first).toEqual([[[1]], [[2]]]);
    // Several runs in a row (the processes may be recycled between them): each starts from the top again.
    for (let run = 0; run < 3; run++) expect(await values()).toEqual(first);
  });

  it("times a test run several times on the trusted side: runtimeMs is the fastest timed run", async () => {
    const run = await (await program("identity")).run([{ args: [[[1, 2]]], runs: 3 }], LIMITS);
    const outcome = run.outcomes[0];
    if (outcome?.status !== "OK") throw new Error(`expected OK, got ${JSON.stringify(outcome)}`);
    expect(outcome.timedRunsMs?.length).toBeGreaterThan(0);
    expect(outcome.runtimeMs).toBe(Math.min(...(outcome.timedRunsMs ?? [])));
  });

  it("gives each run of a repeated test its own inputs when the run starts, and reports every timed run's answer", async () => {
    const asked: number[] = [];
    const test = {
      args: [[[1, 2]]],
      runs: 4,
      argsOfRun: (run: number) => {
        asked.push(run);
        return [[[10 * run, 1]]];
      },
    };
    const run = await (await program("identity")).run([test], LIMITS);
    const outcome = run.outcomes[0];
    if (outcome?.status !== "OK") throw new Error(`expected OK, got ${JSON.stringify(outcome)}`);
    const timed = outcome.timedRunsMs?.length ?? 0;
    expect(timed).toBeGreaterThan(0);
    // The first run answers `args`; timed run t answers run t + 1's inputs. Each run's inputs are asked for once,
    // in order (a runtime may ask for a few runs ahead, to hand its sandbox's trusted side the first runs in one
    // go: the isolate runtime's executor gets the warm-up's and the next three's).
    expect(outcome.value).toEqual([[1, 2]]);
    const runs = Array.from({ length: timed }, (_, index) => index + 1);
    expect(asked).toEqual(Array.from({ length: asked.length }, (_, index) => index + 1));
    expect(asked.length).toBeGreaterThanOrEqual(timed);
    expect(outcome.timedRunValues).toEqual(runs.map((number) => [[10 * number, 1]]));
  });

  describe("a performance test graded by the judge (matmul, 256³)", () => {
    const grade = (code: string) =>
      gradeSubmission(
        {
          code,
          language: dialect.language,
          kernel: matmul as NonNullable<typeof matmul>,
          seed: 1,
          hiddenTestSecret: TEST_HIDDEN_TEST_SECRET,
          mode: "FULL",
          timeLimitMs: 5000,
          memoryLimitMb: 256,
          testCounts: { sample: 1, hidden: 2, performance: 1 },
        },
        runtime,
      );

    it("never hands a run inputs an earlier call had: no timed run can be answered from memory", async () => {
      const result = await grade(dialect.probes.memoryProbe);
      expect(result.tests.map((test) => `${test.kind}: ${test.status}`)).toEqual([
        "sample: PASSED",
        "hidden: PASSED",
        "hidden: PASSED",
        "performance: PASSED",
      ]);
      expect(result.verdict).toBe("ACCEPTED");
    }, 60_000);

    it("checks every timed run's answer: one wrong timed run fails the test", async () => {
      const result = await grade(dialect.probes.wrongOnce);
      expect(result.verdict).toBe("WRONG_ANSWER");
      expect(result.tests.at(-1)).toMatchObject({ kind: "performance", status: "FAILED" });
      expect(result.tests.at(-1)?.message).toBe("wrong answer on performance test 1");
      expect(result.perfRatio).toBeNull();
    }, 60_000);
  });

  it("names a reference program for the problem in a language it serves", () => {
    const reference = runtime.referenceSource(
      { id: PROBLEM.kernelId, solutionCode: TYPESCRIPT.sources.identity } as Parameters<Runtime["referenceSource"]>[0],
      dialect.language,
    );
    expect(reference && runtime.languages).toContain(reference?.language);
  });
}

describe(`runtime conformance: ${TYPESCRIPT.name}`, () => {
  conformance(TYPESCRIPT, async () => createIsolateRuntime({ pool: await startPool() }));
});

describePython(`runtime conformance: ${PYTHON.name}`, () => {
  conformance(PYTHON, async () => createPythonJudgeRuntime(await startPythonRuntime()));
});
