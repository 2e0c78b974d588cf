// ExecutorPool: N long-lived sandboxed executor processes in the parent. A job runs on one process: a
// fresh isolate, the learner's script, then its tests. Consecutive single-run tests go out as one `calls`
// request (within the caps of batch.ts): the executor streams one outcome frame per test as it finishes and
// stops after the first outcome that is not OK, so a pipe write and an executor wake-up are paid per batch
// instead of per test. A performance test (several runs, each on inputs of its own) goes out as one `call` for
// the warm-up and the timed runs a steady test needs, run back to back and each timed by the executor around
// the call, then, if they were not enough (timed-runs.ts), a `call` per further run; this side collects every
// run's time and value. Every test has a wall-clock deadline (its time limit, room to rebuild an
// isolate, and a margin; within a batch it restarts on each outcome frame, so the running test is always
// known and a job is still bounded by the sum over its tests): a process that misses it is SIGKILLed and
// replaced, and the running test is a TIME_LIMIT_EXCEEDED. A process that dies mid-test is replaced; with
// out-of-memory evidence on its stderr that test is MEMORY_LIMIT_EXCEEDED, otherwise it is retried once (with
// the rest of its batch) on a fresh process and, if that process dies in it too, it is a RUNTIME_ERROR.
// `shouldContinue` sees every outcome in order; outcomes after its first `false` are dropped (not run).
// Processes are recycled after `maxJobsPerProcess` jobs.
import { fileURLToPath } from "node:url";
import { type BatchTest, nextBatch } from "./batch.ts";
import { InfrastructureError } from "./errors.ts";
import { DeadlineError, ExecutorHandle, ExitError } from "./executor-handle.ts";
import {
  type ResolvedSandbox,
  resolveSandbox,
  type SandboxLayers,
  type SandboxOptions,
  sandboxedNodeCommand,
} from "./launcher.ts";
import { sandboxLimits } from "./limits.ts";
import type { CallOutcome, ExecutorReply, ExecutorRequest } from "./protocol.ts";
import { Slots } from "./slots.ts";
import { TIMED_RUNS, timedEnough } from "./timed-runs.ts";

export type { CallOutcome, FailureStatus } from "./protocol.ts";

export type RestartReason = "recycled" | "crashed" | "deadline" | "stuck" | "cpu-budget";

export type ExecutorPoolOptions = SandboxOptions & {
  /** Number of executor processes. Default 2. */
  size?: number;
  /** A process is replaced after this many jobs. Default: the limits table (limits.ts). */
  maxJobsPerProcess?: number;
  /** Time for a new process to report ready. Default: the limits table. */
  startupTimeoutMs?: number;
  /** Wall-clock slack on top of every call's limit before SIGKILL. Default: the limits table. */
  deadlineMarginMs?: number;
  /** Called whenever a process is replaced (metrics, logs). */
  onRestart?: (reason: RestartReason, detail: string) => void;
};

export type ExecutorJob = {
  /** Plain JavaScript (see transpile.ts) that defines `functionName`. */
  script: string;
  functionName: string;
  memoryLimitMb: number;
  /** Limit of each call (and of the script's top-level code). */
  timeLimitMs: number;
  /** Arguments of each test, in order. */
  tests: readonly (readonly unknown[])[];
  /** Runs per test (default 1); with several, the runtime is the fastest after a warm-up run. */
  runsPerTest?: readonly number[];
  /** The arguments of run `run` ≥ 1 of test `index` (run 0 takes `tests[index]`); default: `tests[index]`. */
  argsOfRun?: (index: number, run: number) => readonly unknown[] | undefined;
  /** Cap on the elements of one result (numbers, array slots, object fields). Default 4 000 000. */
  maxOutputElements?: number;
  /** The output limit: cap on the bytes of one result, enforced inside the isolate. Default: the limits table. */
  maxOutputBytes?: number;
  /** Consulted after each call; false stops the job (the remaining tests are not run). */
  shouldContinue?: (index: number, outcome: CallOutcome) => boolean;
};

export type Failure = Exclude<CallOutcome, { status: "OK" }>;

