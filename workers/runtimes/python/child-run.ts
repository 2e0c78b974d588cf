// Runs tests in one child: waits for the module to load, then takes one outcome per test (several runs each
// for performance tests) with a wall-clock deadline per run, measured and enforced here, outside the sandbox.
//
// Nothing the child holds or reports decides what this side believes about time or order:
// - a test's frame is written only once the previous test's answer is in, so while one test runs, the child
//   has no later test to read (learner code that reads fd 0 ahead finds nothing);
// - every input (a test's frame; each run of a performance test is a frame of its own, with inputs of its
//   own) carries a fresh random token the answer must repeat: an answer written before its input arrived
//   cannot carry it, and any frame out of turn (a wrong or missing token, an extra frame) is the learner's
//   doing: a RUNTIME_ERROR, never a retry;
// - every run is timed outside the child, from handing its input to the child to reading its answer: the first
//   on this side's clock; a timed run on the zygote's, which runs no learner code (its input first waits there,
//   whole, so its crossing from here is not the run's; and this side's event loop, busy with another job, is
//   not either); every run's answer comes back to be checked: a run cannot be answered from what an earlier
//   run computed.
import { randomInt } from "node:crypto";
import { performance } from "node:perf_hooks";
import { lengthPrefixed } from "../../sandbox/framing.ts";
import { timedEnough } from "../../sandbox/timed-runs.ts";
import type { ChildFrame } from "./child-frames.ts";
import { type ChildConfig, type ChildEvent, ChildSession } from "./child-session.ts";
import type { CompileFailure, FailureFrame, OutcomeFrame } from "./interface.ts";
import { exitOutcome, frameOutcome, MALFORMED_OUTPUT, missingFunction, TIME_LIMIT } from "./outcomes.ts";
import { frameBody, type WireValue } from "./values.ts";
import type { Zygote } from "./zygote.ts";

/**
 * A test ready to send: its arguments on the wire (values.ts), runs, CPU seconds and the cap on its result;
 * `argsOfRun(run)` the arguments of each later run of a performance test (RuntimeTest.argsOfRun).
 */
export type EncodedTest = {
  index: number;
  args: WireValue;
  argsOfRun?: (run: number) => WireValue;
  runs: number;
  seconds: number;
  maxResultBytes: number;
};

export type ChildRunOptions = {
  zygote: Zygote;
  runId: number;
  config: ChildConfig;
  tests: readonly EncodedTest[];
  timeLimitMs: number;
  /** Wall-clock slack on top of each run's limit (and of the module load) before the child is killed. */
  deadlineMarginMs: number;
  maxFrameBytes: number;
  /** Takes each test's outcome in order; false stops the run. */
  emit: (index: number, outcome: OutcomeFrame) => boolean;
};

export type ChildRunResult = {
  /** Compiling (the source refused: syntax, a forbidden name, no such function) or loading the module failed: no test ran in this child. */
  setupFailure: FailureFrame | CompileFailure | null;
  /** Tests that got an outcome in this child. */
  answered: number;
  /** `emit` returned false. */
  stopped: boolean;
  /**
   * The child said the test after the answered ones (`test`: the frame of the run it could not take) could not
   * be adapted. Either the problem declares it wrongly or learner code tampered with the harness's input: the
   * caller asks a child with no learner code.
   */
  badInput: { message: string; test: EncodedTest } | null;
  /** CPU and peak memory of the child, as its parent (the zygote) measured them. */
  cpuMs: number;
  maxRssKb: number;
};

/** Thrown for a test frame the harness could not adapt: a fault of the problem's declaration, not the learner's. */
export class BadTestInputError extends Error {
  override name = "BadTestInputError";
}

/** An event that ends the current step without the frame it waited for, as an outcome. */
async function endingOutcome(session: ChildSession, event: ChildEvent, cpuLimitMs: number): Promise<FailureFrame> {
  // A frame (or a "held" or "released" that answers nothing of this side's) where another was due: out of turn.
  if (event.type === "malformed" || event.type === "frame" || event.type === "held" || event.type === "released") {
    await session.finish();
    return MALFORMED_OUTPUT;
  }
  if (event.type === "deadline") {
    await session.finish();
    return TIME_LIMIT;
  }
  return exitOutcome(event.report, session.killedAtDeadline, cpuLimitMs);
}

