// Messages between ExecutorPool (parent) and executor-process.ts (child). Type-only module: the child
// imports it with `import type`, so it never has to be readable inside the sandbox.
import type { PrintedOutput } from "./printed-output.ts";

/**
 * How one call of the learner's function ended, as seen from the trusted side. `memoryMb`: what the
 * isolate held once the call returned (V8 heap committed plus array buffers, the test's inputs included).
 * `origin` says who wrote a failure's `message`: "sandbox" for the sandbox's own words (limits, crashes,
 * results that cannot be copied out: they carry no test data), "learner" for what the learner's code
 * produced (a thrown value's description, which may carry the test's inputs). The harness or the trusted
 * side sets it from where the failure came from, never from what the message says. For a test run several
 * times, `timedRunsMs` holds every timed run (`runtimeMs` is their minimum, to tell a reproduced minimum from
 * a lucky one) and `timedRunValues` what each returned: the executor reports those of one `call`, the pool
 * those of the whole test.
 */
export type CallOutcome =
  | {
      status: "OK";
      value: unknown;
      runtimeMs: number;
      memoryMb?: number;
      timedRunsMs?: number[];
      timedRunValues?: unknown[];
      output?: PrintedOutput;
    }
  | {
      status: "TIME_LIMIT_EXCEEDED" | "MEMORY_LIMIT_EXCEEDED" | "RUNTIME_ERROR";
      message: string;
      origin: "sandbox" | "learner";
      runtimeMs?: number;
      memoryMb?: number;
      /** What console.* printed during the call (see printed-output.ts). */
      output?: PrintedOutput;
    };

export type FailureStatus = Exclude<CallOutcome["status"], "OK">;

export type StartRequest = {
  type: "start";
  jobId: number;
  /** Plain JavaScript (already transpiled) that defines `functionName` at top level. */
  script: string;
  functionName: string;
  memoryLimitMb: number;
  /** Budget for creating the isolate and running the script's top-level code. */
  timeLimitMs: number;
  maxOutputElements: number;
  /** The output limit: a result larger than this never leaves the isolate. */
  maxOutputBytes: number;
};

/**
 * Runs of one test in the job's isolate, back to back, each on its own arguments (`runs[i]`) and timed around
 * the call. `timedMs`: the test's timed runs before this request; `firstTimed`: whether `runs[0]` is timed (not
 * when it is the warm-up). The executor stops at a failure, or before a run once the timed runs are enough
 * (timed-runs.ts); an OK answer carries runs[0]'s value and time, and each timed run's in `timedRun*`.
 */
export type CallRequest = {
  type: "call";
  jobId: number;
  index: number;
  runs: unknown[][];
  timedMs: number[];
  firstTimed: boolean;
  timeLimitMs: number;
};
/**
 * Several single-run tests in one request. The executor answers with one `called` frame per test, in
 * order, as each finishes (the parent's per-test deadline restarts on every frame), and stops after the
 * first outcome that is not OK or that retires the process.
 */
export type BatchRequest = {
  type: "calls";
  jobId: number;
  tests: { index: number; args: unknown[] }[];
  timeLimitMs: number;
};
export type EndRequest = { type: "end"; jobId: number };
export type ExecutorRequest = StartRequest | CallRequest | BatchRequest | EndRequest;

/** `retire`: the isolate stopped answering; this process must be replaced before it runs anything else. */
export type StartedReply = {
  type: "started";
  jobId: number;
  setup: { status: "OK" } | Exclude<CallOutcome, { status: "OK" }>;
  retire: boolean;
};
export type CalledReply = { type: "called"; jobId: number; index: number; outcome: CallOutcome; retire: boolean };
export type EndedReply = { type: "ended"; jobId: number; cpuMs: number };
export type ReadyReply = { type: "ready"; pid: number };
export type ExecutorReply = StartedReply | CalledReply | EndedReply | ReadyReply;
