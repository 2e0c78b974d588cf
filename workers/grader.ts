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
  const starting = startGrader(config, { processMetrics: collectProcessMetrics("dojo_grader_") });
  // Running gradings may finish for 50 s (compose gives the grader 60 s before SIGKILL); a second signal or
  // that deadline hands them back to the queue instead of dropping them. Listening from the start: a grader
  // takes seconds to start on a busy machine (its worker may take a job before it is ready), and a signal in
  // that time killed it without a word, leaving any job it held to wait out its lock.
  const log = createLogger(config.LOG_LEVEL, "grader");
  onShutdownSignal(
    log,
    async () => {
      await (await starting).close();
      await tracing?.shutdown();
    },
    {
      timeoutMs: GRADER_STOP_TIMEOUT_MS,
      force: async () => {
        await (await starting).handBack();
        await tracing?.shutdown();
      },
    },
  );
  log.info("grader starting");
  await starting;
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
