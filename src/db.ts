import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { Prisma, PrismaClient } from "./generated/prisma/client.ts";

// "query" is enabled in the type so callers that ask for query events (tests, benchmarks) can listen to them.
export type Db = PrismaClient<"query">;

export type CreateDbOptions = {
  url: string;
  /** Connection pool size per process. */
  poolSize?: number;
  /** Emit query events (used to count SQL statements). */
  logQueries?: boolean;
  /**
   * The connections' `application_name` (`dojo-api`, `dojo-grader`, `dojo-seed`, …), so pg_stat_activity shows
   * which role holds which connection (docs/operations.md: the connection budget).
   */
  applicationName?: string;
  /** DATABASE_STATEMENT_TIMEOUT_MS: the longest one statement may run, in ms; 0 (the default here) sets none. */
  statementTimeoutMs?: number;
};

/**
 * The pg pool's settings for a statement timeout of `statementTimeoutMs`. The server enforces it: node-postgres
 * sends `statement_timeout` as a startup parameter, and Postgres cancels a longer statement with SQLSTATE 57014
 * ("canceling statement due to statement timeout"), leaving the connection usable. PgBouncer (1.18 and later
 * alike) refuses a startup parameter it does not know unless it is listed in `ignore_startup_parameters`, and
 * then drops it, so behind PgBouncer the server-side value comes from the role or from PgBouncer's
 * `connect_query` (docs/operations.md). The client-side `query_timeout` is the fallback for a server that
 * enforces nothing: after twice the timeout (plus a second, so a cancellation on its way normally wins) the
 * client gives up, and the pool closes that connection instead of reusing one that is still busy.
 */
export function statementTimeoutOptions(statementTimeoutMs: number): pg.PoolConfig {
  if (statementTimeoutMs === 0) return {};
  return { statement_timeout: statementTimeoutMs, query_timeout: queryReadTimeoutMs(statementTimeoutMs) };
}

const queryReadTimeoutMs = (statementTimeoutMs: number): number => 2 * statementTimeoutMs + 1000;

/**
 * An instant as a value for a `timestamp(3)` column (Prisma's DateTime, stored as UTC without a zone), in raw
 * SQL: the conversion is spelled out so it never depends on the session's time zone.
 */
export function utcTimestamp(at: Date): Prisma.Sql {
  return Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

// The pool under each client, for the statements of the hot read paths (see queryRows).
const pools = new WeakMap<Db, { pool: pg.Pool; logsQueries: boolean; statementTimeoutMs: number }>();

/**
 * A Prisma client over a node-postgres pool of its own. Both work through PgBouncer in transaction mode: neither
 * names a prepared statement (node-postgres prepares the unnamed statement in the same Parse/Bind/Execute/Sync
 * round trip; the Prisma adapter names one only when given a `statementNameGenerator`, which it is not here),
 * and no statement sets session state (locks are `pg_advisory_xact_lock` and `FOR UPDATE` inside transactions).
 */
export function createDb({
  url,
  poolSize = 10,
  logQueries = false,
  applicationName,
  statementTimeoutMs = 0,
}: CreateDbOptions): Db {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    ...(applicationName ? { application_name: applicationName } : {}),
    ...statementTimeoutOptions(statementTimeoutMs),
  });
  const db = new PrismaClient({
    adapter: new PrismaPg(pool),
    // Interactive transactions (content writes, reviews, admin edits) wait up to 10 s for a pooled connection and
    // may run 15 s: Prisma's 2 s / 5 s defaults failed content writes ("Unable to start a transaction in the
    // given time") on a 2-core machine at load 20, where nothing was wrong but the wait.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    log: logQueries ? [{ emit: "event", level: "query" }] : [],
  }) as Db;
  pools.set(db, { pool, logsQueries: logQueries, statementTimeoutMs });
  // The pool is ours: Prisma leaves an external pool open, and never disposes of it at all when every statement
  // went through queryRows (its engine never connected), which kept processes alive for pg's 10 s idle timeout.
  const disconnect = db.$disconnect.bind(db);
  db.$disconnect = async () => {
    await disconnect();
    if (!pool.ended) await pool.end();
  };
  return db;
}

const TIMESTAMP_OID = 1114;

/** Prisma's DateTime columns are `timestamp(3)` holding UTC; pg alone would read them in the process's zone. */
export function parseUtcTimestamp(text: string): Date {
  return new Date(`${text.replace(" ", "T")}Z`);
}

const rowTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID ? parseUtcTimestamp : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

/**
 * Rows of one SQL statement, sent straight to the client's pg pool: the same statement through Prisma's
 * `$queryRaw` costs ~240 µs of CPU against ~130 µs here, and a model query (`findUnique`) ~340-420 µs, measured
 * on the API's hot reads (one question, its coding problem). Values come back as `$queryRaw` returns them for
 * the column types used (timestamps as UTC Dates, JSON parsed, enums as text); bigint and numeric columns stay
 * strings, so callers cast counts to int. A client created with `logQueries` sends through Prisma instead, so
 * its query events count every statement.
 */
export async function queryRows<Row>(db: Db, sql: Prisma.Sql): Promise<Row[]> {
  const direct = pools.get(db);
  if (!direct || direct.logsQueries) return db.$queryRaw<Row[]>(sql);
  try {
    const result = await direct.pool.query({ text: sql.text, values: sql.values, types: rowTypes });
    return result.rows as Row[];
  } catch (error) {
    throw clearReadTimeout(error, direct.statementTimeoutMs);
  }
}

/** node-postgres' bare "Query read timeout" (the client-side fallback above), said in the platform's terms. */
function clearReadTimeout(error: unknown, statementTimeoutMs: number): unknown {
  if (!(error instanceof Error) || error.message !== "Query read timeout") return error;
  return new Error(
    `the database did not answer within ${queryReadTimeoutMs(statementTimeoutMs)} ms, twice DATABASE_STATEMENT_TIMEOUT_MS (${statementTimeoutMs} ms) plus a second: the server enforces no statement timeout (behind PgBouncer, set it on the role or in connect_query); the connection was closed`,
    { cause: error },
  );
}
