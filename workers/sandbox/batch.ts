// Which tests of a job go to the executor together in one `calls` request (see pool.ts).

// A batch never makes one huge frame: a few tiny tests save the round trips, big ones gain nothing.
const MAX_BATCH_TESTS = 16;
const MAX_BATCH_ARGS_BYTES = 1024 * 1024;

export type BatchTest = { index: number; args: unknown[] };

/** A cheap size estimate of test arguments (typed arrays, numbers, nested arrays and objects). */
function approximateBytes(value: unknown): number {
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (typeof value === "string") return 2 * value.length;
  if (Array.isArray(value)) return value.reduce((sum: number, item: unknown) => sum + approximateBytes(item), 8);
  if (typeof value === "object" && value !== null) {
    return Object.values(value).reduce((sum: number, item: unknown) => sum + approximateBytes(item), 8);
  }
  return 8;
}

/** The consecutive single-run tests from `first` on, within the batch caps (at least one test). */
export function nextBatch(
  tests: readonly (readonly unknown[])[],
  runsPerTest: readonly number[] | undefined,
  first: number,
): BatchTest[] {
  const batch: BatchTest[] = [];
  let bytes = 0;
  for (let index = first; index < tests.length && batch.length < MAX_BATCH_TESTS; index++) {
    if ((runsPerTest?.[index] ?? 1) !== 1) break;
    bytes += approximateBytes(tests[index]);
    if (batch.length > 0 && bytes > MAX_BATCH_ARGS_BYTES) break;
    batch.push({ index, args: [...tests[index]] });
  }
  return batch;
}
