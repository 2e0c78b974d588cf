// Type errors in a learner's TypeScript are warnings, never a verdict (README, "How grading works"). The check runs
// in a worker thread next to the grading, so it costs the learner no wall time when a core is free.
//
// Priority: while the tests run, the checker thread has nice 19, so the executors, the database and the API
// get the CPU first (measured at 50 submissions/s: submit→verdict p50 16–22 ms, against 21–57 ms at normal
// priority; nice 10 was not enough). Once a grading has nothing left to wait for but its check, expediting
// that check gives the thread normal priority until it is answered, so a busy machine cannot starve a verdict. Linux
// lets a process set one thread's nice value, but raising it back needs CAP_SYS_NICE (root in a container):
// without it the thread simply keeps normal priority.
//
// Limits: CPU time of the thread (types can be made pathological), with a far wall-clock cap. A check over
// either, or out of memory, is skipped with a warning and the worker is replaced.

import { createHash } from "node:crypto";
import { getPriority, setPriority } from "node:os";
import { Worker } from "node:worker_threads";
import {
  CHECKER_THREAD,
  type TypeCheckerReady,
  type TypeCheckReply,
  type TypeCheckRequest,
  type TypeDiagnostic,
} from "./protocol.ts";

export type TypeCheckerOptions = {
  /** CPU time the checker may spend while a check waits for its answer. Default 3000 ms. */
  cpuBudgetMs?: number;
  /** Wall time a check may wait (once the worker is ready), however idle the checker. Default 30 000 ms. */
  maxWaitMs?: number;
  /** Loading the compiler and the standard library; checks wait for it. Default 30 000 ms. */
  startupTimeoutMs?: number;
  /** Heap of the worker thread. Default 256 MB. */
  maxHeapMb?: number;
};

/** At most this many type errors become warnings; the rest are counted. */
const MAX_REPORTED_ERRORS = 10;
const MAX_MESSAGE_CHARS = 300;
/** Identical code is common (run the samples, then submit): its warnings are remembered. */
const CACHE_ENTRIES = 256;
/** How every warning about a check that did not run to its end begins. */
export const TYPE_CHECK_SKIPPED = "type check skipped";

/** `posted`: when the request went to the worker, in wall time and the worker's CPU time (ms). */
/** A check in flight: the warnings to come, and a way to say they are awaited now. */
export type TypeCheck = Promise<string[]> & { expedite(): void };

type Pending = { resolve: (warnings: string[]) => void; posted: { atMs: number; cpuMs: number } | null };
/** `threadId` is set when the worker is ready and its priority can be set both ways. */
type CheckerThread = { worker: Worker; ready: Promise<boolean>; threadId: number | null; nice: number };

const LOW_PRIORITY = 19;
const NORMAL_PRIORITY = 0;

/** Whether this process may move the thread's nice value both ways (tested by going below normal, then back). */
function canPrioritize(threadId: number): boolean {
  try {
    setPriority(threadId, NORMAL_PRIORITY - 1);
    setPriority(threadId, NORMAL_PRIORITY);
    return getPriority(threadId) === NORMAL_PRIORITY;
  } catch {
    return false;
  }
}

/** CPU time the worker thread has used, in ms; null once it has stopped. */
async function cpuTimeMs(worker: Worker): Promise<number | null> {
  try {
    const usage = await worker.cpuUsage();
    return (usage.user + usage.system) / 1000;
  } catch {
    return null;
  }
}

function formatWarnings(errors: TypeDiagnostic[]): string[] {
  const shown = errors.slice(0, MAX_REPORTED_ERRORS).map((error) => {
    const message =
      error.message.length > MAX_MESSAGE_CHARS ? `${error.message.slice(0, MAX_MESSAGE_CHARS)}…` : error.message;
    return `type error at ${error.line}:${error.column}: ${message} (TS${error.code})`;
  });
  const hidden = errors.length - shown.length;
  return hidden > 0 ? [...shown, `… and ${hidden} more type error${hidden === 1 ? "" : "s"}`] : shown;
}

