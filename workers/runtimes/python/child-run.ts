// Runs tests in one child: waits for the module to load, then takes one outcome per test (several runs each
// for performance tests) with a wall-clock deadline per run, measured and enforced here, outside the sandbox.
import { performance } from "node:perf_hooks";
import { type ChildConfig, type ChildEvent, ChildSession } from "./child-session.ts";
import type { FailureFrame, OutcomeFrame } from "./interface.ts";
import { exitOutcome, frameOutcome, MALFORMED_OUTPUT, missingFunction, TIME_LIMIT } from "./outcomes.ts";
import type { Zygote } from "./zygote.ts";

/** A test ready to send: its frame (length-prefixed JSON) and its runs. */
export type EncodedTest = { index: number; frame: Buffer; runs: number };

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
  /** Loading the module failed: no test ran in this child. */
  setupFailure: FailureFrame | null;
  /** Tests that got an outcome in this child. */
  answered: number;
  /** `emit` returned false. */
  stopped: boolean;
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
  if (event.type === "malformed") {
    await session.finish();
    return MALFORMED_OUTPUT;
  }
  if (event.type === "deadline") {
    await session.finish();
    return TIME_LIMIT;
  }
  if (event.type === "exited") return exitOutcome(event.report, session.killedAtDeadline, cpuLimitMs);
  throw new Error(`unexpected ${event.type} event`);
}

async function loadModule(
  session: ChildSession,
  options: ChildRunOptions,
  cpuLimitMs: number,
): Promise<FailureFrame | null> {
  const event = await session.next(options.timeLimitMs + options.deadlineMarginMs);
  if (event.type !== "frame") return endingOutcome(session, event, cpuLimitMs);
  const frame = event.frame;
  if (frame.kind === "loaded") return null;
  if (frame.kind === "missing_function") return missingFunction(options.config.functionName, frame.defined);
  if (frame.kind === "raised" || frame.kind === "memory") {
    const failure = frameOutcome(frame, 0, options.config.maxOutputBytes) as FailureFrame;
    delete failure.runtimeMs; // no test ran
    return failure;
  }
  return MALFORMED_OUTPUT;
}

/** The byte that lets a child start the next run of a performance test (harness/child.py waits for it). */
const GO = Buffer.from("g");

/**
 * One test's outcome: its runs' ticks, then its result frame, or whatever ended the child first.
 *
 * runtimeMs: a single-run test reports the call's duration as the harness measured it in the child (frames
 * can reach the parent together, so their arrival times say nothing about one call). A performance test
 * (several runs) is timed here, outside the sandbox, so no learner code can shorten it: after the warm-up run
 * the child waits for a go byte before each run, and a run lasts from sending that byte to the run's frame
 * (the call plus adapting its arguments and one trip through the zygote); the fastest run counts.
 */
async function testOutcome(
  session: ChildSession,
  test: EncodedTest,
  options: ChildRunOptions,
  cpuLimitMs: number,
): Promise<{ outcome: OutcomeFrame; childEnded: boolean }> {
  let goSentAt = 0;
  let fastest = Number.POSITIVE_INFINITY;
  const timedRunsMs: number[] = [];
  for (let run = 0; ; run++) {
    const event = await session.next(options.timeLimitMs + options.deadlineMarginMs);
    if (event.type !== "frame") return { outcome: await endingOutcome(session, event, cpuLimitMs), childEnded: true };
    if (run > 0) {
      const ms = event.at - goSentAt;
      timedRunsMs.push(Math.round(ms * 1000) / 1000);
      fastest = Math.min(fastest, ms);
    }
    if (event.frame.kind === "tick" && run < test.runs - 1) {
      goSentAt = performance.now();
      session.send(GO);
      continue;
    }
    if (event.frame.kind === "bad_input") throw new BadTestInputError(`test ${test.index}: ${event.frame.message}`);
    const measured = event.frame.kind === "value" && test.runs === 1 ? event.frame.callMs : fastest;
    const runtimeMs = Number.isFinite(measured) ? Math.round(measured * 1000) / 1000 : 0;
    const outcome = frameOutcome(event.frame, runtimeMs, options.config.maxOutputBytes);
    if (outcome?.status === "OK" && timedRunsMs.length > 0)
      return { outcome: { ...outcome, timedRunsMs }, childEnded: false };
    if (outcome) return { outcome, childEnded: false };
    return { outcome: await endingOutcome(session, { type: "malformed", at: event.at }, cpuLimitMs), childEnded: true };
  }
}

/** Sends the frames of `tests` from `first` on, up to and including the first performance test; returns where it stopped. */
function sendSegment(session: ChildSession, tests: readonly EncodedTest[], first: number): number {
  let index = first;
  while (index < tests.length) {
    session.send(tests[index].frame);
    index++;
    // The go bytes of a performance test must follow its own frame, not the frames after it.
    if (tests[index - 1].runs > 1) break;
  }
  return index;
}

export async function runInChild(options: ChildRunOptions): Promise<ChildRunResult> {
  const cpuLimitMs = options.config.cpuSeconds * 1000;
  const session = ChildSession.open(options.zygote, options.runId, options.config, options.maxFrameBytes);
  const result: ChildRunResult = { setupFailure: null, answered: 0, stopped: false, cpuMs: 0, maxRssKb: 0 };
  try {
    let sent = sendSegment(session, options.tests, 0);
    const failure = await loadModule(session, options, cpuLimitMs);
    if (failure) {
      result.setupFailure = failure;
      return result;
    }
    for (const [position, test] of options.tests.entries()) {
      if (position === sent) sent = sendSegment(session, options.tests, sent);
      const { outcome, childEnded } = await testOutcome(session, test, options, cpuLimitMs);
      result.answered++;
      if (!options.emit(test.index, outcome)) {
        result.stopped = true;
        return result;
      }
      if (childEnded) return result;
    }
    return result;
  } finally {
    const exit = await session.finish();
    result.cpuMs = exit.cpuMs;
    result.maxRssKb = exit.maxRssKb;
  }
}

/** A test's frame for the harness: its arguments (already JSON) and its runs and CPU budget. */
export function encodeTest(index: number, argsJson: string, runs: number, timeLimitMs: number): EncodedTest {
  const body = Buffer.from(
    `{"index":${index},"runs":${runs},"seconds":${(timeLimitMs * runs) / 1000},"args":${argsJson}}`,
  );
  const header = Buffer.allocUnsafe(4);
  header.writeUInt32BE(body.length, 0);
  return { index, frame: Buffer.concat([header, body]), runs };
}
