import { PrismaPg } from "@prisma/adapter-pg";
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

export function createDb({ url, poolSize = 10, logQueries = false }: CreateDbOptions): Db {
  const adapter = new PrismaPg({ connectionString: url, max: poolSize });
  return new PrismaClient({ adapter, log: logQueries ? [{ emit: "event", level: "query" }] : [] }) as Db;
}
