import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { loadConfig } from "../../src/config.ts";
import { createDb, type Db, queryRows } from "../../src/db.ts";
import { Prisma } from "../../src/generated/prisma/client.ts";
import { itWhen } from "../helpers/capabilities.ts";
import { testDatabaseUrl } from "../helpers/env.ts";
import { PGBOUNCER, type RunningPgBouncer, startPgBouncer } from "../helpers/pgbouncer.ts";

// A tiny timeout, against statements that would sleep far longer: what is checked is which error comes back and
// that the one pooled connection serves the next statement, never how long anything took.
const TIMEOUT_MS = 200;
const SLEEP = Prisma.sql`SELECT pg_sleep(20) AS timeout_test_sleep`;
const SERVER_TIMEOUT = /canceling statement due to statement timeout/;

const itWithPgBouncer = itWhen({
  present: PGBOUNCER !== undefined,
  required: process.env.PGBOUNCER_TESTS_REQUIRED === "true",
  missing: "pgbouncer",
});

const opened: Db[] = [];
function openDb(url: string, statementTimeoutMs = TIMEOUT_MS): Db {
  const db = createDb({ url, poolSize: 1, statementTimeoutMs, applicationName: "dojo-timeout-test" });
  opened.push(db);
  return db;
}

/**
 * Server processes still running this file's sleep, seen on a connection of its own straight to Postgres (through
 * PgBouncer too: it names each server connection after its client's application_name).
 */
async function sleepsRunning(): Promise<number> {
  const observer = openDb(testDatabaseUrl(), 0);
  const [row] = await queryRows<{ running: number }>(
    observer,
    Prisma.sql`SELECT count(*)::int AS running FROM pg_stat_activity
      WHERE application_name = 'dojo-timeout-test' AND state = 'active' AND query LIKE '%timeout_test_sleep%'
        AND pid <> pg_backend_pid()`,
  );
  return row?.running ?? -1;
}

let bouncer: RunningPgBouncer | undefined;

beforeAll(async () => {
  if (!PGBOUNCER) return;
  const upstream = new URL(testDatabaseUrl());
  const dbname = upstream.pathname.slice(1);
  bouncer = await startPgBouncer(
    upstream,
    {
      // As docs/operations.md asks: the server-side timeout set where PgBouncer cannot drop it.
      dojo_timed: { dbname, connectQuery: `SET statement_timeout = ${TIMEOUT_MS}` },
      // A PgBouncer whose operator forgot that: only the client-side fallback is left.
      dojo_untimed: { dbname },
    },
    { defaultPoolSize: 2, maxClientConn: 20 },
  );
});

afterAll(async () => {
  await Promise.all(opened.map((db) => db.$disconnect()));
  await bouncer?.close();
});

describe("DATABASE_STATEMENT_TIMEOUT_MS", () => {
  it("defaults to 10 s and accepts 0 (no limit), refusing anything else", () => {
    expect(loadConfig({}).DATABASE_STATEMENT_TIMEOUT_MS).toBe(10_000);
    expect(loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: "0" }).DATABASE_STATEMENT_TIMEOUT_MS).toBe(0);
    expect(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT_MS: "-1" })).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS/);
  });

  it("has Postgres cancel a longer statement on both paths, freeing its server process for the next one", async () => {
    const db = openDb(testDatabaseUrl());
    await expect(queryRows(db, SLEEP)).rejects.toThrow(SERVER_TIMEOUT);
    await expect(db.$queryRaw`SELECT pg_sleep(20) AS timeout_test_sleep`).rejects.toThrow(SERVER_TIMEOUT);
    // The server gave the connection back (pg-pool then closes a client whose statement failed, and opens another).
    expect(await sleepsRunning()).toBe(0);
    expect(await queryRows(db, Prisma.sql`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });

  itWithPgBouncer("through PgBouncer, has the server-side setting cancel it and the connection serve on", async () => {
    const db = openDb(bouncer?.url("dojo_timed") ?? "");
    await expect(queryRows(db, SLEEP)).rejects.toThrow(SERVER_TIMEOUT);
    await expect(db.$queryRaw`SELECT pg_sleep(20) AS timeout_test_sleep`).rejects.toThrow(SERVER_TIMEOUT);
    expect(await sleepsRunning()).toBe(0);
    expect(await queryRows(db, Prisma.sql`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
  });

  itWithPgBouncer(
    "through a PgBouncer without it, gives up client-side, closes that connection and goes on",
    async () => {
      const db = openDb(bouncer?.url("dojo_untimed") ?? "");
      await expect(queryRows(db, Prisma.sql`SELECT pg_sleep(3)`)).rejects.toThrow(
        /did not answer within 1400 ms, twice DATABASE_STATEMENT_TIMEOUT_MS \(200 ms\) plus a second: the server enforces no statement timeout/,
      );
      expect(await queryRows(db, Prisma.sql`SELECT 1 AS one`)).toEqual([{ one: 1 }]);
    },
  );

  it("sets no limit at 0", async () => {
    const db = openDb(testDatabaseUrl(), 0);
    const [row] = await queryRows<{ timeout: string }>(
      db,
      Prisma.sql`SELECT current_setting('statement_timeout') AS timeout`,
    );
    expect(row?.timeout).toBe("0");
  });
});
