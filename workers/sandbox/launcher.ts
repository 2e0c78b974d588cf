// Builds the command line that starts a process inside the sandbox's process layers: rlimits always
// (prlimit when present, else `ulimit` in sh) and bubblewrap when it works on this machine.
//
// No sandboxed process runs as host root. A grader started as root starts it as root only for as long as
// node takes to run drop-privileges.ts (preloaded, before the main script): it then is nobody (65534) on
// the host. Under bubblewrap as root that needs the host's user namespace (a namespace of its own would map
// uid 65534 inside to uid 0 outside, as it did before) and keeps CAP_SETUID/CAP_SETGID for the switch, which
// clears them. A grader that is not root (the Docker image runs as `node`) runs bubblewrap unprivileged, in a
// user namespace of its own, and the preload does nothing. Starting the processes as nobody directly is not
// possible in general: node or the project may live under a directory only root can enter (/root).
import { execFile } from "node:child_process";
import { accessSync, constants, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { delimiter, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sandboxLimits } from "./limits.ts";
import { executorSeccompProgram } from "./seccomp.ts";

export type SandboxMode = "auto" | "bwrap" | "rlimit";

export type SandboxOptions = {
  /** auto: bubblewrap when the probe passes, else rlimits only. Default auto. */
  mode?: SandboxMode;
  /** Refuse to start unless bubblewrap works (overrides an `auto` fallback). */
  requireBwrap?: boolean;
  /** RLIMIT_AS of an executor process in MiB. Default: the limits table (limits.ts). */
  addressSpaceMb?: number;
  /** RLIMIT_CPU over the whole life of one executor process, in seconds. Default: the limits table. */
  cpuSeconds?: number;
  /** RLIMIT_NOFILE. Default: the limits table. */
  openFiles?: number;
  /** bubblewrap binary; found on PATH (or /usr/bin, /bin) when omitted. */
  bwrapPath?: string;
};

export type SandboxLayers = {
  bwrap: boolean;
  rlimits: "prlimit" | "ulimit";
  isolate: true;
  /** uid the sandboxed processes switch to (65534 when the grader runs as root); null: the grader's own. */
  uid: number | null;
  /** uid the sandboxed processes have on the host once started: never 0. */
  hostUid: number;
};

export type ResolvedSandbox = {
  layers: SandboxLayers;
  limits: Required<Pick<SandboxOptions, "addressSpaceMb" | "cpuSeconds" | "openFiles">>;
  nodePath: string;
  bwrapPath: string | null;
  prlimitPath: string | null;
  /**
   * util-linux's setpriv when it can set a parent-death signal: every sandboxed process is started under
   * `setpriv --pdeathsig KILL`, so a grader that dies (even by SIGKILL) takes its sandboxes with it. bubblewrap's
   * own --die-with-parent covers only the process inside it; bwrap itself used to outlive a killed grader.
   */
  setprivPath: string | null;
  /** Read-only binds every sandboxed node process needs: node, its libraries, isolated-vm. */
  baseBinds: string[];
};

/**
 * A command line; with `seccomp`, the spawner passes that BPF program on fd 3, where bubblewrap reads it
 * (`--seccomp 3`) and installs it just before it runs the sandboxed program.
 */
export type LaunchCommand = { command: string; args: string[]; seccomp?: Buffer };

/** The file descriptor bubblewrap reads a seccomp program from. */
export const SECCOMP_FD = 3;

const NOBODY = 65534;
const DROP_PRIVILEGES = fileURLToPath(new URL("./drop-privileges.ts", import.meta.url));
const FILE_SIZE_BYTES = 1024 * 1024;
const PROBE_TIMEOUT_MS = 15_000;
// ldd loads each file it lists: python3 with numpy's and the stdlib's extensions took 21–55 s on two cores at a load
// average of 19–20 (~1 s idle), past the old 15 s probe timeout, and the Python sandbox then lacked its libraries.
const LDD_TIMEOUT_MS = 180_000;

function findExecutable(name: string): string | null {
  const dirs = [...(process.env.PATH ?? "").split(delimiter), "/usr/bin", "/bin", "/usr/sbin", "/sbin"];
  for (const dir of dirs) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return realpathSync(candidate);
    } catch {
      // not in this directory
    }
  }
  return null;
}

function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = {},
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<{ ok: boolean; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(command, args, { env, timeout: timeoutMs, encoding: "utf8" }, (error, stdout, stderr) => {
      resolve({ ok: !error, stdout, stderr });
    });
  });
}

/**
 * Shared libraries `ldd` lists for some binaries (one ldd run for all); null when ldd is missing or fails.
 * ldd runs each binary's loader: for the ~100 extension modules of Python and numpy that took 55 s on a
 * 2-core machine at load average 20, hence the time it is given.
 */
