// The process layer on its own: a tiny script started exactly like an executor (same launcher, same
// binds) must find no file system, no network, an empty environment and its rlimits in place.

import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { describeSandbox, resolveSandbox, sandboxedNodeCommand } from "../../workers/sandbox/launcher.ts";
import { ExecutorPool } from "../../workers/sandbox/pool.ts";
import { BWRAP_REQUIRED, itWhen } from "../helpers/capabilities.ts";
import { childrenByParent } from "../helpers/proc-tree.ts";

const PROBE = `
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
const attempt = (fn) => { try { return { ok: true, value: fn() }; } catch (error) { return { ok: false, code: error.code ?? error.message }; } };
const socket = await new Promise((resolve) => {
  const s = connect({ host: "127.0.0.1", port: Number(process.argv[2]) });
  s.on("connect", () => { s.destroy(); resolve({ ok: true }); });
  s.on("error", (error) => resolve({ ok: false, code: error.code }));
});
const external = await new Promise((resolve) => {
  const s = connect({ host: "1.1.1.1", port: 80 });
  s.setTimeout(2000, () => { s.destroy(); resolve({ ok: false, code: "TIMEOUT" }); });
  s.on("connect", () => { s.destroy(); resolve({ ok: true }); });
  s.on("error", (error) => resolve({ ok: false, code: error.code }));
});
process.stdout.write(JSON.stringify({
  env: process.env,
  uid: process.getuid(),
  passwd: attempt(() => readFileSync("/etc/passwd", "utf8").length),
  root: attempt(() => readdirSync("/")),
  limits: attempt(() => readFileSync("/proc/self/limits", "utf8")),
  home: attempt(() => readdirSync(process.argv[3])),
  write: attempt(() => writeFileSync(process.argv[4], "escaped")),
  socket,
  external,
}));
`;

type ProbeReport = {
  env: Record<string, string>;
  uid: number;
  passwd: { ok: boolean; code?: string };
  root: { ok: boolean; value?: string[] };
  limits: { ok: boolean; value?: string };
  home: { ok: boolean; value?: string[] };
  socket: { ok: boolean; code?: string };
  external: { ok: boolean; code?: string };
};

const bwrapWorks = (await describeSandbox()).bwrap;
const itUnderBwrap = itWhen({ present: bwrapWorks, required: BWRAP_REQUIRED, missing: "working bubblewrap" });

let workDir: string;
let probePath: string;
const escapePath = () => join(workDir, "escape.txt");

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), "sandbox-probe-"));
  probePath = join(workDir, "probe.mjs");
  writeFileSync(probePath, PROBE);
  // Readable by the unprivileged user the launcher starts processes as when the tests run as root.
  chmodSync(workDir, 0o755);
});

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
});

async function runProbe(mode: "auto" | "rlimit"): Promise<ProbeReport> {
  const resolved = await resolveSandbox({ mode, addressSpaceMb: 8192, cpuSeconds: 30 });
  const command = sandboxedNodeCommand(resolved, probePath, []);
  // PostgreSQL listens on 5432 on this machine's loopback; the probe must not reach it.
  const child = spawn(command.command, [...command.args, "5432", process.cwd(), escapePath()], {
    env: {},
    stdio: command.seccomp ? ["ignore", "pipe", "pipe", "pipe"] : ["ignore", "pipe", "pipe"],
  });
  if (command.seccomp) (child.stdio[3] as Writable).end(command.seccomp);
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk) => (stdout += chunk));
  child.stderr?.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => child.on("close", resolve));
  if (code !== 0) throw new Error(`probe exited with ${code}: ${stderr}`);
  return JSON.parse(stdout) as ProbeReport;
}

/** A field of /proc/<pid>/status as the host sees it (uids are translated into the reader's namespace). */
function statusField(pid: number, field: "Uid" | "CapEff" | "Seccomp"): string {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return new RegExp(`^${field}:\\s+(.+)$`, "m").exec(status)?.[1].trim() ?? "";
}

