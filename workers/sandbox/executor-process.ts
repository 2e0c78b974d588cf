// The long-lived executor process. It reads requests framed on stdin and answers on stdout; for every job
// it creates a fresh isolated-vm isolate, runs the learner's script and then each test call with a timeout.
// Its runtime imports are kept to isolated-vm and ./bulk-frames.ts, ./harness.ts, ./printed-output.ts and ./timed-runs.ts,
// the files bound into the bubblewrap sandbox. Each run of a performance test gets inputs of its own, copied into
// the isolate only when the run starts; the pool sends the first runs' inputs in one `call` (run back to back,
// as a warm JIT needs) and any later run in a `call` of its own. It exits when stdin closes (the parent went away).
import { createRequire } from "node:module";
import { BulkFrameDecoder, writeBulkFrame } from "./bulk-frames.ts";
import { HARNESS_SOURCE } from "./harness.ts";
import { printedOutput } from "./printed-output.ts";
import type { CallOutcome, CallRequest, ExecutorReply, ExecutorRequest, StartRequest } from "./protocol.ts";
import { timedEnough } from "./timed-runs.ts";

type Ivm = typeof import("isolated-vm");
type Isolate = import("isolated-vm").Isolate;
type Context = import("isolated-vm").Context;
type Reference = import("isolated-vm").Reference;

const ivm: Ivm = createRequire(import.meta.url)("isolated-vm");

/** Extra wall time past a call's limit before this process gives up on an isolate that ignores termination. */
const STUCK_GRACE_MS = 150;
/** Timeout of each harness setup call in a spare isolate (the harness's own code, no learner input). */
const SPARE_SETUP_MS = 2000;
const SOLUTION_FILENAME = "solution.js";
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

type Harness = { stage: Reference; run: Reference; take: Reference };

type Session = {
  jobId: number;
  request: StartRequest;
  isolate: Isolate | null;
  harness: Harness | null;
};

type Failure = Exclude<CallOutcome, { status: "OK" }>;

class StuckError extends Error {}

/** What the harness's `take` returns: data the harness built, never a learner object (see harness.ts). */
type Taken = ({ ok: true; value: unknown } | { ok: false; origin: "sandbox" | "learner"; message: string }) & {
  /** What console.* printed during the call (the harness keeps a bounded prefix; `outputCut` when it dropped some). */
  output?: string;
  outputCut?: boolean;
};

let session: Session | null = null;
let retired = false;

function send(reply: ExecutorReply): void {
  writeBulkFrame(process.stdout, reply);
}

