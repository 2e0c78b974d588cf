import { ConfigError, loadConfig } from "../config.ts";
import { collectProcessMetrics } from "../lib/process-metrics.ts";
import { onShutdownSignal } from "../lib/shutdown.ts";
import { loadSegmenter } from "../lib/text/tokens.ts";
import { startTracing } from "../lib/tracing.ts";
import { startApiServer } from "./server.ts";
import { openServices } from "./services.ts";

/** The `api` role: one stateless GraphQL process. */
async function main(): Promise<void> {
  const config = loadConfig();
  // Before the server is built: it adds its tracing hooks only when a provider is registered.
  const tracing = await startTracing("api");
  // Before listening: search and the self-check segment Chinese with a dictionary that takes up to 0.7 s to load.
  loadSegmenter();
  const services = openServices(config, "api");
  const api = await startApiServer(services, { processMetrics: collectProcessMetrics("dojo_api_") });
  onShutdownSignal(services.log, async () => {
    await api.close();
    await services.close();
    await tracing?.shutdown();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