export class TypeChecker {
  readonly #options: Required<TypeCheckerOptions>;
  readonly #pending = new Map<number, Pending>();
  readonly #cache = new Map<string, string[]>();
  #thread: CheckerThread | null = null;
  #watchdog: NodeJS.Timeout | null = null;
  /** Checks somebody is waiting for: while one is in flight the thread has normal priority. */
  readonly #expedited = new Set<number>();
  #nextId = 1;
  #closed = false;

  constructor(options: TypeCheckerOptions = {}) {
    this.#options = {
      cpuBudgetMs: options.cpuBudgetMs ?? 3000,
      maxWaitMs: options.maxWaitMs ?? 30_000,
      startupTimeoutMs: options.startupTimeoutMs ?? 30_000,
      maxHeapMb: options.maxHeapMb ?? 256,
    };
  }

  /** Loads the compiler ahead of the first check; resolves false when it could not start. */
  warmUp(): Promise<boolean> {
    return this.#closed ? Promise.resolve(false) : this.#current().ready;
  }

  /** True when the checker thread runs at low priority until expedited (see the file's header). */
  get prioritizes(): boolean {
    return this.#thread?.threadId != null;
  }

  /** The checker thread's kernel id while it runs at managed priority (for tests and diagnostics). */
  get threadId(): number | null {
    return this.#thread?.threadId ?? null;
  }

  /**
   * The type errors of `code` as warnings. Never rejects: a check that cannot finish says so in a warning.
   * It runs at low priority; `expedite()` on the returned promise says its caller now waits for it.
   */
  check(code: string): TypeCheck {
    const id = this.#nextId++;
    return Object.assign(this.#check(id, code), { expedite: () => this.#expedite(id) });
  }

  #expedite(id: number): void {
    if (!this.#pending.has(id)) return;
    this.#expedited.add(id);
    this.#applyPriority();
  }

  async #check(id: number, code: string): Promise<string[]> {
    if (this.#closed) return [`${TYPE_CHECK_SKIPPED}: the grader is shutting down`];
    const key = createHash("sha256").update(code).digest("base64");
    const cached = this.#cache.get(key);
    if (cached) {
      // Refresh its place in the LRU order.
      this.#cache.delete(key);
      this.#cache.set(key, cached);
      return cached;
    }
    const answer = new Promise<string[]>((resolve) => this.#pending.set(id, { resolve, posted: null }));
    const thread = this.#current();
    const cpuMs = (await thread.ready) ? await cpuTimeMs(thread.worker) : null;
    const pending = this.#pending.get(id);
    if (cpuMs === null) {
      this.#settle(id, [`${TYPE_CHECK_SKIPPED}: the checker could not start`]);
    } else if (pending && this.#thread === thread) {
      pending.posted = { atMs: performance.now(), cpuMs };
      const request: TypeCheckRequest = { id, code };
      thread.worker.postMessage(request);
      this.#applyPriority();
      this.#watch();
    } else {
      this.#settle(id, [`${TYPE_CHECK_SKIPPED}: the checker was restarted`]);
    }
    const warnings = await answer;
    if (!warnings.some((warning) => warning.startsWith(TYPE_CHECK_SKIPPED))) this.#remember(key, warnings);
    return warnings;
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#watchdog) clearInterval(this.#watchdog);
    this.#watchdog = null;
    const thread = this.#thread;
    this.#thread = null;
    this.#settleAll(`${TYPE_CHECK_SKIPPED}: the grader is shutting down`);
    await thread?.worker.terminate();
  }

  /** While checks are in flight, compares what they have cost with the limits. */
  #watch(): void {
    if (this.#watchdog) return;
    const every = Math.max(10, Math.min(250, this.#options.cpuBudgetMs, this.#options.maxWaitMs));
    this.#watchdog = setInterval(() => void this.#enforceLimits(), every);
  }

  async #enforceLimits(): Promise<void> {
    const thread = this.#thread;
    const posted = [...this.#pending].filter(([, pending]) => pending.posted);
    if (!thread || posted.length === 0) {
      if (this.#pending.size === 0 && this.#watchdog) {
        clearInterval(this.#watchdog);
        this.#watchdog = null;
      }
      return;
    }
    const cpuMs = await cpuTimeMs(thread.worker);
    const now = performance.now();
    for (const [id, pending] of posted) {
      const { atMs, cpuMs: cpuAtPost } = pending.posted as { atMs: number; cpuMs: number };
      const overBudget = cpuMs !== null && cpuMs - cpuAtPost > this.#options.cpuBudgetMs;
      if (!overBudget && now - atMs <= this.#options.maxWaitMs) continue;
      this.#settle(id, [
        overBudget
          ? `${TYPE_CHECK_SKIPPED}: it used more than ${this.#options.cpuBudgetMs} ms of CPU`
          : `${TYPE_CHECK_SKIPPED}: no answer within ${this.#options.maxWaitMs} ms`,
      ]);
      this.#restart(thread, `${TYPE_CHECK_SKIPPED}: the checker was restarted`);
      return;
    }
  }

  #applyPriority(): void {
    const thread = this.#thread;
    if (thread?.threadId == null) return;
    const nice = this.#expedited.size > 0 ? NORMAL_PRIORITY : LOW_PRIORITY;
    if (thread.nice === nice) return;
    try {
      setPriority(thread.threadId, nice);
      thread.nice = nice;
    } catch {
      // the thread is gone (a restart races this); the next thread is set up afresh
    }
  }

  #remember(key: string, warnings: string[]): void {
    if (this.#cache.size >= CACHE_ENTRIES) this.#cache.delete(this.#cache.keys().next().value as string);
    this.#cache.set(key, warnings);
  }

  #current(): CheckerThread {
    if (this.#thread) return this.#thread;
    const worker = new Worker(new URL("./worker.ts", import.meta.url), {
      workerData: CHECKER_THREAD,
      resourceLimits: { maxOldGenerationSizeMb: this.#options.maxHeapMb },
    });
    let startupTimer: NodeJS.Timeout | undefined;
    let started: (ok: boolean) => void = () => undefined;
    const ready = new Promise<boolean>((resolve) => {
      started = resolve;
      startupTimer = setTimeout(() => resolve(false), this.#options.startupTimeoutMs);
    }).then((ok) => {
      clearTimeout(startupTimer);
      if (!ok) this.#restart(thread, `${TYPE_CHECK_SKIPPED}: the checker could not start`);
      return ok;
    });
    const thread: CheckerThread = { worker, ready, threadId: null, nice: NORMAL_PRIORITY };
    worker.on("message", (message: TypeCheckReply | TypeCheckerReady) => {
      if ("ready" in message) {
        if (message.threadId !== null && canPrioritize(message.threadId)) thread.threadId = message.threadId;
        started(true);
      } else this.#settle(message.id, formatWarnings(message.errors));
    });
    // Out of memory, or a bug in the checker: the checks in flight are skipped, the next one starts a new worker.
    worker.on("error", (error) => {
      started(false);
      this.#restart(thread, `${TYPE_CHECK_SKIPPED}: ${error.message}`);
    });
    worker.on("exit", () => {
      started(false);
      this.#restart(thread, `${TYPE_CHECK_SKIPPED}: the checker stopped`);
    });
    // Only checks in flight keep the process alive.
    worker.unref();
    this.#thread = thread;
    return thread;
  }

  /** Skips every check in flight on `thread` and drops it (a new one starts on the next check). */
  #restart(thread: CheckerThread, reason: string): void {
    if (this.#thread !== thread) return;
    this.#thread = null;
    this.#settleAll(reason);
    void thread.worker.terminate();
  }

  #settle(id: number, warnings: string[]): void {
    const pending = this.#pending.get(id);
    if (!pending) return;
    this.#pending.delete(id);
    pending.resolve(warnings);
    if (this.#expedited.delete(id)) this.#applyPriority();
  }

  #settleAll(reason: string): void {
    for (const id of [...this.#pending.keys()]) this.#settle(id, [reason]);
  }
}
