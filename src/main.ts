import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "./config.ts";
import { SAME_STOP_WINDOW_MS } from "./lib/shutdown.ts";
import { createLogger } from "./logger.ts";

/**
 * `npm start`: the whole platform on one machine. The API and GRADER_COUNT graders run as child
 * processes; one that dies is restarted with a growing delay; SIGTERM is passed on and awaited.
 *
 * Each child runs in a process group of its own, so Ctrl-C (SIGINT to the terminal's whole group) reaches
 * only this supervisor, which gives each child exactly one SIGTERM: a grader finishes its running gradings.
 * A second Ctrl-C passes a second SIGTERM on: graders hand their running jobs back to the queue and exit.
 * A child whose supervisor dies sees its IPC channel close and stops as on SIGTERM.
 */
type Role = { name: string; script: string; nodeArgs: string[] };

const ROLES_DIR = new URL("..", import.meta.url);
const MAX_RESTART_DELAY_MS = 30_000;
const STABLE_AFTER_MS = 60_000;

function main(): void {
  const config = loadConfig();
  const log = createLogger(config.LOG_LEVEL, "supervisor");
  const roles: Role[] = [
    { name: "api", script: fileURLToPath(new URL("src/app/api.ts", ROLES_DIR)), nodeArgs: [] },
    ...Array.from({ length: config.GRADER_COUNT }, (_, index) => ({
      name: `grader-${index + 1}`,
      script: fileURLToPath(new URL("workers/grader.ts", ROLES_DIR)),
      nodeArgs: ["--no-node-snapshot"],
    })),
  ];
  const children = new Map<string, ChildProcess>();
  let stopping = false;

  const start = (role: Role, index: number, failures: number) => {
    // Several graders on one machine: only the first serves /metrics on the configured port.
    const env = {
      ...process.env,
      ...(index > 1 ? { GRADER_METRICS_PORT: String(config.GRADER_METRICS_PORT + index - 1) } : {}),
    };
    const child = spawn(process.execPath, [...role.nodeArgs, role.script], {
      stdio: ["inherit", "inherit", "inherit", "ipc"],
      env,
      detached: true,
    });
    const startedAt = Date.now();
    children.set(role.name, child);
    child.on("exit", (code, signal) => {
      children.delete(role.name);
      if (stopping) return;
      const stable = Date.now() - startedAt > STABLE_AFTER_MS;
      const nextFailures = stable ? 1 : failures + 1;
      const delay = Math.min(MAX_RESTART_DELAY_MS, 500 * 2 ** (nextFailures - 1));
      log.error({ role: role.name, code, signal, restartInMs: delay }, "process exited; restarting");
      setTimeout(() => {
        if (!stopping) start(role, index, nextFailures);
      }, delay);
    });
  };
  for (const [index, role] of roles.entries()) start(role, index, 0);

  let firstSignalAt = 0;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // npm passes Ctrl-C's SIGINT on to this process, which also gets it from the terminal: one stop.
      if (Date.now() - firstSignalAt < SAME_STOP_WINDOW_MS) return;
      log.warn(
        { signal, afterMs: Date.now() - firstSignalAt },
        "second signal: the children stop now, handing running work back",
      );
      for (const child of children.values()) child.kill("SIGTERM");
      return;
    }
    for (const child of children.values()) child.kill("SIGTERM");
    stopping = true;
    firstSignalAt = Date.now();
    log.info({ signal }, "stopping the platform");
    const check = setInterval(() => {
      if (children.size === 0) {
        clearInterval(check);
        process.exit(0);
      }
    }, 100);
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

try {
  main();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
