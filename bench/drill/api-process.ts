import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";

const API_SCRIPT = fileURLToPath(new URL("../../src/app/api.ts", import.meta.url));

/** An `api` role (src/app/api.ts) in a process group of its own on `port`, so the drill can SIGKILL it like a crash. */
export class ApiProcess {
  readonly name: string;
  readonly port: number;
  readonly #child: ChildProcess;
  readonly #exited: Promise<unknown>;

  constructor(name: string, port: number, env: NodeJS.ProcessEnv) {
    this.name = name;
    this.port = port;
    this.#child = spawn(process.execPath, ["--no-node-snapshot", API_SCRIPT], {
      env: { ...process.env, ...env, PORT: String(port), HOST: "127.0.0.1" },
      // Its log goes nowhere (LOG_LEVEL=error keeps it short); a crash at start-up shows on stderr.
      stdio: ["ignore", "ignore", "inherit"],
      detached: true,
    });
    this.#exited = once(this.#child, "exit");
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/graphql`;
  }

  get running(): boolean {
    return this.#child.exitCode === null && this.#child.signalCode === null;
  }

  /** Resolves once GET /readyz answers 200 (database and Redis reachable). */
  async ready(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited before it was ready`);
      const response = await fetch(`http://127.0.0.1:${this.port}/readyz`).catch(() => null);
      if (response?.status === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`${this.name} was not ready within ${timeoutMs} ms`);
  }

  /** SIGKILL to the whole group, as a crashed container: no drain, sockets cut. */
  async kill(): Promise<void> {
    if (!this.running || this.#child.pid === undefined) return;
    process.kill(-this.#child.pid, "SIGKILL");
    await this.#exited;
  }
}
