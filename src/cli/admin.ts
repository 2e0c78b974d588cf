import { ConfigError, loadConfig } from "../config.ts";
import { createDb } from "../db.ts";
import { NotFoundError } from "../lib/domain-errors.ts";
import { setRole } from "../modules/auth/service.ts";

const USAGE = `Usage:
  npm run admin -- promote <email>   make an existing account an admin
  npm run admin -- demote <email>    make an admin a learner again`;

async function main(argv: string[]): Promise<number> {
  const [command, email] = argv;
  if ((command !== "promote" && command !== "demote") || !email) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig();
  const db = createDb({
    url: config.DATABASE_URL,
    poolSize: 1,
    applicationName: "dojo-admin",
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  });
  try {
    const user = await setRole(db, email, command === "promote" ? "ADMIN" : "LEARNER");
    console.log(`${user.email} (${user.handle}) is now ${user.role}`);
    return 0;
  } catch (error) {
    if (error instanceof NotFoundError) {
      console.error(`${error.message}: sign up first, then promote.`);
      return 1;
    }
    throw error;
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  },
);
