/**
 * A plausible but wrong solution of a problem, in learner form (TypeScript or Python), that the problem's tests
 * must reject.
 */
export type WrongSolution = {
  /** One line: the mistake, and where it shows (e.g. "missing max shift: exp overflows for logits ≥ 710"). */
  why: string;
  /** Complete, self-contained learner code as a learner would submit it (TypeScript: no imports). */
  code: string;
};

/**
 * The kernel's solution with each `[find, replace]` edit applied. Every `find` must occur exactly once: a later
 * change to the solution then fails loudly here instead of silently turning a wrong solution into a copy of the
 * right one.
 */
export function editSolution(
  solutionCode: string,
  edits: readonly (readonly [find: string, replace: string])[],
): string {
  let code = solutionCode;
  for (const [find, replace] of edits) {
    const first = code.indexOf(find);
    if (first === -1) throw new Error(`wrong solution edit: ${JSON.stringify(find)} is not in the code`);
    if (code.indexOf(find, first + 1) !== -1) {
      throw new Error(`wrong solution edit: ${JSON.stringify(find)} occurs more than once`);
    }
    code = code.slice(0, first) + replace + code.slice(first + find.length);
  }
  return code;
}

/** A wrong solution made from the kernel's own solution by small edits (the mistake is exactly the diff). */
export function edited(
  solutionCode: string,
  why: string,
  edits: readonly (readonly [find: string, replace: string])[],
): WrongSolution {
  return { why, code: editSolution(solutionCode, edits) };
}
