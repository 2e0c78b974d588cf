// Runs tests in one child: waits for the module to load, then takes one outcome per test (several runs each
// for performance tests) with a wall-clock deadline per run, measured and enforced here, outside the sandbox.
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
): Promise<{ failure: FailureFrame | null; at: number }> {
  const event = await session.next(options.timeLimitMs + options.deadlineMarginMs);
  if (event.type !== "frame") return { failure: await endingOutcome(session, event, cpuLimitMs), at: 0 };
  const frame = event.frame;
  if (frame.kind === "loaded") return { failure: null, at: event.at };
  if (frame.kind === "missing_function") {
    return { failure: missingFunction(options.config.functionName, frame.defined), at: event.at };
  }
  if (frame.kind === "raised" || frame.kind === "memory") {
    const failure = frameOutcome(frame, 0, options.config.maxOutputBytes) as FailureFrame;
    delete failure.runtimeMs; // no test ran
    return { failure, at: event.at };
  }
  return { failure: MALFORMED_OUTPUT, at: event.at };
}

/** One test's outcome: its runs' ticks, then its result frame, or whatever ended the child first. */
async function testOutcome(
  session: ChildSession,
  test: EncodedTest,
  options: ChildRunOptions,
  cpuLimitMs: number,
  startedAt: number,
): Promise<{ outcome: OutcomeFrame; at: number; childEnded: boolean }> {
  let previous = startedAt;
  let fastestWarm = Number.POSITIVE_INFINITY;
  for (let run = 0; ; run++) {
    const event = await session.next(options.timeLimitMs + options.deadlineMarginMs);
    if (event.type !== "frame") {
      return { outcome: await endingOutcome(session, event, cpuLimitMs), at: 0, childEnded: true };
    }
    const elapsed = event.at - previous;
    previous = event.at;
    if (event.frame.kind === "tick" && run < test.runs - 1) {
      if (run > 0) fastestWarm = Math.min(fastestWarm, elapsed);
      continue;
    }
    if (event.frame.kind === "bad_input") throw new BadTestInputError(`test ${test.index}: ${event.frame.message}`);
    const runtimeMs = test.runs > 1 && run > 0 ? Math.min(fastestWarm, elapsed) : elapsed;
    const outcome = frameOutcome(event.frame, Math.round(runtimeMs * 1000) / 1000, options.config.maxOutputBytes);
    if (outcome) return { outcome, at: event.at, childEnded: false };
    return {
      outcome: await endingOutcome(session, { type: "malformed", at: event.at }, cpuLimitMs),
      at: 0,
      childEnded: true,
    };
  }
}

export async function runInChild(options: ChildRunOptions): Promise<ChildRunResult> {
  const cpuLimitMs = options.config.cpuSeconds * 1000;
  const session = ChildSession.open(options.zygote, options.runId, options.config, options.maxFrameBytes);
  const result: ChildRunResult = { setupFailure: null, answered: 0, stopped: false, cpuMs: 0, maxRssKb: 0 };
  try {
    for (const test of options.tests) session.send(test.frame);
    const loaded = await loadModule(session, options, cpuLimitMs);
    if (loaded.failure) {
      result.setupFailure = loaded.failure;
      return result;
    }
    let startedAt = loaded.at;
    for (const test of options.tests) {
      const { outcome, at, childEnded } = await testOutcome(session, test, options, cpuLimitMs, startedAt);
      result.answered++;
      startedAt = at;
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
