import type { Logger } from "pino";

export type ShutdownOptions = {
  /** How long `stop` may take before the process gives up on it (then `force` runs and it exits). */
  timeoutMs?: number;
  /**
   * What to do instead of simply dying when a second signal comes or `stop` times out: a grader hands its
   * running jobs back to the queue at once, so another grader takes them without waiting for a lock to expire.
   */
  force?: () => Promise<void>;
};

/**
 * Signals this close to the first are the same stop: under npm, Ctrl-C reaches a process twice (from the
 * terminal and passed on by npm), within a few milliseconds.
 */
export const SAME_STOP_WINDOW_MS = 1000;

/** How long a process's `stop` may take by default (the API's: open requests and operations finish). */
export const DEFAULT_STOP_TIMEOUT_MS = 25_000;

// `force` itself must not hold the exit up for long.
const FORCE_TIMEOUT_MS = 5000;

/**
 * Runs `stop` once on SIGTERM/SIGINT, or when the supervising parent goes away (its IPC channel closes);
 * a second signal (a second after the first or later) or a stuck stop runs `force` and exits.
 */
export function onShutdownSignal(log: Logger, stop: () => Promise<void>, options: ShutdownOptions = {}): void {
  const { timeoutMs = DEFAULT_STOP_TIMEOUT_MS, force } = options;
  let stopping = false;
  let stoppedAt = 0;
  let forcing = false;
  const forceAndExit = (reason: string) => {
    if (forcing) return;
    forcing = true;
    log.warn({ reason }, force ? "stopping now: handing running work back" : "stopping now");
    const deadline = setTimeout(() => process.exit(1), FORCE_TIMEOUT_MS);
    deadline.unref();
    (force ? force() : Promise.resolve()).then(
      () => process.exit(1),
      (error: unknown) => {
        log.error({ err: error }, "could not hand running work back");
        process.exit(1);
      },
    );
  };
  const handler = (signal: string) => {
    if (stopping) {
      if (Date.now() - stoppedAt < SAME_STOP_WINDOW_MS) return;
      return forceAndExit(`second signal (${signal}, ${Date.now() - stoppedAt} ms after the first)`);
    }
    stopping = true;
    stoppedAt = Date.now();
    log.info({ signal }, "shutting down");
    const timer = setTimeout(() => forceAndExit("shutdown timed out"), timeoutMs);
    timer.unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, "shutdown failed");
        forceAndExit("shutdown failed");
      },
    );
  };
  process.on("SIGTERM", handler);
  process.on("SIGINT", handler);
  // Started by `npm start`'s supervisor in a process group of its own: if the supervisor dies, stop too.
  if (process.channel) process.on("disconnect", () => handler("parent exited"));
}
