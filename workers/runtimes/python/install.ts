// Finds the system's CPython and numpy (Debian: python3, python3-numpy) and builds the command that starts
// a zygote under the sandbox's process layers: the rlimit prefix and bubblewrap from the node executor's
// launcher, plus what Python needs: PID 1 of its own PID namespace (so no child can signal it, and it can
// kill whatever a child leaves), a read-only root, and BLAS pinned to one thread.
import { execFile } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bwrapArgs,
  findExecutable,
  type LaunchCommand,
  type ProcessLimits,
  probeCommand,
  rlimitPrefix,
  type SandboxMode,
  sandboxUid,
  sharedLibraries,
} from "../../sandbox/launcher.ts";

export const HARNESS_DIR = fileURLToPath(new URL("./harness/", import.meta.url));
const ZYGOTE_SCRIPT = join(HARNESS_DIR, "zygote.py");
/** Debian's interpreter: the one python3-numpy belongs to (a PATH lookup may find another Python). */
export const DEFAULT_PYTHON = "/usr/bin/python3";
const PROBE_TIMEOUT_MS = 20_000;

/** One thread per submission whatever BLAS numpy was built with. */
const THREAD_ENVIRONMENT: Record<string, string> = {
  OPENBLAS_NUM_THREADS: "1",
  OMP_NUM_THREADS: "1",
  MKL_NUM_THREADS: "1",
  BLIS_NUM_THREADS: "1",
  NUMEXPR_NUM_THREADS: "1",
};

/**
 * Limits of the zygote process. Its children lower the address space, CPU and open files to each run's own
 * limits (harness/restrict.py); these only bound the zygote: CPython with numpy maps about 370 MiB.
 */
const ZYGOTE_LIMITS: ProcessLimits = { addressSpaceMb: 4096, cpuSeconds: 3600, openFiles: 64, fileSizeBytes: 0 };

export type PythonInstall = {
  pythonPath: string;
  python: string;
  numpy: string;
  /** The directory that holds the numpy package (put on sys.path by the zygote). */
  numpyParent: string;
  /** Read-only binds: the interpreter, its standard library, numpy, their shared libraries, the harness. */
  binds: string[];
};

export type PythonSandboxOptions = {
  /** auto: bubblewrap when it works here, else rlimits only. Default auto. */
  mode?: SandboxMode;
  /** Refuse to start unless bubblewrap works. */
  requireBwrap?: boolean;
  /** The interpreter. Default /usr/bin/python3. */
  pythonPath?: string;
};

export type PythonSandbox = {
  install: PythonInstall;
  bwrap: boolean;
  rlimits: "prlimit" | "ulimit";
  uid: number | null;
  command: LaunchCommand;
  /** The environment the zygote is started with (bubblewrap clears it and sets the same values itself). */
  env: Record<string, string>;
};

const PROBE_SCRIPT = `
import json, os, platform, sys, sysconfig
sys.path.extend(p for p in ("/usr/lib/python3/dist-packages", "/usr/local/lib/python3/dist-packages") if p not in sys.path)
import numpy
stdlib = sysconfig.get_paths()["stdlib"]
numpy_dir = os.path.dirname(numpy.__file__)
extensions = [os.path.join(d, f) for root in (stdlib, numpy_dir) for d, _, fs in os.walk(root) for f in fs if f.endswith(".so")]
print(json.dumps({"python": platform.python_version(), "numpy": numpy.__version__, "stdlib": stdlib,
                  "numpy_dir": numpy_dir, "extensions": extensions}))
`;

type ProbeReport = { python: string; numpy: string; stdlib: string; numpy_dir: string; extensions: string[] };

