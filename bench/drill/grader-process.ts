import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { descendants } from "../../test/helpers/proc-tree.ts";
import { type LogTally, parseLogLine } from "./log-tally.ts";

const GRADER_SCRIPT = fileURLToPath(new URL("../../workers/grader.ts", import.meta.url));

/** Verdicts written per submission, as graders log them ("graded" with written: true), across every grader. */
export type WriteLedger = Map<string, number>;

/** A grader role in a process (and process group) of its own, so the drill can SIGKILL it like a crash. */
export class GraderProcess {
  readonly name: string;
  readonly #child: ChildProcess;
  readonly #exited: Promise<unknown>;

  constructor(name: string, env: NodeJS.ProcessEnv, ledger: WriteLedger, tally?: LogTally) {
    this.name = name;
    this.#child = spawn(process.execPath, ["--no-node-snapshot", GRADER_SCRIPT], {
      env: { ...process.env, ...env, LOG_LEVEL: "info" },
      stdio: ["ignore", "pipe", "inherit"],
      detached: true,
    });
    this.#exited = once(this.#child, "exit");
    const stdout = this.#child.stdout;
    if (stdout) {
      createInterface({ input: stdout }).on("line", (line) => {
        const entry = parseLogLine(line);
        if (entry) tally?.record(entry);
        if (entry?.msg === "graded" && entry.written === true && typeof entry.submissionId === "string") {
          ledger.set(entry.submissionId, (ledger.get(entry.submissionId) ?? 0) + 1);
        }
      });
    }
  }

  get pid(): number {
    if (this.#child.pid === undefined) throw new Error(`${this.name} did not start`);
    return this.#child.pid;
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Kills the grader and its executors at once (the whole process group), as a crashed container would. */
  async kill(): Promise<void> {
    if (!this.running) return;
    process.kill(-this.pid, "SIGKILL");
    await this.#exited;
  }

  /** Graceful stop (SIGTERM to the group, as `docker compose stop` sends); SIGKILL after `graceMs`. */
  async stop(graceMs = 30_000): Promise<void> {
    if (!this.running) return;
    process.kill(-this.pid, "SIGTERM");
    const timer = setTimeout(() => void this.kill().catch(() => undefined), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }

  /** The executor processes this grader runs (its descendants started from executor-process.ts). */
  executorPids(): number[] {
    return descendants(this.pid).filter((pid) => commandLine(pid).includes("executor-process"));
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replaceAll("\0", " ");
  } catch {
    return "";
  }
}
