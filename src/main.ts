import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";

/**
 * `npm start`: the whole platform on one machine. The API and GRADER_COUNT graders run as child
 * processes; one that dies is restarted with a growing delay; SIGTERM is passed on and awaited.
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
    const child = spawn(process.execPath, [...role.nodeArgs, role.script], { stdio: "inherit", env });
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

  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping the platform");
    for (const child of children.values()) child.kill("SIGTERM");
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
