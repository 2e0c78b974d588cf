import { TestEnvironment } from "jest-environment-node";
import { reportWhatOutlivesTheWorker } from "./worker-exit-report.ts";

// Handles a file is still closing when it ends: executors and zygotes a test killed (their exit not yet reaped),
// sockets a closed server or client is still tearing down. A worker whose last file left one took longer than
// jest's 500 ms to exit and was reported as "failed to exit gracefully" (1 run in 3, in containers more often).
// The other cause of that report was a worker's size at exit: see workerIdleMemoryLimit in jest.config.ts.
const CLOSING = new Set(["ProcessWrap", "TCPSocketWrap", "TCPServerWrap", "TCPWrap"]);
const DRAIN_LIMIT_MS = 5000;

/**
 * Node's environment, plus a wait at the end of each file until what it was closing has closed (at most 5 s: a
 * real leak still outlives it and jest still reports it), and after a worker's last file a report of what keeps
 * the worker running (test/worker-exit-report.ts).
 */
export default class DrainingEnvironment extends TestEnvironment {
  private readonly testPath: string;

  constructor(...[config, context]: ConstructorParameters<typeof TestEnvironment>) {
    super(config, context);
    this.testPath = context.testPath;
  }

  override async teardown(): Promise<void> {
    const deadline = Date.now() + DRAIN_LIMIT_MS;
    while (Date.now() < deadline && process.getActiveResourcesInfo().some((kind) => CLOSING.has(kind))) {
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    await super.teardown();
    reportWhatOutlivesTheWorker(this.testPath);
  }
}
