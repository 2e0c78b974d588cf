import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { stopChild } from "./child-processes.ts";
import { freePort } from "./ports.ts";

const SETPRIV = ["/usr/bin/setpriv", "/bin/setpriv"].find((path) => existsSync(path));

/** Debian's PgBouncer, when installed (`apt-get install pgbouncer`; CI installs it). */
export const PGBOUNCER = ["/usr/sbin/pgbouncer", "/usr/bin/pgbouncer"].find((path) => existsSync(path));

/** `pgbouncer --version`'s first line, e.g. "PgBouncer 1.18.0". */
export function pgbouncerVersion(): string {
  if (!PGBOUNCER) throw new Error("pgbouncer is not installed");
  return spawnSync(PGBOUNCER, ["--version"], { encoding: "utf8" }).stdout.split("\n")[0] ?? "";
}

export type PgBouncerDatabase = {
  /** The database on the Postgres behind it. */
  dbname: string;
  /** PgBouncer's `connect_query`: runs once on each new server connection (a server-side setting). */
  connectQuery?: string;
};

export type RunningPgBouncer = {
  port: number;
  /** A postgresql:// URL for one of the aliases given to startPgBouncer, through PgBouncer. */
  url(alias: string): string;
  /** One statement on PgBouncer's admin console (SHOW POOLS, SHOW SERVERS, …), rows as text. */
  admin(command: string): Promise<Record<string, string>[]>;
  /** What PgBouncer wrote to stderr so far (its log). */
  log(): string;
  close(): Promise<void>;
};

/**
 * A real PgBouncer in transaction mode on a free loopback port, in front of the Postgres of `upstream` (trust
 * auth, user postgres), with a temporary pgbouncer.ini and userlist that `close()` removes with the process.
 * The settings are the ones docs/operations.md asks of a production PgBouncer: transaction pooling, and
 * `statement_timeout` among the ignored startup parameters (node-postgres sends it; see src/db.ts).
 */
export async function startPgBouncer(
  upstream: URL,
  databases: Record<string, PgBouncerDatabase>,
  pool: { defaultPoolSize: number; maxClientConn: number },
): Promise<RunningPgBouncer> {
  if (!PGBOUNCER) throw new Error("pgbouncer is not installed (apt-get install pgbouncer)");
  const port = await freePort();
  const dir = await mkdtemp(join(tmpdir(), "dojo-pgbouncer-"));
  // PgBouncer refuses to run as root; as root it is started with -u postgres, which must read its files.
  await chmod(dir, 0o755);
  const user = decodeURIComponent(upstream.username || "postgres");
  const databaseLines = Object.entries(databases).map(([alias, database]) => {
    const query = database.connectQuery ? ` connect_query='${database.connectQuery.replaceAll("'", "''")}'` : "";
    // The server's user and password, when its URL has one (Compose's Postgres asks for it; the machine's trusts
    // loopback): PgBouncer logs in to the server with them (a password here applies with a forced user).
    const password = upstream.password ? ` user=${user} password=${decodeURIComponent(upstream.password)}` : "";
    return `${alias} = host=${upstream.hostname} port=${upstream.port || "5432"} dbname=${database.dbname}${password}${query}`;
  });
  const ini = [
    "[databases]",
    ...databaseLines,
    "",
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    "unix_socket_dir =",
    "auth_type = trust",
    `auth_file = ${join(dir, "userlist.txt")}`,
    `admin_users = ${user}`,
    "pool_mode = transaction",
    `default_pool_size = ${pool.defaultPoolSize}`,
    `max_client_conn = ${pool.maxClientConn}`,
    "ignore_startup_parameters = statement_timeout",
    "",
  ].join("\n");
  await writeFile(join(dir, "pgbouncer.ini"), ini, { mode: 0o644 });
  // Clients are trusted; the file also gives PgBouncer the password for its own logins to the server.
  await writeFile(join(dir, "userlist.txt"), `"${user}" "${decodeURIComponent(upstream.password)}"\n`, { mode: 0o644 });

  const args = [...(process.getuid?.() === 0 ? ["-u", "postgres"] : []), join(dir, "pgbouncer.ini")];
  // setpriv's PR_SET_PDEATHSIG: a jest worker that is force-exited takes PgBouncer with it.
  const child: ChildProcess = SETPRIV
    ? spawn(SETPRIV, ["--pdeathsig", "KILL", "--", PGBOUNCER, ...args], { stdio: ["ignore", "ignore", "pipe"] })
    : spawn(PGBOUNCER, args, { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    log += chunk.toString();
  });
  const cleanup = async () => {
    await stopChild(child, "SIGINT");
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitForListening(port, child, () => log);
  } catch (error) {
    await cleanup();
    throw error;
  }
  const url = (alias: string) => `postgresql://${encodeURIComponent(user)}@127.0.0.1:${port}/${alias}`;
  return {
    port,
    url,
    async admin(command) {
      // The admin console speaks only the simple query protocol, which pg uses for a query without values.
      const client = new pg.Client({ connectionString: url("pgbouncer") });
      await client.connect();
      try {
        const result = await client.query(command);
        return result.rows.map((row: Record<string, unknown>) =>
          Object.fromEntries(Object.entries(row).map(([key, value]) => [key, String(value)])),
        );
      } finally {
        await client.end();
      }
    },
    log: () => log,
    close: cleanup,
  };
}

async function waitForListening(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const exited = once(child, "exit").then(() => {
    throw new Error(`pgbouncer exited at start:\n${log()}`);
  });
  exited.catch(() => {});
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) await exited;
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`pgbouncer did not listen on ${port} within 10 s:\n${log()}`);
}
