import { ConfigError, loadConfig } from "../config.ts";
import { onShutdownSignal } from "../lib/shutdown.ts";
import { startApiServer } from "./server.ts";
import { openServices } from "./services.ts";

/** The `api` role: one stateless GraphQL process. */
async function main(): Promise<void> {
  const config = loadConfig();
  const services = openServices(config, "api");
  const api = await startApiServer(services);
  onShutdownSignal(services.log, async () => {
    await api.close();
    await services.close();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
