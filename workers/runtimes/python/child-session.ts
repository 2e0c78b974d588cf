// One child of a zygote, from fork to exit, as a queue of events the caller awaits with deadlines. Each
// session decodes its own child's frames from scratch: nothing of an earlier child can be read as this one's.
import { performance } from "node:perf_hooks";
import { InfrastructureError } from "../../sandbox/errors.ts";
import { FrameDecoder } from "../../sandbox/framing.ts";
import { type ChildFrame, childFrame } from "./child-frames.ts";
import type { ExitReport } from "./outcomes.ts";
import { parseFrame } from "./values.ts";
import type { Zygote } from "./zygote.ts";

export type ChildEvent =
  /** `at`: when this process read it; `zygoteAt`: when the zygote did, on its own clock (zygote.ts). */
  | { type: "frame"; frame: ChildFrame; at: number; zygoteAt: number }
  /** Bytes on the child's channel that are not a well-formed frame (or a frame over the size cap). */
  | { type: "malformed"; at: number }
  | { type: "exited"; report: ExitReport }
  /** The zygote holds the bytes of the last `hold` (it answers nothing else). */
  | { type: "held" }
  /** The zygote started handing the held bytes to the child, at `zygoteAt` on its clock. */
  | { type: "released"; zygoteAt: number }
  | { type: "deadline" };

/** The child's run configuration (harness/child.py reads the same fields). */
export type ChildConfig = {
  /** check: parse and check only; run: load and answer tests; adapt: decode and adapt tests, no learner code. */
  mode: "run" | "adapt";
  code: string;
  functionName: string;
  forbiddenNames: readonly string[];
  argKinds: readonly string[] | null;
  memoryLimitMb: number;
  /** RLIMIT_CPU (hard) of the child, whole seconds. */
  cpuSeconds: number;
  /** CPU seconds for compiling and loading the module. */
  setupSeconds: number;
  captureOutput: boolean;
  maxOutputBytes: number;
  maxStdoutBytes: number;
  /** Tests the child will be sent: it exits after answering that many (no kill needed). */
  testCount: number;
  /**
   * Tests only (PythonRuntimeOptions.testing): the loader rules (ctypes, _imp, ...) are not applied, so a
   * regression test can scan the child's own memory. The grader never sets it; nothing in a submission can.
   */
  allowLoadersForTests?: boolean;
};

/** How long a zygote may take to report a killed child before the whole sandbox is replaced. */
const EXIT_DEADLINE_MS = 3000;

export class ChildSession {
  readonly #zygote: Zygote;
  readonly #runId: number;
  readonly #events: ChildEvent[] = [];
  #waiter: ((event: ChildEvent) => void) | null = null;
  #exit: ExitReport | null = null;
  #failure: string | null = null;
  #broken = false;
  #killedAtDeadline = false;

  private constructor(zygote: Zygote, runId: number) {
    this.#zygote = zygote;
    this.#runId = runId;
  }

  /**
   * Asks the zygote for a child. Input can be sent at once: the zygote hands it to the child it forks first.
   * A zygote that cannot fork or has died makes the next `next()` throw InfrastructureError.
   */
  static open(zygote: Zygote, runId: number, config: ChildConfig, maxFrameBytes: number): ChildSession {
    const session = new ChildSession(zygote, runId);
    const decoder = new FrameDecoder(parseFrame, maxFrameBytes);
    zygote.fork(runId, config, {
      output: (chunk, zygoteAt) => session.#output(decoder, chunk, zygoteAt),
      held: () => session.#push({ type: "held" }),
      released: (zygoteAt) => session.#push({ type: "released", zygoteAt }),
      exited: (report) => {
        session.#exit = report;
        session.#push({ type: "exited", report });
      },
      failed: (reason) => {
        session.#failure = reason;
        session.#wake();
      },
    });
    return session;
  }

  get killedAtDeadline(): boolean {
    return this.#killedAtDeadline;
  }

  send(data: Buffer): void {
    this.#zygote.send(this.#runId, data);
  }

  /**
   * Bytes the zygote keeps for the child until `release` (a "held" event says they are all there; a "released"
   * event, when they started on their way).
   */
  hold(data: Buffer): void {
    this.#zygote.hold(this.#runId, data);
  }

  release(): void {
    this.#zygote.release(this.#runId);
  }

  /**
   * The next event, or a deadline event after `timeoutMs` (the child is then killed; its exit follows).
   * Throws InfrastructureError when the zygote died.
   */
  next(timeoutMs: number): Promise<ChildEvent> {
    const queued = this.#events.shift();
    if (queued) return Promise.resolve(queued);
    if (this.#failure !== null) return Promise.reject(new InfrastructureError(this.#failure));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = null;
        this.#killedAtDeadline = true;
        this.#zygote.killChild(this.#runId);
        resolve({ type: "deadline" });
      }, timeoutMs);
      this.#waiter = (event) => {
        clearTimeout(timer);
        this.#waiter = null;
        if (this.#failure !== null) reject(new InfrastructureError(this.#failure));
        else resolve(event);
      };
    });
  }

  /** Kills the child (unless it already exited) and waits for its exit report; replaces the zygote if it hangs. */
  async finish(): Promise<ExitReport> {
    if (this.#exit) return this.#exit;
    if (this.#failure !== null) throw new InfrastructureError(this.#failure);
    this.#zygote.killChild(this.#runId);
    for (;;) {
      const event = await this.next(EXIT_DEADLINE_MS);
      if (event.type === "exited") return event.report;
      if (event.type === "deadline") {
        this.#zygote.kill();
        throw new InfrastructureError(`the zygote did not report its child within ${EXIT_DEADLINE_MS} ms`);
      }
    }
  }

  #output(decoder: FrameDecoder, chunk: Buffer, zygoteAt: number): void {
    if (this.#broken) return;
    const at = performance.now();
    let messages: unknown[];
    try {
      messages = decoder.push(chunk);
    } catch {
      this.#broken = true;
      this.#push({ type: "malformed", at });
      return;
    }
    for (const message of messages) {
      const parsed = childFrame.safeParse(message);
      if (!parsed.success) {
        this.#broken = true;
        this.#push({ type: "malformed", at });
        return;
      }
      this.#push({ type: "frame", frame: parsed.data, at, zygoteAt });
    }
  }

  #push(event: ChildEvent): void {
    if (this.#waiter) this.#waiter(event);
    else this.#events.push(event);
  }

  #wake(): void {
    // A pending next() learns of the zygote's death through #failure.
    this.#waiter?.({ type: "deadline" });
  }
}
