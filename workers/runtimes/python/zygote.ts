// One zygote process (harness/zygote.py) as seen from Node: envelopes on its stdin/stdout, one run at a time.
// Envelope: length u32 (of what follows), kind u8, run id u32, payload. The payload of OUTPUT is when the
// zygote read it (its clock) and raw bytes the current child wrote (its own frames, decoded per run); every
// other kind comes from the zygote itself. The zygote's clock (CLOCK_MONOTONIC, ns) times a held run, from its
// RELEASED to the OUTPUT that completes the answer, so this process's busy event loop is not in it (unless the
// zygote's 1 MiB pipe to it fills mid-answer and its write waits).
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { stopGracefully } from "../../sandbox/executor-handle.ts";
import { FrameDecoder } from "../../sandbox/framing.ts";
import type { LaunchCommand } from "../../sandbox/launcher.ts";
import type { ExitReport } from "./outcomes.ts";

const FORK = 1;
const DATA = 2;
const KILL = 3;
const HOLD = 4;
const RELEASE = 5;
const READY = 0x81;
const OUTPUT = 0x83;
const EXITED = 0x84;
const FAILED = 0x85;
const HELD = 0x86;
const RELEASED = 0x87;
const CLOCK_BYTES = 8;

const MAX_ENVELOPE_BYTES = 256 * 1024 * 1024;
const STDERR_TAIL_BYTES = 4096;

type Envelope = { kind: number; runId: number; payload: Buffer };
type ReadyWaiter = { resolve: (versions: Record<string, unknown>) => void; reject: (error: Error) => void };

function decodeEnvelope(body: Buffer): Envelope {
  if (body.length < 5) throw new Error("short envelope");
  return { kind: body[0], runId: body.readUInt32BE(1), payload: body.subarray(5) };
}

function envelope(kind: number, runId: number, payload: Buffer): Buffer {
  const header = Buffer.allocUnsafe(9);
  header.writeUInt32BE(5 + payload.length, 0);
  header.writeUInt8(kind, 4);
  header.writeUInt32BE(runId, 5);
  return Buffer.concat([header, payload]);
}

/** The zygote's clock reading at the start of `payload`, in ms (nanoseconds fit a double to well under 1 µs). */
function zygoteClockMs(payload: Buffer): number {
  return Number(payload.readBigUInt64BE(0)) / 1e6;
}

/** What a run hears from its zygote (its FORKED confirmation needs no answer: input may follow FORK at once). */
export type RunListener = {
  /** `atMs`: when the zygote read the chunk, on its clock (ms). */
  output(chunk: Buffer, atMs: number): void;
  exited(report: ExitReport): void;
  /** The bytes of the last `hold` are all in the zygote. */
  held(): void;
  /** The held bytes started on their way to the child at `atMs`, on the zygote's clock. */
  released(atMs: number): void;
  /** The zygote could not fork, or it died: no `exited` will come. */
  failed(reason: string): void;
};

export class Zygote {
  readonly #child: ChildProcessWithoutNullStreams;
  readonly #decoder = new FrameDecoder(decodeEnvelope, MAX_ENVELOPE_BYTES);
  #listener: { runId: number; events: RunListener } | null = null;
  #ready: ReadyWaiter | null = null;
  #stderrTail = "";
  #exit: string | null = null;
  runs = 0;
  readonly exited: Promise<void>;
  readonly versions: Promise<Record<string, unknown>>;

