import type { ChildProcess } from "node:child_process";
import type { Server, Socket } from "node:net";
import { relative } from "node:path";

// After a worker's last file jest tells it to end (the worker removes its message listener) and kills it 500 ms
// later if it is still running: "A worker process has failed to exit gracefully". That message names nothing, so
// the worker checks every 50 ms and, still running 250 ms after the end, prints what keeps it alive.
const CHECK_EVERY_MS = 50;
const REPORT_AFTER_MS = 250;

// Node's list of the handles keeping the event loop alive: internal, untyped, but the only one that gives the
// objects themselves (process.getActiveResourcesInfo() gives only their kinds).
type ProcessWithHandles = NodeJS.Process & { _getActiveHandles(): unknown[] };

function describeHandle(handle: unknown): string {
  const name = (handle as object).constructor?.name ?? "handle";
  if (name === "Socket") {
    const socket = handle as Socket;
    return socket.remotePort ? `socket to ${socket.remoteAddress}:${socket.remotePort}` : "socket or pipe";
  }
  if (name === "ChildProcess") {
    const child = handle as ChildProcess;
    return `child process ${child.pid} (${child.spawnargs.join(" ").slice(0, 200)})`;
  }
  if (name === "Server") {
    const address = (handle as Server).address();
    return `server on ${typeof address === "string" ? address : `${address?.address}:${address?.port}`}`;
  }
  return name;
}

/** What keeps this process alive besides its own stdio and IPC channel, or [] when nothing does. */
export function whatKeepsTheProcessAlive(): string[] {
  const own = new Set<unknown>([process.stdin, process.stdout, process.stderr, process.channel]);
  const handles = (process as ProcessWithHandles)
    ._getActiveHandles()
    .filter((handle) => !own.has(handle) && !own.has((handle as Socket & { _handle?: unknown })._handle));
  // Timers and pending requests are no handles: only their kinds are known.
  const others = process.getActiveResourcesInfo().filter((kind) => !kind.endsWith("Wrap"));
  return [...handles.map(describeHandle), ...others];
}

let watching = false;
let lastFile = "";

/**
 * In a jest worker (not in band: there jest waits and says so itself), watches for the end of the worker's last
 * file and reports on stderr, which jest shows, what outlives it. Called once per file; watches once per worker.
 */
export function reportWhatOutlivesTheWorker(testPath: string): void {
  lastFile = relative(process.cwd(), testPath);
  if (watching || !process.send || !process.env.JEST_WORKER_ID) return;
  watching = true;
  let endedAt = 0;
  const check = setInterval(() => {
    if (process.listenerCount("message") > 0) return;
    endedAt ||= Date.now();
    if (Date.now() - endedAt < REPORT_AFTER_MS) return;
    clearInterval(check);
    const alive = whatKeepsTheProcessAlive();
    process.stderr.write(
      `jest worker ${process.env.JEST_WORKER_ID} is still running ${REPORT_AFTER_MS} ms after its last file (${lastFile}); ` +
        `what keeps it alive: ${alive.length > 0 ? alive.join(", ") : "no handle or timer listed"}\n`,
    );
  }, CHECK_EVERY_MS);
  // The watch itself must not keep the worker alive.
  check.unref();
}