async function loadModule(
  session: ChildSession,
  options: ChildRunOptions,
  cpuLimitMs: number,
): Promise<FailureFrame | CompileFailure | null> {
  const event = await session.next(options.timeLimitMs + options.deadlineMarginMs);
  if (event.type !== "frame") return endingOutcome(session, event, cpuLimitMs);
  const frame = event.frame;
  if (frame.kind === "loaded") return null;
  // The child parses and checks the source before any learner code runs (harness/child.py, compile_source).
  if (frame.kind === "compile_error") {
    const { message, line, column } = frame;
    return { status: "COMPILE_ERROR", error: { message, line, column } };
  }
  if (frame.kind === "missing_function") return missingFunction(options.config.functionName, frame.defined);
  if (frame.kind === "raised" || frame.kind === "memory") {
    const failure = frameOutcome(frame, 0, options.config.maxOutputBytes) as FailureFrame;
    delete failure.runtimeMs; // no test ran
    return failure;
  }
  return endingOutcome(session, event, cpuLimitMs);
}

/** A fresh token for one input; the child repeats it in its answer. */
function newToken(): number {
  return randomInt(0, 0x1_0000_0000);
}

/** A test's frame for the harness: its arguments, runs, CPU budget, result cap and token. */
export function testFrame(test: EncodedTest, token: number): Buffer {
  const head = `{"index":${test.index},"runs":${test.runs},"seconds":${test.seconds},"maxBytes":${test.maxResultBytes},"token":${token},"args":${test.args.json}}`;
  return lengthPrefixed([frameBody(head, test.args.tail)]);
}

/** Tells the child that a performance test's runs so far were enough: it goes on to the next test. */
const END_OF_RUNS = lengthPrefixed([frameBody('{"end":true}')]);

type TestStep =
  | { type: "outcome"; outcome: OutcomeFrame; childEnded: boolean }
  | { type: "bad_input"; message: string; test: EncodedTest };

function answers(frame: ChildFrame, token: number): boolean {
  return "token" in frame && frame.token === token;
}

/**
 * One test's outcome: one answer per run, or whatever ended the child first.
 *
 * runtimeMs: every run is timed outside the child, from handing its frame (with its inputs) to the child to
 * reading its answer: the first run's here, from writing it; a later run's by the zygote that holds it, from its
 * release to the zygote's reading the answer's last bytes (so this process's busy event loop is not in it); that
 * includes the zygote's copy into the child, decoding the inputs and encoding the answer. A single-run test
 * reports that time; a performance test (several runs, each on inputs of its own) the fastest run after the
 * first (the warm-up), with every timed run in timedRunsMs and what it returned in timedRunValues; it stops once
 * timed enough (timed-runs.ts). The first failing run is the test's outcome.
 */
