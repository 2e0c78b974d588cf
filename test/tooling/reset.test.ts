import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "@jest/globals";
import pg from "pg";
import { testDatabaseUrl } from "../helpers/env.ts";

const root = fileURLToPath(new URL("../../", import.meta.url));

// A database of its own (the run's test database name + "_reset"), dropped at the end.
const resetUrl = new URL(testDatabaseUrl());
resetUrl.pathname = `${resetUrl.pathname}_reset`;
const database = resetUrl.pathname.slice(1);

async function query<T extends pg.QueryResultRow>(url: URL, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Runs `npm run reset`'s script; a variable given as undefined is removed from the environment. */
function runReset(env: Record<string, string | undefined>): Promise<{ code: number | null; output: string }> {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete merged[name];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["src/cli/reset.ts"], { cwd: root, env: merged });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("close", (code) => resolve({ code, output }));
  });
}

afterAll(async () => {
  const admin = new URL(resetUrl);
  admin.pathname = "/postgres";
  await query(admin, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
});

describe("npm run reset", () => {
  it("drops, migrates and seeds the database: a stray row is gone, the content is back", async () => {
    const first = await runReset({ DATABASE_URL: resetUrl.toString(), NODE_ENV: "development" });
    expect(first.output).toContain("reset: done");
    expect(first.code).toBe(0);
    await query(
      resetUrl,
      `INSERT INTO "Topic" (id, slug, "nameZh", "nameEn") VALUES (gen_random_uuid(), 'stray-topic', '杂', 'Stray')`,
    );

    const second = await runReset({ DATABASE_URL: resetUrl.toString(), NODE_ENV: "development" });
    expect(second.code).toBe(0);
    const stray = await query(resetUrl, `SELECT 1 FROM "Topic" WHERE slug = 'stray-topic'`);
    expect(stray).toHaveLength(0);
    const [{ count }] = await query<{ count: string }>(
      resetUrl,
      `SELECT count(*) FROM "Question" WHERE status = 'PUBLISHED'`,
    );
    expect(Number(count)).toBeGreaterThan(0);
    // Two resets, each migrating and seeding the whole content: over 120 s in a container at load 20. The bound
    // catches a stuck reset; it is not a speed requirement.
  }, 400_000);

  it("refuses a database whose name does not look like a development one unless --force is given", async () => {
    const production = new URL(resetUrl);
    production.pathname = "/infra_dojo_production_reset_probe";
    production.hostname = "db.example.internal";
    const refused = await runReset({ DATABASE_URL: production.toString(), NODE_ENV: undefined });
    expect(refused.code).toBe(2);
    expect(refused.output).toContain('refused for database "infra_dojo_production_reset_probe" on db.example.internal');
    expect(refused.output).toContain("--force");
    // The default name counts as development only on this machine.
    const remoteDefault = new URL(production);
    remoteDefault.pathname = "/infra_dojo";
    const remote = await runReset({ DATABASE_URL: remoteDefault.toString(), NODE_ENV: undefined });
    expect(remote.code).toBe(2);
    expect(remote.output).toContain('refused for database "infra_dojo" on db.example.internal');
  });

  it("refuses with NODE_ENV=production", async () => {
    const refused = await runReset({ DATABASE_URL: resetUrl.toString(), NODE_ENV: "production" });
    expect(refused.code).toBe(2);
    expect(refused.output).toContain("refused with NODE_ENV=production");
  });
});
