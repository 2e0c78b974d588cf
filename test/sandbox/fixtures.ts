// Test-only kernels (independent of the real suite) and helpers shared by the sandbox tests.

import type { Rng } from "../../src/kernels/rng.ts";
import type { KernelSpec, TestKind } from "../../src/kernels/types.ts";
import { type GradeInput, type GradeResult, gradeSubmission } from "../../workers/judge/grade.ts";
import { createIsolateRuntime } from "../../workers/runtimes/isolate/runtime.ts";
import type { TypeChecker } from "../../workers/runtimes/isolate/type-check/checker.ts";
import type { OutcomeFrame, Runtime } from "../../workers/runtimes/runtime.ts";
import { ExecutorPool, type ExecutorPoolOptions } from "../../workers/sandbox/pool.ts";
import { TEST_HIDDEN_TEST_SECRET } from "../helpers/hidden-tests.ts";

function sizeFor(kind: TestKind, index: number): number {
  if (kind === "sample") return 3 + index;
  if (kind === "hidden") return 10 + 7 * index;
  return 200_000;
}

function randomVector(length: number, rng: Rng): Float64Array {
  const values = new Float64Array(length);
  for (let i = 0; i < length; i++) values[i] = rng.float(-10, 10);
  return values;
}

export const sumArrayKernel: KernelSpec<[values: Float64Array], number> = {
  id: "sum_array",
  functionName: "sum_array",
  signature: "function sum_array(values: Float64Array): number",
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 3, performance: 2 },
  reference(values) {
    let total = 0;
    for (let i = 0; i < values.length; i++) total += values[i];
    return total;
  },
  generate(kind, index, rng) {
    return [randomVector(sizeFor(kind, index), rng)];
  },
  starterCode: "function sum_array(values: Float64Array): number {\n  return 0;\n}\n",
  solutionCode:
    "function sum_array(values: Float64Array): number {\n  let total = 0;\n  for (let i = 0; i < values.length; i++) total += values[i];\n  return total;\n}\n",
};

export const scaleVectorKernel: KernelSpec<[values: Float64Array, factor: number], Float64Array> = {
  id: "scale_vector",
  functionName: "scale_vector",
  signature: "function scale_vector(values: Float64Array, factor: number): Float64Array",
  tolerance: { atol: 1e-12, rtol: 1e-12 },
  testCounts: { sample: 2, hidden: 2, performance: 0 },
  reference(values, factor) {
    return values.map((value) => value * factor);
  },
  generate(kind, index, rng) {
    return [randomVector(sizeFor(kind, index), rng), rng.float(-3, 3)];
  },
  starterCode: "function scale_vector(values: Float64Array, factor: number): Float64Array {\n  return values;\n}\n",
  solutionCode:
    "function scale_vector(values: Float64Array, factor: number): Float64Array {\n  return values.map((v) => v * factor);\n}\n",
};

export const SUM_ARRAY_SOLUTION = sumArrayKernel.solutionCode;

/** Small limits keep the suite fast; every sandbox test uses these unless it says otherwise. */
export const LIMITS = { timeLimitMs: 400, memoryLimitMb: 64 };

export function startPool(options: ExecutorPoolOptions = {}): Promise<ExecutorPool> {
  return ExecutorPool.start({ size: 1, deadlineMarginMs: 1500, ...options });
}

const runtimes = new WeakMap<ExecutorPool, Map<TypeChecker | undefined, Runtime>>();

/** One isolate runtime per pool and type checker, as in a grader (reference timings are kept per runtime). */
export function runtimeFor(pool: ExecutorPool, typeChecker?: TypeChecker): Runtime {
  let byChecker = runtimes.get(pool);
  if (!byChecker) {
    byChecker = new Map();
    runtimes.set(pool, byChecker);
  }
  let runtime = byChecker.get(typeChecker);
  if (!runtime) {
    runtime = createIsolateRuntime({ pool, typeChecker });
    byChecker.set(typeChecker, runtime);
  }
  return runtime;
}

export function grade(
  pool: ExecutorPool,
  code: string,
  overrides: Partial<GradeInput> = {},
  typeChecker?: TypeChecker,
): Promise<GradeResult> {
  return gradeSubmission(
    {
      code,
      language: "TYPESCRIPT",
      kernel: sumArrayKernel,
      seed: 7,
      hiddenTestSecret: TEST_HIDDEN_TEST_SECRET,
      mode: "FULL",
      ...LIMITS,
      ...overrides,
    },
    runtimeFor(pool, typeChecker),
  );
}

/** How an in-process "program" times a test run `runs` times: every timed run, in order. */
export type InProcessTimer = (program: string, runs: number) => number[];

/** Every timed run takes 1 ms: a perfectly steady timing. */
const STEADY: InProcessTimer = (_program, runs) => Array(runs - 1).fill(1);

/**
 * A second runtime as the judge sees it: "programs" are the names of in-process functions, so a language
 * that is not a V8 isolate plugs in through the interface alone. `timer` decides the timed runs it reports
 * (undefined: it reports none, as a runtime that cannot tell); `reference` names its reference program.
 */
export function inProcessRuntime(
  functions: Record<string, (...args: unknown[]) => unknown>,
  options: { timer?: InProcessTimer | undefined; reference?: string } = { timer: STEADY },
): Runtime {
  const { timer, reference } = options;
  return {
    languages: ["JAVASCRIPT"],
    async prepare(source) {
      const body = functions[source.code];
      if (!body)
        return { ok: false, error: { message: `no function ${source.code}`, line: 1, column: 1 }, warnings: [] };
      return {
        ok: true,
        warnings: ["prepared in process"],
        program: {
          async run(tests, _limits, onOutcome) {
            const outcomes: OutcomeFrame[] = [];
            for (const [index, test] of tests.entries()) {
              let frame: OutcomeFrame;
              try {
                const value = body(...structuredClone(test.args));
                const runs = test.runs ?? 1;
                const timedRunsMs = runs > 1 && timer ? timer(source.code, runs) : undefined;
                frame = { status: "OK", value, runtimeMs: timedRunsMs ? Math.min(...timedRunsMs) : 1 };
                if (timedRunsMs) {
                  frame.timedRunsMs = timedRunsMs;
                  // Each timed run answers its own inputs, as a sandboxed runtime's does.
                  frame.timedRunValues = timedRunsMs.map((_, timed) =>
                    body(...structuredClone(test.argsOfRun?.(timed + 1) ?? test.args)),
                  );
                }
              } catch (error) {
                frame = { status: "RUNTIME_ERROR", message: String(error), origin: "learner" };
              }
              outcomes.push(frame);
              if (onOutcome && !onOutcome(index, frame)) break;
            }
            return { setup: { status: "OK" }, outcomes };
          },
          lateWarnings: async () => ["checked late"],
        },
      };
    },
    referenceSource: () => (reference ? { code: reference, language: "JAVASCRIPT" } : null),
    describe: () => ({ kind: "in-process" }),
    close: async () => undefined,
  };
}
