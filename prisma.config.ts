import { existsSync } from "node:fs";
import { defineConfig } from "prisma/config";

// Prisma's CLI no longer reads .env itself: load the same file the app's node commands load
// (--env-file-if-exists=.env). Variables already set in the environment win, as with node's flag.
if (existsSync(".env")) process.loadEnvFile(".env");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/infra_dojo",
  },
});