function elapsedMs(start: bigint): number {
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Races an isolate operation against a host deadline: some V8 builtins ignore the isolate's timeout. */
async function withDeadline<T>(operation: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StuckError(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([operation, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * After a host deadline: an isolate that still answers was only waiting (a promise that never settles) and
 * can be disposed; one that does not is stuck in a builtin and its process must be replaced.
 */
async function responsive(isolate: Isolate): Promise<boolean> {
  if (isolate.isDisposed) return true;
  try {
    await withDeadline(isolate.compileScript("0"), STUCK_GRACE_MS);
    return true;
  } catch {
    return false;
  }
}

function failureFrom(error: unknown, isolate: Isolate, limitMs: number): Failure {
  if (isolate.isDisposed) {
    return { status: "MEMORY_LIMIT_EXCEEDED", message: "memory limit exceeded", origin: "sandbox" };
  }
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof StuckError || /timed out/i.test(message)) {
    return { status: "TIME_LIMIT_EXCEEDED", message: `time limit of ${limitMs} ms exceeded`, origin: "sandbox" };
  }
  // Any other error from isolated-vm may carry the learner's text (a top-level throw).
  const status = /memory|allocation failed/i.test(message) ? "MEMORY_LIMIT_EXCEEDED" : "RUNTIME_ERROR";
  return { status, message: message.slice(0, 300), origin: "learner" };
}

const BYTES_PER_MB = 1024 * 1024;

/** Memory the isolate holds now: its committed V8 heap and the array buffers allocated outside it. */
function memoryInUseMb(isolate: Isolate): number {
  const heap = isolate.getHeapStatisticsSync();
  return (heap.total_heap_size + heap.externally_allocated_size) / BYTES_PER_MB;
}

/** Drops the session's isolate; one stuck in a builtin is abandoned, not disposed (that could block). */
function disposeSession(current: Session): void {
  if (current.isolate && !current.isolate.isDisposed && !retired) current.isolate.dispose();
  current.isolate = null;
  current.harness = null;
}

type FreshIsolate = { isolate: Isolate; context: Context; prepare: Reference; harness: Harness };

/** Loads the harness into a new isolate: the part of a job's setup that does not depend on the learner's code. */
async function withHarness(isolate: Isolate, request: StartRequest, limit: number): Promise<FreshIsolate> {
  const context = await isolate.createContext();
  const factory: Reference = await context.eval(HARNESS_SOURCE, { reference: true, timeout: limit });
  const harnessObject = (await factory.apply(undefined, [request.maxOutputElements, request.maxOutputBytes], {
    reference: true,
    timeout: limit,
  })) as Reference;
  const member = (name: string) => harnessObject.get(name, { reference: true }) as Promise<Reference>;
  const [prepare, stage, run, take] = await Promise.all(["prepare", "stage", "run", "take"].map(member));
  return { isolate, context, prepare, harness: { stage, run, take } };
}

/**
 * A fresh isolate with the harness loaded, made while the process waits for its next job (no learner code
 * has run in it), so a job's setup is left with compiling and running the learner's script.
 */
let spare: { key: string; ready: Promise<FreshIsolate | null> } | null = null;

const spareKey = (request: StartRequest) =>
  `${request.memoryLimitMb}:${request.maxOutputElements}:${request.maxOutputBytes}`;

function makeSpare(request: StartRequest): void {
  let isolate: Isolate;
  try {
    isolate = new ivm.Isolate({ memoryLimit: request.memoryLimitMb });
  } catch {
    return; // the next job creates its own (and reports what fails)
  }
  const ready = withHarness(isolate, request, SPARE_SETUP_MS).catch(() => {
    if (!isolate.isDisposed) isolate.dispose();
    return null;
  });
  spare = { key: spareKey(request), ready };
}

/** The spare when it was made for the same limits; another one is dropped. */
function takeSpare(request: StartRequest): Promise<FreshIsolate | null> | null {
  const taken = spare;
  spare = null;
  if (!taken) return null;
  if (taken.key === spareKey(request)) return taken.ready;
  void taken.ready.then((fresh) => {
    if (fresh && !fresh.isolate.isDisposed) fresh.isolate.dispose();
  });
  return null;
}

/** Takes the spare isolate (or creates one) with the harness, then the learner's function; a failure is the job's setup outcome. */
async function setUp(current: Session): Promise<Failure | null> {
  const { request } = current;
  const limit = request.timeLimitMs;
  const spareReady = takeSpare(request);
  try {
    return await withDeadline(
      (async () => {
        let fresh = spareReady ? await spareReady : null;
        if (fresh) current.isolate = fresh.isolate;
        else {
          current.isolate = new ivm.Isolate({ memoryLimit: request.memoryLimitMb });
          fresh = await withHarness(current.isolate, request, limit);
        }
        const { isolate, context, prepare, harness } = fresh;
        const script = await isolate.compileScript(request.script, { filename: SOLUTION_FILENAME });
        await script.run(context, { timeout: limit });
        const name = request.functionName;
        // Top-level declarations (function, const, let) share the global lexical scope with later scripts;
        // `export`ed functions of the transpiled module land on module.exports.
        const lookup = `typeof ${name} === "function" ? ${name} : typeof module === "object" && module !== null && module.exports ? module.exports.${name} ?? module.exports.default : undefined`;
        const candidate: Reference = await context.eval(lookup, { reference: true, timeout: limit });
        const found = await prepare.apply(undefined, [candidate.derefInto()], { timeout: limit });
        if (found !== true) {
          const message = `the solution does not define a function named ${name}`;
          return { status: "RUNTIME_ERROR" as const, message, origin: "sandbox" as const };
        }
        current.harness = harness;
        return null;
      })(),
      limit + STUCK_GRACE_MS,
    );
  } catch (error) {
    if (error instanceof StuckError) retired = true;
    // No isolate: creating one failed, which is a fault of this process, not of the learner's code.
    if (!current.isolate) throw error;
    const failure = failureFrom(error, current.isolate, limit);
    disposeSession(current);
    return failure;
  }
}

async function call(current: Session, args: unknown[], limit: number): Promise<CallOutcome> {
  if (!current.harness) {
    // The previous call broke the isolate (timeout, memory): each later test gets a fresh one.
    const failure = await setUp(current);
    if (failure) return failure;
  }
  const harness = current.harness;
  const isolate = current.isolate;
  if (!harness || !isolate) throw new Error("isolate missing after setup");
  let started = process.hrtime.bigint();
  const argsCopy = new ivm.ExternalCopy(args);
  try {
    // stage and take run only the harness's own bounded code: synchronous calls skip two thread hops.
    harness.stage.applySync(undefined, [argsCopy.copyInto()], { timeout: limit });
    started = process.hrtime.bigint();
    await withDeadline(
      harness.run.apply(undefined, [], { timeout: limit, result: { promise: true } }),
      limit + STUCK_GRACE_MS,
    );
    const runtimeMs = elapsedMs(started);
    const taken = harness.take.applySync(undefined, [], { timeout: limit, result: { copy: true } }) as Taken;
    const memoryMb = memoryInUseMb(isolate);
    const printed =
      typeof taken.output === "string" ? { output: printedOutput(taken.output, taken.outputCut === true) } : {};
    if (taken.ok) return { status: "OK", value: taken.value, runtimeMs, memoryMb, ...printed };
    // isolated-vm refuses ArrayBuffers beyond the isolate's memory limit with this RangeError. Code that
    // throws the same text itself only gets the same fixed message: no text of its own comes through.
    if (taken.origin === "learner" && taken.message === "RangeError: Array buffer allocation failed") {
      return {
        status: "MEMORY_LIMIT_EXCEEDED",
        message: "memory limit exceeded (array buffer allocation failed)",
        origin: "sandbox",
        runtimeMs,
      };
    }
    return { status: "RUNTIME_ERROR", message: taken.message, origin: taken.origin, runtimeMs, memoryMb, ...printed };
  } catch (error) {
    const runtimeMs = elapsedMs(started);
    if (error instanceof StuckError && !(await responsive(isolate))) retired = true;
    const failure = failureFrom(error, isolate, limit);
    if (failure.status !== "RUNTIME_ERROR" || isolate.isDisposed) disposeSession(current);
    return { ...failure, runtimeMs };
  } finally {
    argsCopy.release();
  }
}

/** The runs of a `call` request, back to back, until one fails or the timed runs are enough. */
async function callRuns(current: Session, request: CallRequest): Promise<CallOutcome> {
  const [firstArgs, ...laterArgs] = request.runs;
  const first = await call(current, firstArgs ?? [], request.timeLimitMs);
  if (first.status !== "OK") return first;
  const timedRunsMs = request.firstTimed ? [first.runtimeMs] : [];
  const timedRunValues = request.firstTimed ? [first.value] : [];
  let memoryMb = first.memoryMb;
  for (const args of laterArgs) {
    if (timedEnough([...request.timedMs, ...timedRunsMs])) break;
    const outcome = await call(current, args, request.timeLimitMs);
    if (outcome.status !== "OK") return outcome;
    timedRunsMs.push(outcome.runtimeMs);
    timedRunValues.push(outcome.value);
    if (outcome.memoryMb !== undefined) memoryMb = Math.max(memoryMb ?? 0, outcome.memoryMb);
  }
  return { ...first, ...(memoryMb !== undefined && { memoryMb }), timedRunsMs, timedRunValues };
}

async function handle(request: ExecutorRequest): Promise<void> {
  switch (request.type) {
    case "start": {
      if (session) disposeSession(session);
      if (!IDENTIFIER.test(request.functionName)) throw new Error(`invalid function name ${request.functionName}`);
      session = { jobId: request.jobId, request, isolate: null, harness: null };
      const failure = await setUp(session);
      send({ type: "started", jobId: request.jobId, setup: failure ?? { status: "OK" }, retire: retired });
      return;
    }
    case "call": {
      if (!session || session.jobId !== request.jobId) throw new Error(`call for unknown job ${request.jobId}`);
      const outcome = await callRuns(session, request);
      send({ type: "called", jobId: request.jobId, index: request.index, outcome, retire: retired });
      return;
    }
    case "calls": {
      if (!session || session.jobId !== request.jobId) throw new Error(`calls for unknown job ${request.jobId}`);
      for (const test of request.tests) {
        const outcome = await call(session, test.args, request.timeLimitMs);
        send({ type: "called", jobId: request.jobId, index: test.index, outcome, retire: retired });
        // A broken isolate (or a stuck one) must not run the rest of the batch.
        if (outcome.status !== "OK" || retired) return;
      }
      return;
    }
    case "end": {
      const ended = session && session.jobId === request.jobId ? session : null;
      if (ended) {
        disposeSession(ended);
        session = null;
      }
      const usage = process.cpuUsage();
      send({ type: "ended", jobId: request.jobId, cpuMs: (usage.user + usage.system) / 1000 });
      // The next job most likely has the same limits (the same problem, or the defaults).
      if (ended && !retired && !spare) makeSpare(ended.request);
      return;
    }
  }
}

function main(): void {
  const decoder = new BulkFrameDecoder();
  let queue = Promise.resolve();
  process.stdin.on("data", (chunk: Buffer) => {
    for (const message of decoder.push(chunk)) {
      // One request at a time, in order: the pool never pipelines, but a stray frame must not interleave.
      queue = queue
        .then(() => handle(message as ExecutorRequest))
        .catch((error: unknown) => {
          process.stderr.write(`executor protocol error: ${error instanceof Error ? error.message : String(error)}\n`);
          process.exit(3);
        });
    }
  });
  process.stdin.on("end", () => process.exit(0));
  process.stdout.on("error", () => process.exit(0));
  send({ type: "ready", pid: process.pid });
}

main();
