// `npm run setup` step: makes sure this deployment has a hidden-test secret (in the database unless
// HIDDEN_TEST_SECRET is set). It never prints the secret.
import { ConfigError, loadConfig } from "../config.ts";
import { createDb } from "../db.ts";
import { loadHiddenTestSecret } from "../lib/hidden-test-secret.ts";

const MESSAGES = {
  environment: "hidden-test secret: taken from HIDDEN_TEST_SECRET (give every grader the same value)",
  database: "hidden-test secret: already stored in the database",
  created: "hidden-test secret: generated and stored in the database",
};

async function main(): Promise<void> {
  const config = loadConfig();
  const db = createDb({
    url: config.DATABASE_URL,
    poolSize: 1,
    applicationName: "dojo-setup",
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
  });
  try {
    const secret = await loadHiddenTestSecret(db, config.HIDDEN_TEST_SECRET);
    console.log(MESSAGES[secret.source]);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
