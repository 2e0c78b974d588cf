import { execFileSync } from "node:child_process";
import pg from "pg";

/** Runs `sql` on the server of `databaseUrl`, connected to its maintenance database (postgres). */
async function adminQuery(databaseUrl: URL, sql: string, values: unknown[] = []): Promise<pg.QueryResult> {
  const admin = new URL(databaseUrl);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await client.query(sql, values);
  } finally {
    await client.end();
  }
}

/** `prisma migrate deploy` on the database at `databaseUrl`. */
export function migrate(databaseUrl: URL): void {
  execFileSync("npx", ["prisma", "migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: databaseUrl.toString() },
    stdio: "pipe",
  });
}

/** The benchmarks' own database (never the development one): created if missing, then migrated. */
export async function ensureBenchDatabase(): Promise<string> {
  const url = new URL(process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/infra_dojo_bench");
  const database = url.pathname.slice(1);
  const exists = await adminQuery(url, "SELECT 1 FROM pg_database WHERE datname = $1", [database]);
  if (exists.rowCount === 0) await adminQuery(url, `CREATE DATABASE "${database}"`);
  migrate(url);
  return url.toString();
}

/** A new, empty, migrated database named `name` on the server of `serverUrl`; dropDatabase removes it. */
export async function createPrivateDatabase(serverUrl: string, name: string): Promise<string> {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  await adminQuery(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(url, `CREATE DATABASE "${name}"`);
  migrate(url);
  return url.toString();
}

export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  await adminQuery(url, `DROP DATABASE IF EXISTS "${url.pathname.slice(1)}" WITH (FORCE)`);
}

export function percentile(sortedValues: readonly number[], p: number): number {
  if (sortedValues.length === 0) return Number.NaN;
  const index = Math.min(sortedValues.length - 1, Math.max(0, Math.ceil((p / 100) * sortedValues.length) - 1));
  return sortedValues[index] as number;
}

export function formatMs(value: number): string {
  return `${value.toFixed(value < 10 ? 2 : 1)} ms`;
}