async function testOutcome(
  session: ChildSession,
  test: EncodedTest,
  options: ChildRunOptions,
  cpuLimitMs: number,
): Promise<TestStep> {
  let first: Extract<OutcomeFrame, { status: "OK" }> | null = null;
  const timedRunsMs: number[] = [];
  const timedRunValues: unknown[] = [];
  for (let run = 0; ; run++) {
    const token = newToken();
    // The child knows a test's runs; once fewer are timed enough, it is told so instead of being sent another
    // (END_OF_RUNS): deciding before each run whether it is the last cost a run more than enough (measured: a
    // 256³ matmul ran 3 timed runs where 2 agreed, ~55 ms of CPU a submission here).
    const last = run === test.runs - 1;
    const sent = run === 0 ? test : { ...test, args: test.argsOfRun?.(run) ?? test.args };
    // The frame is built before the clock starts, and a timed run's frame first crosses to the zygote, which
    // runs no learner code and hands it over on release: this side's work and that crossing are not the run's.
    const frame = testFrame(sent, token);
    // The first run is timed on this process's clock; a timed run on the zygote's (zygote.ts), from its release.
    let sentAt: number;
    if (run === 0) {
      sentAt = performance.now();
      session.send(frame);
    } else {
      session.hold(frame);
      const held = await session.next(options.timeLimitMs + options.deadlineMarginMs);
      if (held.type !== "held") {
        return { type: "outcome", outcome: await endingOutcome(session, held, cpuLimitMs), childEnded: true };
      }
      session.release();
      const released = await session.next(options.timeLimitMs + options.deadlineMarginMs);
      if (released.type !== "released") {
        return { type: "outcome", outcome: await endingOutcome(session, released, cpuLimitMs), childEnded: true };
      }
      sentAt = released.zygoteAt;
    }
    const event = await session.next(options.timeLimitMs + options.deadlineMarginMs);
    if (event.type !== "frame" || !answers(event.frame, token)) {
      return { type: "outcome", outcome: await endingOutcome(session, event, cpuLimitMs), childEnded: true };
    }
    const answeredAt = run === 0 ? event.at : event.zygoteAt;
    const ms = Math.max(0, Math.round((answeredAt - sentAt) * 1000) / 1000);
    const answer = event.frame;
    if (answer.kind === "bad_input") {
      await session.finish();
      return { type: "bad_input", message: answer.message, test: sent };
    }
    const outcome = frameOutcome(answer, ms, test.maxResultBytes);
    if (!outcome)
      return { type: "outcome", outcome: await endingOutcome(session, event, cpuLimitMs), childEnded: true };
    if (outcome.status !== "OK") return { type: "outcome", outcome, childEnded: false };
    if (run === 0) first = outcome;
    else {
      timedRunsMs.push(ms);
      timedRunValues.push(outcome.value);
    }
    if (!last && !(run > 0 && timedEnough(timedRunsMs))) continue;
    if (!last) session.send(END_OF_RUNS);
    if (!first || timedRunsMs.length === 0) return { type: "outcome", outcome, childEnded: false };
    const runtimeMs = Math.min(...timedRunsMs);
    // What the test printed, all runs included, came with the last answer.
    const { output: _first, ...firstAnswer } = first;
    const output = outcome.output ? { output: outcome.output } : {};
    return {
      type: "outcome",
      outcome: { ...firstAnswer, ...output, runtimeMs, timedRunsMs, timedRunValues },
      childEnded: false,
    };
  }
}

export async function runInChild(options: ChildRunOptions): Promise<ChildRunResult> {
  const cpuLimitMs = options.config.cpuSeconds * 1000;
  const session = ChildSession.open(options.zygote, options.runId, options.config, options.maxFrameBytes);
  const result: ChildRunResult = {
    setupFailure: null,
    answered: 0,
    stopped: false,
    badInput: null,
    cpuMs: 0,
    maxRssKb: 0,
  };
  try {
    const failure = await loadModule(session, options, cpuLimitMs);
    if (failure) {
      result.setupFailure = failure;
      return result;
    }
    for (const test of options.tests) {
      const step = await testOutcome(session, test, options, cpuLimitMs);
      if (step.type === "bad_input") {
        result.badInput = { message: step.message, test: step.test };
        return result;
      }
      result.answered++;
      if (!options.emit(test.index, step.outcome)) {
        result.stopped = true;
        return result;
      }
      if (step.childEnded) return result;
    }
    return result;
  } finally {
    const exit = await session.finish();
    result.cpuMs = exit.cpuMs;
    result.maxRssKb = exit.maxRssKb;
  }
}

/**
 * Whether `test` can be decoded and adapted by a child that runs no learner code (mode "adapt"): null when
 * it can, else the harness's message (the problem declares the test wrongly).
 */
export async function adaptInCleanChild(
  zygote: Zygote,
  runId: number,
  config: ChildConfig,
  test: EncodedTest,
  timeoutMs: number,
): Promise<string | null> {
  const session = ChildSession.open(zygote, runId, { ...config, mode: "adapt", testCount: 1 }, 1024 * 1024);
  try {
    const token = newToken();
    session.send(testFrame(test, token));
    const event = await session.next(timeoutMs);
    if (event.type === "frame" && event.frame.kind === "adapted" && answers(event.frame, token)) return null;
    if (event.type === "frame" && event.frame.kind === "bad_input") return event.frame.message;
    throw new BadTestInputError(`test ${test.index}: the harness could not check it (${event.type})`);
  } finally {
    await session.finish();
  }
}
