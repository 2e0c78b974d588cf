// What a learner's print / console.log keeps per test, in every language: 8 KiB (enough for a few dozen
// debugging lines; more on a sample test is noise and would bloat every stored result), the rest dropped with
// a note saying so. The judge shows it on sample tests only.

/** Bytes of printed output kept per test (UTF-8). */
export const PRINTED_OUTPUT_CAP_BYTES = 8192;

/** Appended to printed output that went past the cap, so the learner sees it was cut. */
export const OUTPUT_CUT_NOTE = "\n[output cut: only the first 8 KiB of this test's output are kept]";

/** What the learner printed during one test: 8 KiB at most; when there was more, `cut` and a note ends `text`. */
export type PrintedOutput = { text: string; cut: boolean };

/** `text` cut to the cap on a UTF-8 character boundary, with the note when it (or an earlier cut) lost some. */
export function printedOutput(text: string, alreadyCut: boolean): PrintedOutput {
  const bytes = Buffer.from(text, "utf8");
  const cut = alreadyCut || bytes.length > PRINTED_OUTPUT_CAP_BYTES;
  if (!cut) return { text, cut: false };
  const kept = bytes
    .subarray(0, PRINTED_OUTPUT_CAP_BYTES)
    .toString("utf8")
    .replace(/\uFFFD$/, "");
  return { text: kept + OUTPUT_CUT_NOTE, cut: true };
}