describe("process layer", () => {
  it("never runs an executor as host root, also when the grader is root", async () => {
    for (const mode of ["auto", "rlimit"] as const) {
      const pool = await ExecutorPool.start({ size: 1, mode });
      try {
        const children = childrenByParent();
        const tree = pool.processes().map((process) => process.pid);
        for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
        // The executor is the process at the bottom (prlimit execs in place; bubblewrap keeps processes above it).
        const executors = tree.filter((pid) => !children.has(pid));
        expect(executors).toHaveLength(1);
        const [realUid, effectiveUid, savedUid, fsUid] = statusField(executors[0], "Uid").split(/\s+/).map(Number);
        expect({ mode, realUid, effectiveUid, savedUid, fsUid }).toEqual({
          mode,
          realUid: pool.describeSandbox().hostUid,
          effectiveUid: pool.describeSandbox().hostUid,
          savedUid: pool.describeSandbox().hostUid,
          fsUid: pool.describeSandbox().hostUid,
        });
        expect(pool.describeSandbox().hostUid).not.toBe(0);
        // No process of the sandbox holds a capability, bubblewrap's own included.
        expect(tree.map((pid) => statusField(pid, "CapEff"))).toEqual(tree.map(() => "0000000000000000"));
      } finally {
        await pool.close();
      }
    }
  });

  itUnderBwrap("under bubblewrap every executor runs under a seccomp filter", async () => {
    const pool = await ExecutorPool.start({ size: 1, mode: "auto" });
    try {
      const children = childrenByParent();
      const tree = pool.processes().map((process) => process.pid);
      for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
      const executors = tree.filter((pid) => !children.has(pid));
      expect(executors).toHaveLength(1);
      // 2: SECCOMP_MODE_FILTER (workers/sandbox/seccomp.ts, installed by bubblewrap before node starts).
      expect(statusField(executors[0], "Seccomp")).toBe("2");
      expect(pool.describeSandbox().bwrap).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it("reports its layers; mode rlimit never uses bubblewrap", async () => {
    const auto = await describeSandbox();
    expect(auto).toMatchObject({ isolate: true, rlimits: expect.stringMatching(/^(prlimit|ulimit)$/) });
    const switchedUid = process.getuid?.() === 0 ? 65534 : null;
    expect(await describeSandbox({ mode: "rlimit" })).toMatchObject({ bwrap: false, uid: switchedUid });
    if (!auto.bwrap) {
      // Without a working bubblewrap, demanding it must refuse to start rather than run unprotected.
      await expect(ExecutorPool.start({ requireBwrap: true })).rejects.toThrow(/bubblewrap required/);
    }
  });

  it("falls back to rlimits when bubblewrap does not work, and refuses to start if it is required", async () => {
    const broken = { bwrapPath: "/bin/false" };
    const switchedUid = process.getuid?.() === 0 ? 65534 : null;
    expect(await describeSandbox(broken)).toMatchObject({ bwrap: false, uid: switchedUid, isolate: true });
    await expect(ExecutorPool.start({ ...broken, requireBwrap: true })).rejects.toThrow(
      /bubblewrap required but it does not work here/,
    );
    await expect(ExecutorPool.start({ ...broken, mode: "bwrap" })).rejects.toThrow(/bubblewrap required/);
    const fallback = await ExecutorPool.start({ ...broken, size: 1 });
    try {
      expect(fallback.describeSandbox().bwrap).toBe(false);
    } finally {
      await fallback.close();
    }
  });

  itUnderBwrap("under bubblewrap: no file system, no network, empty environment, unprivileged", async () => {
    if (!bwrapWorks) throw new Error("SANDBOX_REQUIRE_BWRAP=true, but bubblewrap does not work on this machine");
    const report = await runProbe("auto");
    expect(report.passwd).toEqual({ ok: false, code: "ENOENT" });
    // The project directory holds only what was bound read-only (node_modules/isolated-vm, …).
    expect(report.home.value).not.toContain("package.json");
    expect(report.home.value).not.toContain("src");
    expect(report.home.value).not.toContain(".git");
    // Whatever the write did, it stayed inside the sandbox's own scratch root.
    expect(existsSync(escapePath())).toBe(false);
    expect(report.limits.ok).toBe(false); // no /proc
    expect(report.root.value?.sort()).toEqual(expect.arrayContaining(["lib64"]));
    expect(report.root.value).not.toContain("etc");
    expect(report.root.value).not.toContain("proc");
    expect(report.root.value).not.toContain("dev");
    expect(report.socket.ok).toBe(false);
    expect(report.external.ok).toBe(false);
    // bubblewrap always sets PWD to the working directory it chose; nothing else comes through.
    expect(report.env).toEqual({ PWD: "/" });
    if (process.getuid?.() === 0) expect(report.uid).toBe(65534);
  });

  it("rlimits apply in every mode: address space, CPU, no core files; the environment is empty", async () => {
    const report = await runProbe("rlimit");
    expect(report.env).toEqual({});
    expect(report.limits.ok).toBe(true);
    const limits = report.limits.value ?? "";
    expect(limits).toMatch(/Max address space\s+8589934592\s+8589934592/);
    expect(limits).toMatch(/Max cpu time\s+30\s+30/);
    expect(limits).toMatch(/Max core file size\s+0\s+0/);
    expect(limits).toMatch(/Max file size\s+1048576\s+1048576/);
  });
});
