// Shared by the Python runtime suites: whether Debian's python3 with numpy is here (CI installs both, so
// CI never skips), a runtime to test against, and an ordinary matmul submission with its expected result.
import { spawnSync } from "node:child_process";
import { describe, expect } from "@jest/globals";
import { matmulBlocked } from "../../src/problems/matmul/kernel.ts";
import { matmulPython } from "../../src/problems/matmul/python.ts";
import { DEFAULT_PYTHON } from "../../workers/runtimes/python/install.ts";
import type {
  CompileError,
  OutcomeFrame,
  ProgramRun,
  PythonProblem,
  RunLimits,
} from "../../workers/runtimes/python/interface.ts";
import { PythonRuntime, type PythonRuntimeOptions } from "../../workers/runtimes/python/runtime.ts";
import { compileErrorOf } from "../helpers/compile-error.ts";

function missingPython(): string | null {
  const probe = spawnSync(DEFAULT_PYTHON, ["-I", "-c", "import numpy"], { encoding: "utf8", env: {} });
  if (probe.error) return `${DEFAULT_PYTHON} is not installed (apt-get install python3 python3-numpy)`;
  if (probe.status !== 0) return `numpy is not importable by ${DEFAULT_PYTHON} (apt-get install python3-numpy)`;
  return null;
}

const skipReason = missingPython();
/** CI installs python3 and python3-numpy: there a missing interpreter fails the suites instead of skipping them. */
const required = process.env.CI === "true" || process.env.SANDBOX_REQUIRE_BWRAP === "true";

/**
 * `describe`, or, where python3/numpy are missing and not required, `describe.skip` with the reason in the
 * suite's name and on the console (never a silent pass).
 */
export function describePython(name: string, body: () => void): void {
  if (!skipReason || required) {
    describe(name, body);
    return;
  }
  console.warn(`skipping "${name}": ${skipReason}`);
  describe.skip(`${name} [skipped: ${skipReason}]`, body);
}

export function startRuntime(options: PythonRuntimeOptions = {}): Promise<PythonRuntime> {
  return PythonRuntime.start({ size: 1, deadlineMarginMs: 700, maxOutputBytes: 1024 * 1024, ...options });
}

/** The matmul problem as the Python runtime sees it: its declared Python form (kernel arguments ⇄ two 2-D arrays). */
export const MATMUL: PythonProblem = {
  functionName: matmulPython.functionName,
  forbiddenNames: matmulPython.forbiddenNames,
  argKinds: matmulPython.argKinds,
  adapter: matmulPython.adapter,
};

export const LIMITS: RunLimits = { timeLimitMs: 1000, memoryLimitMb: 64 };

/** Broadcasting, no forbidden name: what a learner is meant to write. */
export const MATMUL_SOLUTION = `import numpy as np

def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a[:, :, None] * b[None, :, :]).sum(axis=1)
`;

/** A 2×3 times a 3×2, in the kernel's form. */
export const MATMUL_ARGS = [Float64Array.from([1, 2, 3, 4, 5, 6]), Float64Array.from([7, 8, 9, 10, 11, 12]), 2, 3, 2];
export const A_TIMES_B = [...matmulBlocked(...(MATMUL_ARGS as [Float64Array, Float64Array, number, number, number]))];

/** Prepares and runs `code` on one (A, B) test; throws when it does not compile. */
export async function runMatmul(
  runtime: PythonRuntime,
  code: string,
  limits: RunLimits = LIMITS,
  problem: PythonProblem = MATMUL,
): Promise<ProgramRun> {
  const prepared = await runtime.prepare({ code, language: "PYTHON" }, problem);
  if (!prepared.ok) throw new Error(`did not compile: ${prepared.error.message}`);
  const run = await prepared.program.run([{ args: MATMUL_ARGS }], limits);
  if (run.setup.status === "COMPILE_ERROR") throw new Error(`did not compile: ${run.setup.error.message}`);
  return run;
}

/** The compile error of `code` for the matmul problem (reported by the child that would run it), or null. */
export async function matmulCompileError(
  runtime: PythonRuntime,
  code: string,
  problem: PythonProblem = MATMUL,
): Promise<CompileError | null> {
  return compileErrorOf(await runtime.prepare({ code, language: "PYTHON" }, problem), [{ args: MATMUL_ARGS }], LIMITS);
}

/** OK with the reference kernel's product, in the kernel's form (a flat Float64Array). */
export function expectProduct(outcome: OutcomeFrame | undefined): void {
  expect(outcome?.status).toBe("OK");
  const value = (outcome as { value: unknown }).value;
  expect(value).toBeInstanceOf(Float64Array);
  expect([...(value as Float64Array)]).toEqual(A_TIMES_B);
}

/** The outcome that decided a one-test run: the setup failure, or the test's outcome. */
export function decisive(run: ProgramRun): OutcomeFrame | undefined {
  if (run.setup.status === "COMPILE_ERROR") throw new Error(`did not compile: ${run.setup.error.message}`);
  return run.setup.status === "OK" ? run.outcomes[0] : run.setup;
}
