import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A haproxy (Debian's) on loopback in front of `backends`, its config in a temporary directory of its own. */
export type LoadBalancer = {
  url: string;
  stop(): Promise<void>;
};

/**
 * Round-robin per HTTP request; a WebSocket upgrade passes through and stays on its server (`timeout tunnel`);
 * a server is taken out after two failed GET /readyz checks 500 ms apart; `option forwardfor` appends the
 * client's address to X-Forwarded-For, which the APIs read with TRUST_PROXY=1 (the last hop only, so a
 * client's own X-Forwarded-For is ignored). A request whose connection to a dead server fails is retried on
 * another one (`retries`, `option redispatch`); one already sent to a server that dies is not (502).
 * Each response names its server (x-served-by) so the drill can see where requests went.
 */
export function haproxyConfig(port: number, backends: readonly { name: string; port: number }[]): string {
  return [
    "global",
    "  maxconn 2048",
    "defaults",
    "  mode http",
    "  timeout connect 2s",
    "  timeout client 120s",
    "  timeout server 120s",
    "  timeout tunnel 1h",
    "  retries 3",
    "  option redispatch 1",
    "  option forwardfor",
    "frontend learners",
    `  bind 127.0.0.1:${port}`,
    "  default_backend apis",
    "backend apis",
    "  balance roundrobin",
    "  option httpchk GET /readyz",
    "  http-check expect status 200",
    "  http-response set-header x-served-by %[srv_name]",
    "  default-server inter 500ms fall 2 rise 2",
    ...backends.map((backend) => `  server ${backend.name} 127.0.0.1:${backend.port} check`),
    "",
  ].join("\n");
}

export async function startHaproxy(
  port: number,
  backends: readonly { name: string; port: number }[],
): Promise<LoadBalancer> {
  const dir = mkdtempSync(join(tmpdir(), "fleet-haproxy-"));
  const configPath = join(dir, "haproxy.cfg");
  writeFileSync(configPath, haproxyConfig(port, backends));
  let child: ChildProcess | null = null;
  const stop = async () => {
    const running = child;
    child = null;
    if (running && running.exitCode === null && running.signalCode === null) {
      const exited = once(running, "exit");
      running.kill("SIGKILL");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    execFileSync("haproxy", ["-c", "-q", "-f", configPath], { stdio: "pipe" });
    // -db: stay in the foreground, so it is this process's child and dies with a kill of it.
    child = spawn("haproxy", ["-db", "-f", configPath], { stdio: ["ignore", "ignore", "pipe"] });
    child.stderr?.resume();
    const started = child;
    await new Promise<void>((resolve, reject) => {
      started.once("error", reject);
      started.once("spawn", () => resolve());
    });
  } catch (error) {
    await stop();
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw missing ? new Error("haproxy is not installed (apt-get install -y haproxy)") : error;
  }
  return { url: `http://127.0.0.1:${port}/graphql`, stop };
}
