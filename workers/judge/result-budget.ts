// How large a learner's result may be, from the expected output the trusted reference computed: a small
// multiple of the expected result's size as JSON, so a learner cannot make the grader read (and parse)
// megabytes the problem never asks for. The Python harness applies it in the child before anything is sent.
// Sizes are counted as the harness counts them (harness/wire.py): 25 bytes per number, 6 per character of
// a string, so any plain form of the right answer (a list of lists, a numpy array) fits with room to spare.

/** Multiple of the expected size a result may reach, plus a constant for tiny results (a number, a tuple). */
const RESULT_BUDGET_FACTOR = 2;
const RESULT_BUDGET_SLACK_BYTES = 4096;
const NUMBER_BYTES = 25;
const MAX_DEPTH = 64;

function estimatedBytes(value: unknown, depth: number): number {
  if (depth > MAX_DEPTH) return 0;
  if (value === null || value === undefined || typeof value === "boolean") return 6;
  if (typeof value === "number" || typeof value === "bigint") return NUMBER_BYTES;
  if (typeof value === "string") return 6 * value.length + 2;
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length?: number }).length ?? value.byteLength;
    return NUMBER_BYTES * length + 2;
  }
  if (Array.isArray(value))
    return value.reduce((sum: number, item) => sum + estimatedBytes(item, depth + 1), 2 + value.length);
  if (typeof value === "object") {
    let sum = 2;
    for (const [key, item] of Object.entries(value)) sum += 6 * key.length + 3 + estimatedBytes(item, depth + 1);
    return sum;
  }
  return NUMBER_BYTES;
}

/** The cap on a learner's result for a test whose expected output is `expected`, in bytes of JSON. */
export function resultBudgetBytes(expected: unknown): number {
  return RESULT_BUDGET_FACTOR * estimatedBytes(expected, 0) + RESULT_BUDGET_SLACK_BYTES;
}
