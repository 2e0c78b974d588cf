// What grading a submission produces: written by the grader (workers/), stored on the Submission row and
// read back by the API. Both sides import these types from here.
import type { TestKind } from "../kernels/types.ts";

export type Verdict =
  | "ACCEPTED"
  | "WRONG_ANSWER"
  | "TIME_LIMIT_EXCEEDED"
  | "MEMORY_LIMIT_EXCEEDED"
  | "RUNTIME_ERROR"
  | "COMPILE_ERROR"
  | "INTERNAL_ERROR";

export type TestStatus =
  | "PASSED"
  | "FAILED"
  | "SKIPPED"
  | "TIME_LIMIT_EXCEEDED"
  | "MEMORY_LIMIT_EXCEEDED"
  | "RUNTIME_ERROR";

/** Where a compile step stopped. line and column are 1-based; null when the error has no position. */
export type CompileError = { message: string; line: number | null; column: number | null };

/** input/expected/got are present on sample tests only (JSON-safe, long values cut to a preview string). */
export type TestResult = {
  name: string;
  kind: TestKind;
  status: TestStatus;
  message?: string;
  runtimeMs?: number;
  input?: unknown;
  expected?: unknown;
  got?: unknown;
  /** Sample tests only: what the code printed (8 KiB at most; a note ends a cut text). */
  output?: string;
};

export type GradeResult = {
  verdict: Verdict;
  tests: TestResult[];
  /** Total learner runtime over the tests that ran; null when none ran. */
  runtimeMs: number | null;
  /** Geometric mean over performance tests of learner / reference runtime; null unless accepted in FULL mode. */
  perfRatio: number | null;
  /** Why an accepted FULL submission has no perfRatio (e.g. its timing was not stable enough); null otherwise. */
  perfNote: string | null;
  /** The most memory the program held after any test; null when none ran. */
  memoryMb: number | null;
  compileError: CompileError | null;
  warnings: string[];
};

/** A result without tests: the infrastructure, not the learner, is at fault (`warnings` say why). */
export function internalErrorResult(warnings: string[]): GradeResult {
  return {
    verdict: "INTERNAL_ERROR",
    tests: [],
    runtimeMs: null,
    perfRatio: null,
    perfNote: null,
    memoryMb: null,
    compileError: null,
    warnings,
  };
}
