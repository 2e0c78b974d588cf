// What one coding problem's folder (src/problems/<id>/) exports from its index.ts: everything the platform
// knows of the problem in code. Its statement and teaching content sit beside it in problem.yaml.
import type { PythonForm } from "./python/form.ts";
import type { AnyKernelSpec } from "./types.ts";
import type { WrongSolution } from "./wrong-solutions.ts";

export type ProblemPackage = {
  /** The folder's name: the question's slug, the kernel's id and the registry's key, all one. */
  id: string;
  /** The reference kernel: generator, reference, checker, TypeScript signature, starter and solution. */
  kernel: AnyKernelSpec;
  /** The problem in Python: signature, argument kinds and adapter, starter and solution, forbidden names. */
  python: PythonForm;
  /**
   * Known wrong solutions of each language (the folder's wrong.ts), each an edit of that language's reference
   * with a one-line reason: every one must be rejected by the problem's own tests through the real runtime.
   */
  wrongSolutions: { typescript: readonly WrongSolution[]; python: readonly WrongSolution[] };
  /**
   * Where the problem ranks by speed (performance tests): the method its editorial calls naive, as a correct
   * TypeScript learner solution (the folder's naive.ts). check-problem shows it is measurably slower than the
   * reference on the performance test, so the test separates the two methods.
   */
  naive?: WrongSolution;
  /**
   * Hash of the first three and last three tests generated for the suite's fixed seed and the tests'
   * hidden-test secret: a change to the generator shows up as a changed hash in review.
   */
  pinnedTestHash: string;
  /**
   * The Chinese of every comment line in the TypeScript and Python starter code, keyed by its English text (after
   * `//` or `#`): a Chinese-speaking learner's starter reads in Chinese (src/kernels/starter-comments.ts).
   */
  starterCommentsZh?: Readonly<Record<string, string>>;
  /** The Chinese of the Python form's `allowed` (what a Python solution may use), said the same way. */
  allowedZh: string;
};
