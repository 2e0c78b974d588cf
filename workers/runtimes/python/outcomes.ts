// Turning what a child did into outcomes. Every status and every "sandbox" message is decided here, from
// the frame's kind, the exit status the zygote reported, or the parent's own deadline; the learner's text
// only ever lands in a RUNTIME_ERROR message marked "learner".

import { constants } from "node:os";
import { OUTPUT_CUT_NOTE } from "../../sandbox/printed-output.ts";
import type { ChildFrame } from "./child-frames.ts";
import type { FailureFrame, OutcomeFrame, PrintedOutput } from "./interface.ts";

/** How a child ended, as its parent (the zygote) saw it. */
export type ExitReport = {
  code: number | null;
  signal: number | null;
  cpuMs: number;
  maxRssKb: number;
  zygoteCpuMs: number;
};

// Exit codes of harness/child.py.
const EXIT_HARNESS_FAILED = 71;
const EXIT_BAD_TEST_FRAME = 72;
const EXIT_OUT_OF_MEMORY = 73;

const SIGNAL_NAMES = new Map<number, string>(Object.entries(constants.signals).map(([name, number]) => [number, name]));

export const TIME_LIMIT: FailureFrame = Object.freeze({
  status: "TIME_LIMIT_EXCEEDED",
  message: "time limit exceeded",
  origin: "sandbox",
});

function sandboxFailure(status: FailureFrame["status"], message: string): FailureFrame {
  return { status, message, origin: "sandbox" };
}

function printedOutput(frame: { stdout?: string; stdoutCut?: boolean }): PrintedOutput | undefined {
  if (frame.stdout === undefined) return undefined;
  const cut = frame.stdoutCut === true;
  return { text: cut ? frame.stdout + OUTPUT_CUT_NOTE : frame.stdout, cut };
}

function withOutput<T extends OutcomeFrame>(outcome: T, output: PrintedOutput | undefined): T {
  return output ? { ...outcome, output } : outcome;
}

/** A learner's exception, as Python would print its last line plus the learner's own frames. */
function raisedMessage(frame: Extract<ChildFrame, { kind: "raised" }>): string {
  const where = frame.frames.map((entry) => `\n  File "solution.py", line ${entry.line}, in ${entry.function}`);
  return `${frame.type}: ${frame.message}${where.join("")}`;
}

/**
 * The outcome a test frame stands for. `runtimeMs` is the parent's measurement. Frames that cannot end a
 * test (loaded, checked, compile_error, missing_function, bad_input) return null: the caller handles them.
 */
export function frameOutcome(frame: ChildFrame, runtimeMs: number, maxOutputBytes: number): OutcomeFrame | null {
  switch (frame.kind) {
    case "value":
      return withOutput({ status: "OK", value: frame.value, runtimeMs }, printedOutput(frame));
    case "raised":
      return withOutput(
        { status: "RUNTIME_ERROR", message: raisedMessage(frame), origin: "learner", runtimeMs },
        printedOutput(frame),
      );
    case "memory":
      return withOutput(
        { ...sandboxFailure("MEMORY_LIMIT_EXCEEDED", "memory limit exceeded (MemoryError)"), runtimeMs },
        printedOutput(frame),
      );
    case "too_large":
      return withOutput(
        { ...sandboxFailure("RUNTIME_ERROR", `the result is larger than ${maxOutputBytes} bytes`), runtimeMs },
        printedOutput(frame),
      );
    case "unconvertible":
      return withOutput(
        {
          status: "RUNTIME_ERROR",
          message: `the function returned ${frame.message}; return numbers, lists, tuples, dicts with string keys or numpy arrays`,
          origin: "learner",
          runtimeMs,
        },
        printedOutput(frame),
      );
    default:
      return null;
  }
}

/** The outcome of the test (or module load) a child was running when it ended without answering. */
export function exitOutcome(report: ExitReport, killedAtDeadline: boolean, cpuLimitMs: number): FailureFrame {
  if (killedAtDeadline) return TIME_LIMIT;
  const signal = report.signal === null ? null : (SIGNAL_NAMES.get(report.signal) ?? `signal ${report.signal}`);
  if (signal === "SIGXCPU" || (signal === "SIGKILL" && report.cpuMs >= cpuLimitMs)) {
    return sandboxFailure("TIME_LIMIT_EXCEEDED", "time limit exceeded (CPU time)");
  }
  if (signal === "SIGSEGV") {
    return sandboxFailure(
      "RUNTIME_ERROR",
      "the program crashed with SIGSEGV (a segmentation fault; very deep recursion overflowing the C stack does this)",
    );
  }
  if (signal !== null) return sandboxFailure("RUNTIME_ERROR", `the program was stopped by ${signal}`);
  if (report.code === EXIT_OUT_OF_MEMORY) return sandboxFailure("MEMORY_LIMIT_EXCEEDED", "memory limit exceeded");
  if (report.code === EXIT_HARNESS_FAILED || report.code === EXIT_BAD_TEST_FRAME) {
    return sandboxFailure("RUNTIME_ERROR", "the program broke the test harness (its channel or its state)");
  }
  return sandboxFailure("RUNTIME_ERROR", `the program exited with code ${report.code} before the test finished`);
}

export const MALFORMED_OUTPUT: FailureFrame = Object.freeze({
  status: "RUNTIME_ERROR",
  message: "the program wrote something that is not a test result (or one out of turn) on the harness's channel",
  origin: "sandbox",
});

/** A test the harness could not adapt though a child with no learner code could: the learner changed its input. */
export const HARNESS_INPUT_TAMPERED: FailureFrame = Object.freeze({
  status: "RUNTIME_ERROR",
  message: "the program broke the test harness (it read or changed the harness's input)",
  origin: "sandbox",
});

export function missingFunction(functionName: string, defined: boolean): FailureFrame {
  return sandboxFailure(
    "RUNTIME_ERROR",
    defined
      ? `solution.py defines ${functionName} but it is not a function`
      : `solution.py must define a function named ${functionName}`,
  );
}
