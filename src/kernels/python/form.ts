// A problem in Python: how a learner sees it (snake_case function, numpy arrays in and out, starter code, what
// is allowed) and how the grader reaches it (argument kinds, kernel form ⇄ Python form, forbidden names). One
// declaration per kernel in this folder, beside the kernel itself; the expected outputs still come from the
// TypeScript reference kernel.
import type { PythonAdapter } from "./adapter.ts";
import type { ArgKind } from "./arg-kinds.ts";

export type PythonForm = {
  /** The kernel this form belongs to. */
  kernelId: string;
  /** The function the learner's module defines (snake_case). */
  functionName: string;
  /** The signature shown to the learner, e.g. `def matmul(a: np.ndarray, b: np.ndarray) -> np.ndarray`. */
  signature: string;
  /** How each argument reaches the learner (see arg-kinds.ts). */
  argKinds: readonly ArgKind[];
  /** Kernel form ⇄ Python form; omitted: arguments as their kinds say, results as nested plain data. */
  adapter?: PythonAdapter;
  /** Names the learner may not use: refused in the source and absent from numpy at run time. */
  forbiddenNames: readonly string[];
  /** Shown with the statement: what the learner may use (and what not). */
  allowed: string;
  /** Compiles, has the right signature, is not a solution. */
  starterCode: string;
  /** A correct solution in learner form: graded as ACCEPTED, and timed to calibrate Python perf ratios. */
  solutionCode: string;
};

/** numpy is allowed whole: the note most problems show. */
export const NUMPY_ALLOWED = "Python 3 with numpy (`import numpy as np`); the standard library's math module too.";
