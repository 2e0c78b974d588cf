// Shared by the Python runtime suites: whether Debian's python3 with numpy is here (CI installs both, so
// CI never skips), a runtime to test against, and an ordinary matmul submission with its expected result.
import { spawnSync } from "node:child_process";
import { describe, expect } from "@jest/globals";
import { DEFAULT_PYTHON } from "../../workers/runtimes/python/install.ts";
import type { OutcomeFrame, ProgramRun, PythonProblem, RunLimits } from "../../workers/runtimes/python/interface.ts";
import { PythonRuntime, type PythonRuntimeOptions } from "../../workers/runtimes/python/runtime.ts";
import { NdArray } from "../../workers/runtimes/python/values.ts";

function missingPython(): string | null {
  const probe = spawnSync(DEFAULT_PYTHON, ["-I", "-c", "import numpy"], { encoding: "utf8", env: {} });
  if (probe.error) return `${DEFAULT_PYTHON} is not installed (apt-get install python3 python3-numpy)`;
  if (probe.status !== 0) return `numpy is not importable by ${DEFAULT_PYTHON} (apt-get install python3-numpy)`;
  return null;
}

const skipReason = missingPython();
if (skipReason) console.log(`Python runtime suites skipped: ${skipReason}`);

/** `describe`, or `describe.skip` with the printed reason when python3/numpy are missing. */
export const describePython = skipReason ? describe.skip : describe;

export function startRuntime(options: PythonRuntimeOptions = {}): Promise<PythonRuntime> {
  return PythonRuntime.start({ size: 1, deadlineMarginMs: 700, maxOutputBytes: 1024 * 1024, ...options });
}

export const MATMUL: PythonProblem = {
  functionName: "matmul",
  forbiddenNames: ["matmul", "dot", "einsum", "linalg", "tensordot", "inner"],
  argKinds: ["ndarray2d", "ndarray2d"],
};

export const LIMITS: RunLimits = { timeLimitMs: 1000, memoryLimitMb: 64 };

/** Broadcasting, no forbidden name: what a learner is meant to write. */
export const MATMUL_SOLUTION = `import numpy as np

def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return (a[:, :, None] * b[None, :, :]).sum(axis=1)
`;

export const A = new NdArray([2, 3], Float64Array.from([1, 2, 3, 4, 5, 6]));
export const B = new NdArray([3, 2], Float64Array.from([7, 8, 9, 10, 11, 12]));
export const A_TIMES_B = [58, 64, 139, 154];

/** Prepares and runs `code` on one (A, B) test; throws when it does not compile. */
export async function runMatmul(
  runtime: PythonRuntime,
  code: string,
  limits: RunLimits = LIMITS,
  problem: PythonProblem = MATMUL,
): Promise<ProgramRun> {
  const prepared = await runtime.prepare({ code, language: "PYTHON" }, problem);
  if (!prepared.ok) throw new Error(`did not compile: ${prepared.error.message}`);
  return prepared.program.run([{ args: [A, B] }], limits);
}

export function expectProduct(outcome: OutcomeFrame | undefined): void {
  expect(outcome?.status).toBe("OK");
  const value = (outcome as { value: unknown }).value;
  expect(value).toBeInstanceOf(NdArray);
  expect((value as NdArray).shape).toEqual([2, 2]);
  expect([...(value as NdArray).data]).toEqual(A_TIMES_B);
}

/** The outcome that decided a one-test run: the setup failure, or the test's outcome. */
export function decisive(run: ProgramRun): OutcomeFrame | undefined {
  return run.setup.status === "OK" ? run.outcomes[0] : run.setup;
}