async function sharedLibraries(...binaries: string[]): Promise<string[] | null> {
  const ldd = findExecutable("ldd");
  if (!ldd) return null;
  const result = await run(ldd, binaries, { PATH: "/usr/bin:/bin" }, LDD_TIMEOUT_MS);
  if (!result.ok) return null;
  const libraries: string[] = [];
  for (const line of result.stdout.split("\n")) {
    const match = /(?:=>\s*)?(\/\S+)\s+\(0x/.exec(line);
    if (match) libraries.push(match[1]);
  }
  return libraries;
}

function isolatedVmFiles(): { packageDir: string; gypBuildDir: string; addon: string } {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve("isolated-vm/package.json"));
  const fromPackage = createRequire(join(packageDir, "package.json"));
  const gypBuildDir = dirname(fromPackage.resolve("node-gyp-build/package.json"));
  const gypBuild = fromPackage("node-gyp-build") as { resolve(dir: string): string };
  return { packageDir, gypBuildDir, addon: gypBuild.resolve(packageDir) };
}

/** Every directory above `paths` (the root excepted), parents first. */
function ancestors(paths: Iterable<string>): string[] {
  const dirs = new Set<string>();
  for (const path of paths) for (let dir = dirname(path); dir !== dirname(dir); dir = dirname(dir)) dirs.add(dir);
  return [...dirs].sort((a, b) => a.split("/").length - b.split("/").length);
}

function bwrapArgs(resolved: ResolvedSandbox, readOnly: string[]): string[] {
  // As root: every namespace but the user namespace (see the file's header), and only the capabilities the
  // switch to nobody needs. Otherwise bubblewrap is unprivileged and needs a user namespace of its own.
  const namespaces =
    resolved.layers.uid === null
      ? ["--unshare-all", "--cap-drop", "ALL"]
      : [
          ...["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"],
          ...["--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID"],
        ];
  const args = [...namespaces, "--die-with-parent", "--clearenv", "--new-session"];
  const binds = new Set([...resolved.baseBinds, ...readOnly]);
  // bubblewrap run as root makes the directories above a bind 0700: nobody could not reach the files.
  for (const dir of ancestors(binds)) args.push("--perms", "0755", "--dir", dir);
  for (const path of binds) args.push("--ro-bind", path, path);
  args.push("--chdir", "/");
  return args;
}

/**
 * The outermost prefix of a sandboxed process: the parent-death signal (setpriv, when present), then the rlimits.
 * PR_SET_PDEATHSIG survives the execs that follow (prlimit, bubblewrap, node or python keep the pid).
 */
function rlimitPrefix(resolved: ResolvedSandbox): LaunchCommand {
  const limits = limitsPrefix(resolved);
  if (!resolved.setprivPath) return limits;
  return { command: resolved.setprivPath, args: ["--pdeathsig", "KILL", "--", limits.command, ...limits.args] };
}

function limitsPrefix(resolved: ResolvedSandbox): LaunchCommand {
  const { addressSpaceMb, cpuSeconds, openFiles } = resolved.limits;
  if (resolved.prlimitPath) {
    return {
      command: resolved.prlimitPath,
      args: [
        `--as=${addressSpaceMb * 1024 * 1024}`,
        `--cpu=${cpuSeconds}`,
        "--core=0",
        `--fsize=${FILE_SIZE_BYTES}`,
        `--nofile=${openFiles}`,
        "--",
      ],
    };
  }
  // ulimit -f counts 512- or 1024-byte blocks depending on the shell; either is a small cap.
  const script = `ulimit -v ${addressSpaceMb * 1024} && ulimit -t ${cpuSeconds} && ulimit -c 0 && ulimit -f ${FILE_SIZE_BYTES / 1024} && ulimit -n ${openFiles} && exec "$@"`;
  return { command: "/bin/sh", args: ["-c", script, "sandbox"] };
}

/**
 * The command that runs `node --no-node-snapshot <script>` under the resolved layers. `readOnly` lists the
 * extra files (the script and what it imports) to bind; the base binds are always included.
 */
export function sandboxedNodeCommand(
  resolved: ResolvedSandbox,
  script: string,
  readOnly: string[],
  nodeArgs: string[] = [],
): LaunchCommand {
  const prefix = rlimitPrefix(resolved);
  const node = [resolved.nodePath, "--no-node-snapshot", `--import=${DROP_PRIVILEGES}`, ...nodeArgs, script];
  const seccomp = resolved.layers.bwrap && resolved.bwrapPath ? executorSeccompProgram() : null;
  const inner =
    resolved.layers.bwrap && resolved.bwrapPath
      ? [
          resolved.bwrapPath,
          ...bwrapArgs(resolved, [DROP_PRIVILEGES, script, ...readOnly]),
          ...(seccomp ? ["--seccomp", String(SECCOMP_FD)] : []),
          ...node,
        ]
      : node;
  return { command: prefix.command, args: [...prefix.args, ...inner], ...(seccomp ? { seccomp } : {}) };
}

