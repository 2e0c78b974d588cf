// The coding problems, by id: built from the problem folders (src/problems/all.ts lists them), so adding a
// problem is adding a folder. The id is the folder's name, the question's slug and the kernel's id.

import type { ProblemPackage } from "../kernels/problem-package.ts";
import { nested } from "../kernels/python/adapter.ts";
import type { PythonForm } from "../kernels/python/form.ts";
import type { AnyKernelSpec } from "../kernels/types.ts";
import type { WrongSolution } from "../kernels/wrong-solutions.ts";
import { allProblems } from "./all.ts";

export const problems: ReadonlyMap<string, ProblemPackage> = new Map(allProblems.map((p) => [p.id, p]));

export const kernels: ReadonlyMap<string, AnyKernelSpec> = new Map(allProblems.map((p) => [p.id, p.kernel]));

export function getKernel(id: string): AnyKernelSpec | undefined {
  return kernels.get(id);
}

export const pythonForms: ReadonlyMap<string, PythonForm> = new Map(allProblems.map((p) => [p.id, p.python]));

export function pythonFormOf(kernelId: string): PythonForm | undefined {
  return pythonForms.get(kernelId);
}

/**
 * A test's kernel arguments as the Python function receives them, as plain data (arrays nested): what a
 * Python learner is shown as a sample's input. Undefined when the kernel has no Python form.
 */
export function pythonArguments(kernelId: string, kernelArgs: readonly unknown[]): unknown[] | undefined {
  const form = pythonForms.get(kernelId);
  if (!form) return undefined;
  const args = form.adapter ? form.adapter.args(kernelArgs) : [...kernelArgs];
  return args.map(nested);
}

/** The languages a problem's known wrong solutions are written in (one list each, in the folder's wrong.ts). */
export type SolutionLanguage = keyof ProblemPackage["wrongSolutions"];

/**
 * A kernel result as the Python function returns it, as plain data (arrays nested, the learner's key names): what
 * a Python learner is shown as a sample's expected output. Undefined when the kernel has no Python form.
 */
export function pythonResult(kernelId: string, result: unknown, kernelArgs: readonly unknown[]): unknown {
  const form = pythonForms.get(kernelId);
  if (!form) return undefined;
  return form.adapter?.present ? form.adapter.present(result, kernelArgs) : nested(result);
}

/**
 * Known wrong solutions of `language` by kernel id. The problem gates grade each one through the language's
 * real runtime with the production test plan and fail if any is accepted.
 */
export function wrongSolutionsOf(language: SolutionLanguage): ReadonlyMap<string, readonly WrongSolution[]> {
  return new Map(allProblems.map((p) => [p.id, p.wrongSolutions[language]]));
}

export type { PythonForm } from "../kernels/python/form.ts";
export type { WrongSolution } from "../kernels/wrong-solutions.ts";
