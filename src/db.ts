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
};

/**
 * An instant as a value for a `timestamp(3)` column (Prisma's DateTime, stored as UTC without a zone), in raw
 * SQL: the conversion is spelled out so it never depends on the session's time zone.
 */
export function utcTimestamp(at: Date): Prisma.Sql {
  return Prisma.sql`(${at.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
}

// The pool under each client, for the statements of the hot read paths (see queryRows).
const pools = new WeakMap<Db, { pool: pg.Pool; logsQueries: boolean }>();

export function createDb({ url, poolSize = 10, logQueries = false }: CreateDbOptions): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const db = new PrismaClient({
    adapter: new PrismaPg(pool),
    // Interactive transactions (content writes, reviews, admin edits) wait up to 10 s for a pooled connection and
    // may run 15 s: Prisma's 2 s / 5 s defaults failed content writes ("Unable to start a transaction in the
    // given time") on a 2-core machine at load 20, where nothing was wrong but the wait.
    transactionOptions: { maxWait: 10_000, timeout: 15_000 },
    log: logQueries ? [{ emit: "event", level: "query" }] : [],
  }) as Db;
  pools.set(db, { pool, logsQueries: logQueries });
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
  const result = await direct.pool.query({ text: sql.text, values: sql.values, types: rowTypes });
  return result.rows as Row[];
}
