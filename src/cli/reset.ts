import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "../config.ts";

/**
 * `npm run reset`: drop the development database, apply every migration, seed it. Refused with
 * NODE_ENV=production: there is no undo.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));

function run(command: string, args: string[], env: NodeJS.ProcessEnv): void {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`reset: \`${[command, ...args].join(" ")}\` failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

try {
  const config = loadConfig();
  if (config.NODE_ENV === "production") {
    console.error("reset: refused with NODE_ENV=production (it drops the database).");
    process.exit(2);
  }
  const env = { ...process.env, DATABASE_URL: config.DATABASE_URL };
  console.log(`reset: dropping and migrating ${new URL(config.DATABASE_URL).pathname.slice(1)}`);
  // `migrate reset` drops the database (or its schema), recreates it and applies every migration.
  run(
    process.execPath,
    [fileURLToPath(import.meta.resolve("prisma/build/index.js")), "migrate", "reset", "--force"],
    env,
  );
  run(process.execPath, ["seed/seed.ts"], env);
  console.log("reset: done");
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
