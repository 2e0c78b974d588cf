import { ConfigError, loadConfig } from "../src/config.ts";
import { onShutdownSignal } from "../src/lib/shutdown.ts";
import { createLogger } from "../src/logger.ts";
import { startGrader } from "./grader/run.ts";

/** The `grader` role: takes submissions off the queue and grades them in the sandbox. */
async function main(): Promise<void> {
  const config = loadConfig();
  const grader = await startGrader(config);
  onShutdownSignal(createLogger(config.LOG_LEVEL, "grader"), () => grader.close(), 60_000);
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
