/**
 * Whether an error means PostgreSQL cannot be reached right now (down, restarting, connections cut, pool
 * exhausted), as opposed to a fault of a statement. Such a failure is answered as SERVICE_UNAVAILABLE with a
 * retry hint, not masked as an internal error: during a 20 s outage submitSolution answered 2,032 masked
 * INTERNAL_SERVER_ERRORs that a client could not tell from a bug.
 */

// Prisma's codes: cannot reach, timed out, server closed the connection, no pooled connection in time.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// The driver adapter's kinds (@prisma/adapter-pg) for the same.
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH"]);
// SQLSTATE: class 08 (connection exception), shutting down, starting up, too many connections.
const SQLSTATE = /^(08...|57P01|57P02|57P03|53300)$/;
// pg's own messages carry no code.
const PG_MESSAGES =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error)/;

type ErrorLike = {
  code?: unknown;
  kind?: unknown;
  message?: unknown;
  cause?: unknown;
  errors?: unknown;
  meta?: { driverAdapterError?: unknown };
};

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const e = error as ErrorLike;
  if (e.constructor?.name === "PrismaClientInitializationError") return true;
  if (typeof e.code === "string" && (PRISMA_CODES.has(e.code) || NETWORK_CODES.has(e.code) || SQLSTATE.test(e.code))) {
    return true;
  }
  if (typeof e.kind === "string" && ADAPTER_KINDS.has(e.kind)) return true;
  if (typeof e.message === "string" && PG_MESSAGES.test(e.message)) return true;
  const nested = [e.cause, e.meta?.driverAdapterError, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}