function probeInterpreter(pythonPath: string): Promise<ProbeReport> {
  return new Promise((resolve, reject) => {
    execFile(
      pythonPath,
      ["-I", "-S", "-c", PROBE_SCRIPT],
      { env: {}, timeout: PROBE_TIMEOUT_MS, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error) {
          const detail = stderr.trim().split("\n").slice(-1)[0] || error.message;
          reject(new Error(`${pythonPath} with numpy is not usable (install python3 and python3-numpy): ${detail}`));
          return;
        }
        resolve(JSON.parse(stdout) as ProbeReport);
      },
    );
  });
}

export async function findPythonInstall(pythonPath = DEFAULT_PYTHON): Promise<PythonInstall> {
  if (!existsSync(pythonPath)) throw new Error(`${pythonPath} not found (install python3 and python3-numpy)`);
  const real = realpathSync(pythonPath);
  const report = await probeInterpreter(real);
  const libraries = (await sharedLibraries(real, ...report.extensions)) ?? [];
  const numpyParent = dirname(report.numpy_dir);
  // numpy wheels keep their own shared libraries beside the package.
  const wheelLibraries = join(numpyParent, "numpy.libs");
  const binds = [real, report.stdlib, report.numpy_dir, HARNESS_DIR, ...libraries];
  if (existsSync(wheelLibraries)) binds.push(wheelLibraries);
  return { pythonPath: real, python: report.python, numpy: report.numpy, numpyParent, binds };
}

/** `python <pythonArgs>` under the layers: bubblewrap when `bwrapPath` is given, rlimits always. */
function pythonCommand(
  install: PythonInstall,
  bwrapPath: string | null,
  prlimitPath: string | null,
  pythonArgs: string[],
): LaunchCommand {
  const prefix = rlimitPrefix(prlimitPath, ZYGOTE_LIMITS);
  const python = [install.pythonPath, "-I", "-S", "-B", ...pythonArgs];
  const inner = bwrapPath
    ? [
        bwrapPath,
        ...bwrapArgs(sandboxUid(), install.binds),
        "--as-pid-1",
        "--remount-ro",
        "/",
        ...Object.entries(THREAD_ENVIRONMENT).flatMap(([name, value]) => ["--setenv", name, value]),
        ...python,
      ]
    : python;
  return { command: prefix.command, args: [...prefix.args, ...inner] };
}

/** Finds the interpreter and decides the layers (bubblewrap probed by importing numpy through it). */
export async function resolvePythonSandbox(options: PythonSandboxOptions = {}): Promise<PythonSandbox> {
  const mode = options.mode ?? "auto";
  if (!["auto", "bwrap", "rlimit"].includes(mode)) throw new Error(`unknown sandbox mode ${String(mode)}`);
  const wantsBwrap = mode === "bwrap" || options.requireBwrap === true;
  if (mode === "rlimit" && options.requireBwrap)
    throw new Error("SANDBOX=rlimit contradicts SANDBOX_REQUIRE_BWRAP=true");
  const install = await findPythonInstall(options.pythonPath);
  const prlimitPath = findExecutable("prlimit");
  const bwrapPath = mode === "rlimit" ? null : findExecutable("bwrap");
  let bwrap = false;
  if (bwrapPath) {
    const probe = `import sys; sys.path.append(${JSON.stringify(install.numpyParent)}); import numpy; sys.stdout.write("sandbox-ok")`;
    const result = await probeCommand(pythonCommand(install, bwrapPath, prlimitPath, ["-c", probe]), "sandbox-ok");
    bwrap = result.ok;
    if (!bwrap && wantsBwrap) throw new Error(`bubblewrap required but it does not run Python here: ${result.detail}`);
  } else if (wantsBwrap) {
    throw new Error("bubblewrap required but bwrap was not found");
  }
  return {
    install,
    bwrap,
    rlimits: prlimitPath ? "prlimit" : "ulimit",
    uid: bwrap ? sandboxUid() : null,
    command: pythonCommand(install, bwrap ? bwrapPath : null, prlimitPath, [ZYGOTE_SCRIPT, install.numpyParent]),
    env: THREAD_ENVIRONMENT,
  };
}
