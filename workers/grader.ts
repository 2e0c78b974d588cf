import { ConfigError, loadConfig } from "../src/config.ts";
import { collectProcessMetrics } from "../src/lib/process-metrics.ts";
import { onShutdownSignal } from "../src/lib/shutdown.ts";
import { startTracing } from "../src/lib/tracing.ts";
import { createLogger } from "../src/logger.ts";
import { GRADER_STOP_TIMEOUT_MS, startGrader } from "./grader/run.ts";

/** The `grader` role: takes submissions off the queue and grades them in the sandbox. */
async function main(): Promise<void> {
  const config = loadConfig();
  const tracing = await startTracing("grader");
  const grader = await startGrader(config, { processMetrics: collectProcessMetrics("dojo_grader_") });
  // Running gradings may finish for 50 s (compose gives the grader 60 s before SIGKILL); a second signal or
  // that deadline hands them back to the queue instead of dropping them.
  onShutdownSignal(
    createLogger(config.LOG_LEVEL, "grader"),
    async () => {
      await grader.close();
      await tracing?.shutdown();
    },
    {
      timeoutMs: GRADER_STOP_TIMEOUT_MS,
      force: async () => {
        await grader.handBack();
        await tracing?.shutdown();
      },
    },
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
