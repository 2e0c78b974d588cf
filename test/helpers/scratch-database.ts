import { execFileSync } from "node:child_process";
import pg from "pg";
import { testDatabaseUrl } from "./env.ts";

export type ScratchDatabase = { url: string; drop(): Promise<void> };

/** One statement on the server's maintenance database (creating and dropping databases happens there). */
export async function adminQuery(url: URL, sql: string, values: unknown[] = []): Promise<Record<string, unknown>[]> {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows;
  } finally {
    await client.end();
  }
}

/**
 * (Re)creates the database `url` names, empty, and applies every migration (`env`: the environment `prisma migrate
 * deploy` runs in). A failed migration drops the database again, so a run that cannot start leaves nothing behind.
 */
export async function createMigratedDatabase(url: URL, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const database = url.pathname.slice(1);
  await adminQuery(url, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminQuery(url, `CREATE DATABASE "${database}"`);
  try {
    execFileSync("npx", ["prisma", "migrate", "deploy"], {
      env: { ...env, DATABASE_URL: url.toString(), DATABASE_DIRECT_URL: url.toString() },
      stdio: "pipe",
    });
  } catch (error) {
    await adminQuery(url, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    throw error;
  }
}

/**
 * A migrated database of its own, for a test that needs a whole table to itself (the real content, ranked against
 * nothing else). Its name starts with the run's database name, so the global teardown drops it if the test did not.
 */
export async function createScratchDatabase(label: string): Promise<ScratchDatabase> {
  if (!/^[a-z0-9_]+$/.test(label)) throw new Error(`a scratch database label is [a-z0-9_]+, not ${label}`);
  const url = new URL(testDatabaseUrl());
  url.pathname = `${url.pathname}_${label}`;
  await createMigratedDatabase(url);
  const database = url.pathname.slice(1);
  return {
    url: url.toString(),
    async drop() {
      await adminQuery(url, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    },
  };
}
