import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { testDatabaseUrl } from "../helpers/env.ts";
import { adminQuery } from "../helpers/scratch-database.ts";

const GLOBAL_SETUP = fileURLToPath(new URL("../global-setup.ts", import.meta.url));

describe("jest's global setup", () => {
  it("drops the run's database again when its migrations fail", async () => {
    // A base name under this run's database, so the global teardown would drop a leftover too.
    const base = new URL(testDatabaseUrl());
    base.pathname = `${base.pathname}_setupfail`;
    // The schema engine named here does not exist: `prisma migrate deploy` fails after the database was created.
    const child = spawnSync(
      process.execPath,
      ["--input-type=module", "-e", `await (await import(${JSON.stringify(GLOBAL_SETUP)})).default();`],
      {
        encoding: "utf8",
        env: { ...process.env, TEST_DATABASE_URL: base.toString(), PRISMA_SCHEMA_ENGINE_BINARY: "/nonexistent/engine" },
        timeout: 120_000,
      },
    );
    const database = `${base.pathname.slice(1)}_${child.pid}`;
    try {
      expect(child.status).not.toBe(0);
      expect(child.stderr).toContain("prisma migrate deploy");
      const left = await adminQuery(base, "SELECT datname FROM pg_database WHERE datname = $1", [database]);
      expect(left).toEqual([]);
    } finally {
      await adminQuery(base, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    }
  }, 180_000);
});