  constructor(command: LaunchCommand, env: Record<string, string>) {
    this.#child = spawn(command.command, command.args, { env, cwd: "/", stdio: ["pipe", "pipe", "pipe"] });
    this.versions = new Promise((resolve, reject) => {
      this.#ready = { resolve, reject };
    });
    this.versions.catch(() => {});
    this.exited = new Promise((resolve) => {
      this.#child.on("close", (code, signal) => {
        this.#died(signal ? `killed by ${signal}` : `exited with code ${code}`);
        resolve();
      });
    });
    this.#child.on("error", (error) => this.#died(`could not run: ${error.message}`));
    this.#child.stdin.on("error", () => this.kill());
    this.#child.stderr.on("data", (chunk: Buffer) => {
      this.#stderrTail = (this.#stderrTail + chunk.toString("utf8")).slice(-STDERR_TAIL_BYTES);
    });
    this.#child.stdout.on("data", (chunk: Buffer) => {
      let envelopes: unknown[];
      try {
        envelopes = this.#decoder.push(chunk);
      } catch (error) {
        this.#malformed((error as Error).message);
        return;
      }
      for (const item of envelopes) this.#deliver(item as Envelope);
    });
  }

  get alive(): boolean {
    return this.#exit === null;
  }

  get pid(): number {
    return this.#child.pid ?? -1;
  }

  /** Starts a child for `runId`; the listener hears everything about that run until `exited` or `failed`. */
  fork(runId: number, config: unknown, events: RunListener): void {
    if (this.#listener) throw new Error("the zygote is already running a child");
    if (!this.alive) {
      events.failed(this.#deathMessage());
      return;
    }
    this.#listener = { runId, events };
    this.runs++;
    this.#child.stdin.write(envelope(FORK, runId, Buffer.from(JSON.stringify(config))));
  }

  /** Bytes for the current child's stdin (its test frames). */
  send(runId: number, data: Buffer): void {
    if (this.alive) this.#child.stdin.write(envelope(DATA, runId, data));
  }

  /**
   * Bytes for the current child's stdin that the zygote keeps until `release` (it answers `held` once they are
   * all there): the child gets them at once when released, so the time they take to reach the zygote is not
   * in what the caller times from the release.
   */
  hold(runId: number, data: Buffer): void {
    if (this.alive) this.#child.stdin.write(envelope(HOLD, runId, data));
  }

  /** Hands the held bytes to the current child. */
  release(runId: number): void {
    if (this.alive) this.#child.stdin.write(envelope(RELEASE, runId, Buffer.alloc(0)));
  }

  /** Asks the zygote to SIGKILL the current child (its `exited` report follows). */
  killChild(runId: number): void {
    if (this.alive) this.#child.stdin.write(envelope(KILL, runId, Buffer.alloc(0)));
  }

  /** Kills the whole sandbox (bubblewrap takes the zygote and its children down with it). */
  kill(): void {
    if (this.alive) this.#child.kill("SIGKILL");
  }

  /** Closes stdin (the zygote exits on its own) and kills it if it lingers. */
  async stop(graceMs: number): Promise<void> {
    if (this.alive) await stopGracefully(this.#child, this.exited, graceMs);
  }

  #deliver(item: Envelope): void {
    if (item.kind === READY) {
      this.#ready?.resolve(JSON.parse(item.payload.toString("utf8")) as Record<string, unknown>);
      this.#ready = null;
      return;
    }
    if (item.kind === FAILED && this.#ready) {
      const { message } = JSON.parse(item.payload.toString("utf8")) as { message: string };
      this.#ready.reject(new Error(message));
      this.#ready = null;
      this.kill();
      return;
    }
    const listener = this.#listener;
    if (!listener || listener.runId !== item.runId) return;
    if (item.kind === OUTPUT) {
      if (item.payload.length < CLOCK_BYTES) {
        this.#malformed("an output envelope without its time");
        return;
      }
      listener.events.output(item.payload.subarray(CLOCK_BYTES), zygoteClockMs(item.payload));
    } else if (item.kind === HELD) listener.events.held();
    else if (item.kind === RELEASED) {
      if (item.payload.length !== CLOCK_BYTES) {
        this.#malformed("a released envelope without its time");
        return;
      }
      listener.events.released(zygoteClockMs(item.payload));
    } else if (item.kind === EXITED) {
      this.#listener = null;
      listener.events.exited(JSON.parse(item.payload.toString("utf8")) as ExitReport);
    } else if (item.kind === FAILED) {
      this.#listener = null;
      const { message } = JSON.parse(item.payload.toString("utf8")) as { message: string };
      listener.events.failed(`zygote: ${message}`);
    }
  }

  #deathMessage(): string {
    const tail = this.#stderrTail.trim().split("\n").slice(-3).join(" | ");
    return `python zygote ${this.#exit ?? "stopped"}${tail ? `: ${tail}` : ""}`;
  }

  /** The zygote wrote what it never writes: it is not trusted any more. */
  #malformed(what: string): void {
    this.kill();
    this.#died(`unreadable envelope: ${what}`);
  }

  #died(reason: string): void {
    if (this.#exit !== null) return;
    this.#exit = reason;
    this.#ready?.reject(new Error(this.#deathMessage()));
    this.#ready = null;
    const listener = this.#listener;
    this.#listener = null;
    listener?.events.failed(this.#deathMessage());
  }
}
