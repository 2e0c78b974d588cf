import { existsSync } from "node:fs";
import { defineConfig } from "prisma/config";

// Prisma's CLI no longer reads .env itself: load the same file the app's node commands load
// (--env-file-if-exists=.env). Variables already set in the environment win, as with node's flag.
if (existsSync(".env")) process.loadEnvFile(".env");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    // Migrations take session-level advisory locks and run DDL over several transactions, which a pooler in
    // transaction mode (PgBouncer) breaks: DATABASE_DIRECT_URL names Postgres itself when DATABASE_URL is the
    // pooler. The app never reads it (its queries go through the adapter's pool on DATABASE_URL).
    url:
      process.env.DATABASE_DIRECT_URL || process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/infra_dojo",
  },
});