export type ExecutorRun = {
  /** Isolate creation and the script's top-level code; when it failed no test ran. */
  setup: { status: "OK" } | Failure;
  /** One per test that ran, in order. */
  outcomes: CallOutcome[];
  /** Processes replaced while this job ran. */
  restarts: number;
};

const EXECUTOR_SCRIPT = fileURLToPath(new URL("./executor-process.ts", import.meta.url));
const EXECUTOR_IMPORTS = [
  fileURLToPath(new URL("./bulk-frames.ts", import.meta.url)),
  fileURLToPath(new URL("./harness.ts", import.meta.url)),
  fileURLToPath(new URL("./printed-output.ts", import.meta.url)),
  fileURLToPath(new URL("./timed-runs.ts", import.meta.url)),
];
/**
 * V8's concurrent optimizing compiler rarely gets its finished code installed in an isolated-vm isolate:
 * a hot loop then stays in the interpreter or deoptimizes again and again (measured: a 64³ matmul took
 * 5 ms per run, every run, instead of 0.6 ms once optimized). Compiling on the isolate's own thread makes
 * a learner's code reach optimized speed within the warm-up run, like in a normal Node process.
 */
const EXECUTOR_NODE_FLAGS = ["--no-concurrent-recompilation"];
const ISOLATE_CREATION_MS = 2000;
const LIMITS = sandboxLimits("isolate");
const STOP_GRACE_MS = 2000;
const END_DEADLINE_MS = 5000;

type Slot = { handle: ExecutorHandle | null; busy: boolean };

const MISSED_DEADLINE: Failure = Object.freeze({
  status: "TIME_LIMIT_EXCEEDED",
  message: "time limit exceeded (the executor missed its wall-clock deadline)",
  origin: "sandbox",
});

function crashOutcome(error: ExitError): Failure {
  return error.outOfMemory
    ? {
        status: "MEMORY_LIMIT_EXCEEDED",
        message: "memory limit exceeded (the executor ran out of memory)",
        origin: "sandbox",
      }
    : { status: "RUNTIME_ERROR", message: "the executor process crashed while running this test", origin: "sandbox" };
}

/** Runs in a test's first `call`: the warm-up and the timed runs a steady test needs, back to back (timed-runs.ts). */
const FIRST_CALL_RUNS = 1 + TIMED_RUNS.minForSteady;

/**
 * A test run `runs` times through `call(from, count, timedMs)` (runs from..from+count−1, the timed runs so far):
 * the first call makes the warm-up and the timed runs a steady test needs, back to back as a warm JIT needs; any
 * later run, once those were not enough, a call of its own. The outcome is the first failure, or the first run's
 * value with every timed run's time and value (the judge checks each value against its run's inputs).
 */
async function repeatedCall(
  runs: number,
  call: (from: number, count: number, timedMs: number[]) => Promise<CallOutcome>,
): Promise<CallOutcome> {
  let first: Extract<CallOutcome, { status: "OK" }> | null = null;
  const timedRunsMs: number[] = [];
  const timedRunValues: unknown[] = [];
  let memoryMb: number | undefined;
  for (let next = 0; next < runs && !timedEnough(timedRunsMs); ) {
    const count = next === 0 ? Math.min(runs, FIRST_CALL_RUNS) : 1;
    const outcome = await call(next, count, [...timedRunsMs]);
    if (outcome.status !== "OK") return outcome;
    const { timedRunsMs: made = [], timedRunValues: values = [], ...answer } = outcome;
    if (next === 0) first = answer;
    timedRunsMs.push(...made);
    timedRunValues.push(...values);
    if (answer.memoryMb !== undefined) memoryMb = Math.max(memoryMb ?? 0, answer.memoryMb);
    // The first call's first run is the untimed warm-up.
    next += (next === 0 ? 1 : 0) + made.length;
  }
  if (!first) throw new InfrastructureError("no run of a repeated test was made");
  if (timedRunsMs.length === 0) return first;
  const runtimeMs = Math.min(...timedRunsMs);
  return { ...first, runtimeMs, ...(memoryMb !== undefined && { memoryMb }), timedRunsMs, timedRunValues };
}

