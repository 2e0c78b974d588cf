// One executor child process as seen from the pool: framed requests with a wall-clock deadline each,
// the tail of its stderr (evidence when it dies), and how it ended.
import { type ChildProcess, type ChildProcessWithoutNullStreams, type StdioPipe, spawn } from "node:child_process";
import type { Writable } from "node:stream";
import { BulkFrameDecoder, writeBulkFrame } from "./bulk-frames.ts";
import { type LaunchCommand, SECCOMP_FD } from "./launcher.ts";
import type { ExecutorReply, ExecutorRequest } from "./protocol.ts";

const STDERR_TAIL_BYTES = 8192;

/** Closes a process's stdin (it then exits on its own) and SIGKILLs it if it is still there after `graceMs`. */
export async function stopGracefully(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
  child.stdin?.end();
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

/** The process missed a wall-clock deadline and was killed. */
export class DeadlineError extends Error {}

/** The process exited (or its pipes broke) while a request was outstanding. */
export class ExitError extends Error {
  readonly outOfMemory: boolean;
  constructor(message: string, outOfMemory: boolean) {
    super(message);
    this.outOfMemory = outOfMemory;
  }
}

// What V8 or the C++ runtime prints when an allocation kills the whole process (isolated-vm issue #527,
// RLIMIT_AS reached, heap limit of the host isolate).
const OUT_OF_MEMORY_EVIDENCE =
  /out of memory|is_heap_oom = 1|allocation failed|heap limit|invalid (array|table) size|bad_alloc|Cannot allocate memory/i;

type Pending = {
  resolve: (reply: ExecutorReply) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
  /** For a request answered in several frames: takes each frame, true while more are due. */
  more: ((reply: ExecutorReply) => boolean) | null;
};

export class ExecutorHandle {
  readonly pid: number;
  jobs = 0;
  cpuMs = 0;
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #decoder = new BulkFrameDecoder();
  #unreadable = false;
  #stderrTail = "";
  #pending: Pending | null = null;
  #exit: string | null = null;
  readonly exited: Promise<void>;

  private constructor(child: ChildProcessWithoutNullStreams) {
    this.#child = child;
    this.pid = child.pid ?? -1;
    this.exited = new Promise((resolve) => {
      child.on("close", (code, signal) => {
        this.#exit = signal ? `killed by ${signal}` : `exited with code ${code}`;
        this.#fail(this.#exitError());
        resolve();
      });
    });
    child.stdout.on("data", (chunk: Buffer) => {
      if (this.#unreadable) return; // the decoder's state after a bad frame means nothing
      let replies: unknown[];
      try {
        replies = this.#decoder.push(chunk);
      } catch (error) {
        this.#unreadable = true;
        this.kill();
        this.#fail(new ExitError(`unreadable reply: ${(error as Error).message}`, false));
        return;
      }
      for (const reply of replies) this.#deliver(reply as ExecutorReply);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      this.#stderrTail = (this.#stderrTail + chunk.toString("utf8")).slice(-STDERR_TAIL_BYTES);
    });
    child.stdin.on("error", () => this.kill());
    child.on("error", (error) => {
      this.#exit = `could not run: ${error.message}`;
      this.#fail(this.#exitError());
    });
  }

  /** Spawns the process and waits for its `ready` frame. */
  static async start(command: LaunchCommand, timeoutMs: number): Promise<ExecutorHandle> {
    const stdio: StdioPipe[] = command.seccomp ? ["pipe", "pipe", "pipe", "pipe"] : ["pipe", "pipe", "pipe"];
    const child = spawn(command.command, command.args, { env: {}, cwd: "/", stdio }) as ChildProcessWithoutNullStreams;
    if (command.seccomp) {
      // bubblewrap reads the filter to its end before it starts node (launcher.ts, SECCOMP_FD).
      const filter = child.stdio[SECCOMP_FD] as Writable;
      filter.on("error", () => {});
      filter.end(command.seccomp);
    }
    const handle = new ExecutorHandle(child);
    await handle.#await(timeoutMs);
    return handle;
  }

  get alive(): boolean {
    return this.#exit === null;
  }

  get stderrTail(): string {
    return this.#stderrTail;
  }

  /**
   * Sends a request and resolves with its reply. With `more`, every frame goes to `more` and the request
   * resolves with the first frame for which it returns false; the deadline restarts on each frame.
   */
  request(
    message: ExecutorRequest,
    deadlineMs: number,
    more: ((reply: ExecutorReply) => boolean) | null = null,
  ): Promise<ExecutorReply> {
    if (!this.alive) return Promise.reject(this.#exitError());
    const reply = this.#await(deadlineMs, more);
    // Typed arrays go out from their own memory, after this returns: test inputs are never changed (problem-tests.ts).
    writeBulkFrame(this.#child.stdin, message);
    return reply;
  }

  kill(): void {
    if (this.alive) this.#child.kill("SIGKILL");
  }

  /** Closes stdin (the executor exits on its own) and kills it if it lingers. */
  async stop(graceMs: number): Promise<void> {
    if (this.alive) await stopGracefully(this.#child, this.exited, graceMs);
  }

  #await(deadlineMs: number, more: Pending["more"] = null): Promise<ExecutorReply> {
    if (this.#pending) return Promise.reject(new Error("executor already has a request outstanding"));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#pending = null;
        this.kill();
        reject(new DeadlineError(`executor missed its ${deadlineMs} ms deadline`));
      }, deadlineMs);
      this.#pending = { resolve, reject, timer, more };
    });
  }

  #deliver(reply: ExecutorReply): void {
    const pending = this.#pending;
    if (!pending) return;
    if (pending.more?.(reply)) {
      // Restarts the full deadline: each frame of a batch starts the next test.
      pending.timer.refresh();
      return;
    }
    this.#pending = null;
    clearTimeout(pending.timer);
    pending.resolve(reply);
  }

  #fail(error: Error): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = null;
    clearTimeout(pending.timer);
    pending.reject(error);
  }

  #exitError(): ExitError {
    const tail = this.#stderrTail.trim().split("\n").slice(-3).join(" | ");
    return new ExitError(
      `executor ${this.#exit ?? "stopped"}${tail ? `: ${tail}` : ""}`,
      OUT_OF_MEMORY_EVIDENCE.test(this.#stderrTail),
    );
  }
}