async function probeBwrap(resolved: ResolvedSandbox, packageDir: string): Promise<{ ok: boolean; detail: string }> {
  if (!resolved.bwrapPath) return { ok: false, detail: "bwrap not found" };
  const probe = `require(${JSON.stringify(join(packageDir, "isolated-vm.js"))}); process.stdout.write("sandbox-ok " + process.getuid())`;
  const node = [resolved.nodePath, "--no-node-snapshot", `--import=${DROP_PRIVILEGES}`, "-e", probe];
  const withBwrap = { ...resolved, layers: { ...resolved.layers, bwrap: true } };
  const prefix = rlimitPrefix(withBwrap);
  const binds = bwrapArgs(withBwrap, [DROP_PRIVILEGES]);
  const result = await run(prefix.command, [...prefix.args, resolved.bwrapPath, ...binds, ...node]);
  if (result.ok && result.stdout === `sandbox-ok ${resolved.layers.hostUid}`) return { ok: true, detail: "ok" };
  return { ok: false, detail: result.stderr.trim().slice(0, 500) || "probe produced no output" };
}

/** setpriv, if this one can set a parent-death signal (util-linux 2.33 and later): it runs `true` so once. */
async function findPdeathsigSetpriv(): Promise<string | null> {
  const setpriv = findExecutable("setpriv");
  const truePath = findExecutable("true");
  if (!setpriv || !truePath) return null;
  const probe = await run(setpriv, ["--pdeathsig", "KILL", "--", truePath]);
  return probe.ok ? setpriv : null;
}

const resolutions = new Map<string, Promise<ResolvedSandbox>>();

async function resolve(options: SandboxOptions): Promise<ResolvedSandbox> {
  const mode = options.mode ?? "auto";
  if (!["auto", "bwrap", "rlimit"].includes(mode)) throw new Error(`unknown sandbox mode ${String(mode)}`);
  const defaults = sandboxLimits("isolate").process;
  const limits = {
    addressSpaceMb: options.addressSpaceMb ?? defaults.addressSpaceMb,
    cpuSeconds: options.cpuSeconds ?? defaults.cpuSeconds,
    openFiles: options.openFiles ?? defaults.openFiles,
  };
  const nodePath = realpathSync(process.execPath);
  const prlimitPath = findExecutable("prlimit");
  const bwrapPath = mode === "rlimit" ? null : (options.bwrapPath ?? findExecutable("bwrap"));
  const rlimits = prlimitPath ? "prlimit" : "ulimit";
  const asRoot = process.getuid?.() === 0;
  const hostUid = asRoot ? NOBODY : (process.getuid?.() ?? NOBODY);
  const resolved: ResolvedSandbox = {
    layers: { bwrap: false, rlimits, isolate: true, uid: asRoot ? NOBODY : null, hostUid },
    limits,
    nodePath,
    bwrapPath,
    prlimitPath,
    setprivPath: await findPdeathsigSetpriv(),
    baseBinds: [],
  };
  const wantsBwrap = mode === "bwrap" || options.requireBwrap === true;
  if (mode === "rlimit") {
    if (options.requireBwrap) throw new Error("SANDBOX=rlimit contradicts SANDBOX_REQUIRE_BWRAP=true");
    return resolved;
  }
  const { packageDir, gypBuildDir, addon } = isolatedVmFiles();
  const libraries = [...((await sharedLibraries(nodePath)) ?? []), ...((await sharedLibraries(addon)) ?? [])];
  if (libraries.length === 0) {
    if (wantsBwrap) throw new Error("bubblewrap required but the shared libraries of node could not be listed (ldd)");
    return resolved;
  }
  resolved.baseBinds = [nodePath, ...libraries, packageDir, gypBuildDir];
  const probe = await probeBwrap(resolved, packageDir);
  if (!probe.ok) {
    if (wantsBwrap) throw new Error(`bubblewrap required but it does not work here: ${probe.detail}`);
    return resolved;
  }
  resolved.layers.bwrap = true;
  return resolved;
}

/** Resolves the process layers once per option set (bubblewrap is probed by running node through it). */
export function resolveSandbox(options: SandboxOptions = {}): Promise<ResolvedSandbox> {
  const key = JSON.stringify([
    options.mode ?? "auto",
    options.requireBwrap ?? false,
    options.addressSpaceMb,
    options.cpuSeconds,
    options.openFiles,
    options.bwrapPath,
  ]);
  let pending = resolutions.get(key);
  if (!pending) {
    pending = resolve(options);
    resolutions.set(key, pending);
    pending.catch(() => resolutions.delete(key));
  }
  return pending;
}

/** Which layers are active for these options, for the grader's start-up log. */
export async function describeSandbox(options: SandboxOptions = {}): Promise<SandboxLayers> {
  return { ...(await resolveSandbox(options)).layers };
}

// The generic layer helpers, for the runtimes of other languages (workers/runtimes/python).
export { bwrapArgs, findExecutable, rlimitPrefix, run, sharedLibraries };
