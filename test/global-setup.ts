import { execFileSync } from "node:child_process";
import pg from "pg";

const BASE_URL = "postgresql://postgres@127.0.0.1:5432/infra_dojo_test";

async function adminQuery(url: URL, sql: string): Promise<void> {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * One global reset per run: a fresh database named after this run, migrated from scratch; test files then
 * create their own rows. A per-run name lets several runs share a server; globalTeardown drops it.
 */
export default async function globalSetup(): Promise<void> {
  const url = new URL(process.env.TEST_DATABASE_URL ?? BASE_URL);
  url.pathname = `/${url.pathname.slice(1)}_${process.pid}`;
  const database = url.pathname.slice(1);
  await adminQuery(url, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  await adminQuery(url, `CREATE DATABASE "${database}"`);
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url.toString() },
    stdio: "pipe",
  });
  // Jest workers are spawned after this and inherit the environment.
  process.env.TEST_DATABASE_URL = url.toString();
  process.env.TEST_RUN_DATABASE = database;
  // Every Redis key of this run starts with this prefix (see testRedisPrefix), so the teardown can check them all.
  process.env.TEST_RUN_REDIS_PREFIX = `test-${process.pid}`;
}

export async function dropRunDatabase(): Promise<void> {
  const database = process.env.TEST_RUN_DATABASE;
  if (!database || process.env.KEEP_TEST_DATABASE === "true") return;
  const url = new URL(process.env.TEST_DATABASE_URL ?? BASE_URL);
  await adminQuery(url, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
}
