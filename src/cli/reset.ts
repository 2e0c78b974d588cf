import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ConfigError, loadConfig } from "../config.ts";

/**
 * `npm run reset`: drop the development database, apply every migration, seed it. There is no undo, so it is
 * refused with NODE_ENV=production, and for a database that does not look like a development one (see
 * looksLikeDevelopment) unless `--force` is given: an unset NODE_ENV with a production DATABASE_URL in `.env`
 * used to drop it.
 */
const root = fileURLToPath(new URL("../../", import.meta.url));

const DEFAULT_DATABASE = "infra_dojo";
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1", ""]);
const DEVELOPMENT_WORD = /(^|[_-])(dev|development|test|tests|local|scratch|ci)([_-]|$)/i;

function databaseName(url: URL): string {
  return decodeURIComponent(url.pathname.slice(1));
}

/** A database name with a development word in it, or the default name on this machine. */
export function looksLikeDevelopment(url: URL): boolean {
  const name = databaseName(url);
  if (DEVELOPMENT_WORD.test(name)) return true;
  return name === DEFAULT_DATABASE && LOOPBACK.has(url.hostname);
}

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
  const target = new URL(config.DATABASE_URL);
  if (!looksLikeDevelopment(target) && !process.argv.includes("--force")) {
    console.error(
      `reset: refused for database "${databaseName(target)}" on ${target.hostname}: its name does not look like a ` +
        "development database (one with dev, test, local or scratch in its name, or the default infra_dojo on this " +
        "machine). It drops the database: if that is what you want, run `npm run reset -- --force`.",
    );
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