export class ExecutorPool {
  readonly #sandbox: ResolvedSandbox;
  readonly #options: Required<Omit<ExecutorPoolOptions, keyof SandboxOptions | "onRestart">> &
    Pick<ExecutorPoolOptions, "onRestart">;
  readonly #slots: Slots<Slot>;
  #closing: Promise<void> | null = null;
  #nextJobId = 1;

  private constructor(sandbox: ResolvedSandbox, options: ExecutorPoolOptions) {
    this.#sandbox = sandbox;
    this.#options = {
      size: options.size ?? 2,
      maxJobsPerProcess: options.maxJobsPerProcess ?? LIMITS.recycleAfterRuns,
      startupTimeoutMs: options.startupTimeoutMs ?? LIMITS.startupTimeoutMs,
      deadlineMarginMs: options.deadlineMarginMs ?? LIMITS.deadlineMarginMs,
      onRestart: options.onRestart,
    };
    this.#slots = new Slots<Slot>(this.#options.size, () => ({ handle: null, busy: false }));
    if (!Number.isInteger(this.#options.maxJobsPerProcess) || this.#options.maxJobsPerProcess < 1) {
      throw new Error("maxJobsPerProcess must be a positive integer");
    }
  }

  /**
   * Resolves the sandbox layers (probing bubblewrap; throws when `requireBwrap` or mode `bwrap` cannot be
   * honoured) and starts every process. Throws InfrastructureError when a process cannot start.
   */
  static async start(options: ExecutorPoolOptions = {}): Promise<ExecutorPool> {
    const pool = new ExecutorPool(await resolveSandbox(options), options);
    await pool.#slots.fill(
      async (slot) => {
        slot.handle = await pool.#spawn();
      },
      () => pool.close(),
    );
    return pool;
  }

  /** Active isolation layers, for the grader's start-up log. */
  describeSandbox(): SandboxLayers {
    return { ...this.#sandbox.layers };
  }

  /** Current processes (launcher pids), for metrics and fault tests. */
  processes(): { pid: number; busy: boolean; jobs: number }[] {
    return this.#slots.all.flatMap((slot) =>
      slot.handle ? [{ pid: slot.handle.pid, busy: slot.busy, jobs: slot.handle.jobs }] : [],
    );
  }

  async run(job: ExecutorJob): Promise<ExecutorRun> {
    if (this.#closing) throw new InfrastructureError("executor pool is closed");
    const slot = await this.#slots.acquire();
    try {
      return await this.#runOn(slot, job);
    } finally {
      this.#slots.release(slot);
    }
  }

  /** Finishes the jobs in flight, then stops every process. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#slots.idle();
      await Promise.all(this.#slots.all.map((slot) => slot.handle?.stop(STOP_GRACE_MS)));
    })();
    return this.#closing;
  }

  async #spawn(): Promise<ExecutorHandle> {
    const command = sandboxedNodeCommand(this.#sandbox, EXECUTOR_SCRIPT, EXECUTOR_IMPORTS, EXECUTOR_NODE_FLAGS);
    try {
      return await ExecutorHandle.start(command, this.#options.startupTimeoutMs);
    } catch (error) {
      throw new InfrastructureError(`executor process could not start: ${(error as Error).message}`);
    }
  }

  async #replace(slot: Slot, reason: RestartReason, detail: string): Promise<void> {
    const old = slot.handle;
    slot.handle = null;
    if (old) {
      if (reason === "recycled" || reason === "cpu-budget") await old.stop(STOP_GRACE_MS);
      else old.kill();
    }
    this.#options.onRestart?.(reason, detail);
    if (!this.#closing || slot.busy) slot.handle = await this.#spawn();
  }

  async #liveHandle(slot: Slot): Promise<ExecutorHandle> {
    if (!slot.handle?.alive)
      await this.#replace(slot, "crashed", slot.handle ? "process died while idle" : "no process");
    if (!slot.handle) throw new InfrastructureError("no executor process");
    return slot.handle;
  }

  /**
   * Sends one request; a crash is retried once on a fresh process (after `prepare` re-creates the job's
   * session there). Returns the reply, or the failure that ends this request.
   */
  async #exchange(
    slot: Slot,
    request: ExecutorRequest,
    deadlineMs: number,
    counters: { restarts: number },
    prepare: (() => Promise<Failure | null>) | null,
  ): Promise<ExecutorReply | Failure> {
    for (let attempt = 1; ; attempt++) {
      const handle = await this.#liveHandle(slot);
      try {
        const reply = await handle.request(request, deadlineMs);
        if ("retire" in reply && reply.retire) {
          counters.restarts++;
          await this.#replace(slot, "stuck", "an isolate ignored termination");
        }
        return reply;
      } catch (error) {
        counters.restarts++;
        if (error instanceof DeadlineError) {
          await this.#replace(slot, "deadline", error.message);
          return MISSED_DEADLINE;
        }
        if (!(error instanceof ExitError)) throw error;
        await this.#replace(slot, "crashed", error.message);
        if (error.outOfMemory || attempt === 2) return crashOutcome(error);
        if (prepare) {
          const failure = await prepare();
          if (failure) return failure;
        }
      }
    }
  }

  /**
   * Runs single-run tests as one `calls` request. Returns their outcomes in order, ending early at the first
   * outcome that is not OK. The deadline restarts on every outcome frame, so each test keeps its own. A crash
   * is handled per test as in #exchange: the rest of the batch is retried once from the test that was running.
   */
  async #batch(
    slot: Slot,
    jobId: number,
    tests: BatchTest[],
    timeLimitMs: number,
    deadlineMs: number,
    counters: { restarts: number },
    prepare: () => Promise<Failure | null>,
  ): Promise<CallOutcome[]> {
    const outcomes: CallOutcome[] = [];
    let crashedAt = -1;
    while (outcomes.length < tests.length) {
      const handle = await this.#liveHandle(slot);
      const request: ExecutorRequest = { type: "calls", jobId, tests: tests.slice(outcomes.length), timeLimitMs };
      let unexpected: string | null = null;
      const takeOutcome = (reply: ExecutorReply): boolean => {
        if (reply.type !== "called" || reply.index !== tests[outcomes.length].index) {
          unexpected = reply.type === "called" ? `outcome for test ${reply.index}` : reply.type;
          return false;
        }
        outcomes.push(reply.outcome);
        return reply.outcome.status === "OK" && !reply.retire && outcomes.length < tests.length;
      };
      try {
        const last = await handle.request(request, deadlineMs, takeOutcome);
        if (unexpected) throw new InfrastructureError(`unexpected executor reply ${unexpected}`);
        if ("retire" in last && last.retire) {
          counters.restarts++;
          await this.#replace(slot, "stuck", "an isolate ignored termination");
        }
        return outcomes;
      } catch (error) {
        if (!(error instanceof DeadlineError || error instanceof ExitError)) throw error;
        counters.restarts++;
        if (error instanceof DeadlineError) {
          await this.#replace(slot, "deadline", error.message);
          outcomes.push(MISSED_DEADLINE);
          return outcomes;
        }
        await this.#replace(slot, "crashed", error.message);
        const running = tests[outcomes.length].index;
        if (error.outOfMemory || crashedAt === running) {
          outcomes.push(crashOutcome(error));
          return outcomes;
        }
        crashedAt = running;
        const failure = await prepare();
        if (failure) {
          outcomes.push(failure);
          return outcomes;
        }
      }
    }
    return outcomes;
  }

  async #runOn(slot: Slot, job: ExecutorJob): Promise<ExecutorRun> {
    const jobId = this.#nextJobId++;
    const margin = this.#options.deadlineMarginMs;
    const counters = { restarts: 0 };
    const start: ExecutorRequest = {
      type: "start",
      jobId,
      script: job.script,
      functionName: job.functionName,
      memoryLimitMb: job.memoryLimitMb,
      timeLimitMs: job.timeLimitMs,
      maxOutputElements: job.maxOutputElements ?? 4_000_000,
      maxOutputBytes: job.maxOutputBytes ?? LIMITS.maxOutputBytes,
    };
    const startDeadline = job.timeLimitMs + ISOLATE_CREATION_MS + margin;
    // A call may first rebuild an isolate its predecessor broke (timeout, memory), then run for its limit.
    const callDeadline = (runs: number) => startDeadline + job.timeLimitMs * runs;
    // The process that holds this job's session (null after it was replaced).
    const session: { on: ExecutorHandle | null } = { on: null };
    const openSession = async (): Promise<Failure | null> => {
      const reply = await this.#exchange(slot, start, startDeadline, counters, null);
      if (!("type" in reply)) return reply;
      if (reply.type !== "started") throw new InfrastructureError(`unexpected executor reply ${reply.type}`);
      session.on = reply.retire ? null : slot.handle;
      return reply.setup.status === "OK" ? null : reply.setup;
    };

    const setupFailure = await openSession();
    const outcomes: CallOutcome[] = [];
    let index = 0;
    while (!setupFailure && index < job.tests.length) {
      const runs = job.runsPerTest?.[index] ?? 1;
      if (!Number.isInteger(runs) || runs < 1 || runs > 20)
        throw new RangeError(`runs per test must be 1..20, got ${runs}`);
      // A replaced process has no session: open one there first (its failure is this test's outcome).
      const reopened = session.on === slot.handle && slot.handle?.alive ? null : await openSession();
      let batch: CallOutcome[];
      if (reopened) batch = [reopened];
      else if (runs === 1) {
        const tests = nextBatch(job.tests, job.runsPerTest, index);
        batch = await this.#batch(slot, jobId, tests, job.timeLimitMs, callDeadline(1), counters, openSession);
      } else {
        const call = async (from: number, count: number, timedMs: number[]): Promise<CallOutcome> => {
          const args = (run: number) =>
            run === 0 ? job.tests[index] : (job.argsOfRun?.(index, run) ?? job.tests[index]);
          const request: ExecutorRequest = {
            type: "call",
            jobId,
            index,
            runs: Array.from({ length: count }, (_, offset) => [...args(from + offset)]),
            timedMs,
            firstTimed: from > 0,
            timeLimitMs: job.timeLimitMs,
          };
          const reply = await this.#exchange(slot, request, callDeadline(count), counters, openSession);
          if (!("type" in reply)) return reply;
          if (reply.type !== "called") throw new InfrastructureError(`unexpected executor reply ${reply.type}`);
          return reply.outcome;
        };
        batch = [await repeatedCall(runs, call)];
      }
      // Outcomes after the first `false` are dropped: those tests count as not run.
      const stopped = batch.findIndex((outcome, offset) => job.shouldContinue?.(index + offset, outcome) === false);
      outcomes.push(...(stopped === -1 ? batch : batch.slice(0, stopped + 1)));
      if (stopped !== -1) break;
      index += batch.length;
    }
    await this.#endSession(slot, jobId, session.on);
    return { setup: setupFailure ?? { status: "OK" }, outcomes, restarts: counters.restarts };
  }

  async #endSession(slot: Slot, jobId: number, sessionOn: ExecutorHandle | null): Promise<void> {
    const handle = slot.handle;
    if (!handle?.alive) return;
    handle.jobs++;
    if (sessionOn === handle) {
      try {
        const reply = await handle.request({ type: "end", jobId }, END_DEADLINE_MS);
        if (reply.type === "ended") handle.cpuMs = reply.cpuMs;
      } catch (error) {
        await this.#replace(slot, "crashed", `while ending a job: ${(error as Error).message}`);
        return;
      }
    }
    if (handle.jobs >= this.#options.maxJobsPerProcess) {
      await this.#replace(slot, "recycled", `after ${handle.jobs} jobs`);
    } else if (handle.cpuMs > this.#sandbox.limits.cpuSeconds * 500) {
      // Replaced at half its RLIMIT_CPU so the kernel limit never fires in the middle of a job.
      await this.#replace(slot, "cpu-budget", `after ${Math.round(handle.cpuMs)} ms of CPU`);
    }
  }
}
