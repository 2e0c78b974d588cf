// Finds the system's CPython and numpy (Debian: python3, python3-numpy) and builds the command that starts
// a zygote under the sandbox's process layers. Which layers work here (bubblewrap, prlimit, the uid) is the
// node executor's launcher's decision, reused as it is; Python adds its binds and what bubblewrap does for it:
// PID 1 of its own PID namespace (no child can signal it, and it can kill whatever a child leaves), a
// read-only root, and BLAS pinned to one thread.
import { execFile } from "node:child_process";
import { existsSync, realpathSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bwrapArgs,
  type LaunchCommand,
  type ResolvedSandbox,
  resolveSandbox,
  rlimitPrefix,
  type SandboxOptions,
  sharedLibraries,
} from "../../sandbox/launcher.ts";
import { sandboxLimits } from "../../sandbox/limits.ts";

export const HARNESS_DIR = fileURLToPath(new URL("./harness/", import.meta.url));
const ZYGOTE_SCRIPT = join(HARNESS_DIR, "zygote.py");
/** Debian's interpreter: the one python3-numpy belongs to (a PATH lookup may find another Python). */
export const DEFAULT_PYTHON = "/usr/bin/python3";
const PROBE_TIMEOUT_MS = 20_000;

/**
 * One thread per submission whatever BLAS numpy was built with; and glibc's malloc keeps the smaller blocks a child
 * frees. By default an array above 128 KiB is mapped afresh and unmapped on free, and freed memory at the heap's
 * top is returned: every 512 KiB temporary of a 256³ matmul run touched new pages (128–256 page faults a run, at
 * 12.7 µs each on one VM), so a run cost 14.6–16.7 ms of CPU against 11.6–12.0 ms with blocks below 2 MiB kept on
 * the heap (a run's 1 MiB input frame among them: at 1 MiB a child took 985 and 32 faults on its first two runs,
 * against 536 and 0) and up to 8 MiB of its freed top kept. Not more: the memory limit is on address space, so
 * what malloc keeps counts as held. With 4 MiB and 1 GiB, a program with at most 52 MiB live held 97–100 MiB of
 * address space, past a 64 MB limit and its 16 MiB of headroom: 2 MiB arrays freed under a live one, then one of
 * 50 MiB (test/python/runtime.test.ts); or, in a plain python3, 48 MiB of 512 KiB arrays freed at the heap's top,
 * then one of 50 MiB (97 MiB; 49 with an 8 MiB trim threshold). Blocks of 2 MiB and more are now unmapped on free,
 * and the 8 MiB of freed top kept fits in the child's headroom.
 */
const ZYGOTE_ENVIRONMENT: Record<string, string> = {
  OPENBLAS_NUM_THREADS: "1",
  OMP_NUM_THREADS: "1",
  MKL_NUM_THREADS: "1",
  BLIS_NUM_THREADS: "1",
  NUMEXPR_NUM_THREADS: "1",
  GLIBC_TUNABLES: "glibc.malloc.mmap_threshold=2097152:glibc.malloc.trim_threshold=8388608",
};

/** rlimits of the zygote process (its children lower them to each run's own limits). */
const ZYGOTE_LIMITS: ResolvedSandbox["limits"] = sandboxLimits("python").process;

export type PythonInstall = {
  pythonPath: string;
  python: string;
  numpy: string;
  /** The directory that holds the numpy package (put on sys.path by the zygote). */
  numpyParent: string;
  /** Read-only binds: the interpreter, its standard library, numpy, their shared libraries, the harness. */
  binds: string[];
  /** Whether ldd listed those shared libraries (bubblewrap cannot start the interpreter without them). */
  librariesListed: boolean;
};

export type PythonSandboxOptions = Pick<SandboxOptions, "mode" | "requireBwrap"> & {
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

// The extension modules whose libraries the sandbox binds are the ones a zygote has loaded once warm (the
// harness's own warm-up, run here in a throwaway process): no other can load once learner code runs
// (harness/restrict.py). ldd over these ~37 takes a fifth of the time it took over all ~100 of the standard
// library and numpy (2 s of CPU instead of 11).
const PROBE_SCRIPT = `
import json, os, platform, sys, sysconfig
sys.path.extend(p for p in ("/usr/lib/python3/dist-packages", "/usr/local/lib/python3/dist-packages") if p not in sys.path)
import numpy
sys.path.insert(0, sys.argv[1])
import child, zygote
child.warm_up()
stdlib = sysconfig.get_paths()["stdlib"]
numpy_dir = os.path.dirname(numpy.__file__)
files = {getattr(module, "__file__", None) for module in list(sys.modules.values())}
extensions = sorted(f for f in files if isinstance(f, str) and f.endswith(".so"))
print(json.dumps({"python": platform.python_version(), "numpy": numpy.__version__, "stdlib": stdlib,
                  "numpy_dir": numpy_dir, "extensions": extensions}))
`;

type ProbeReport = { python: string; numpy: string; stdlib: string; numpy_dir: string; extensions: string[] };

function probeInterpreter(pythonPath: string): Promise<ProbeReport> {
  return new Promise((resolve, reject) => {
    execFile(
      pythonPath,
      ["-I", "-S", "-B", "-c", PROBE_SCRIPT, HARNESS_DIR],
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

const installs = new Map<string, Promise<PythonInstall>>();

/** The interpreter, numpy and the files to bind, found once per interpreter (a failure is retried next time). */
export function findPythonInstall(pythonPath = DEFAULT_PYTHON): Promise<PythonInstall> {
  let install = installs.get(pythonPath);
  if (!install) {
    install = probeInstall(pythonPath);
    installs.set(pythonPath, install);
    install.catch(() => installs.delete(pythonPath));
  }
  return install;
}

async function probeInstall(pythonPath: string): Promise<PythonInstall> {
  if (!existsSync(pythonPath)) throw new Error(`${pythonPath} not found (install python3 and python3-numpy)`);
  const real = realpathSync(pythonPath);
  const report = await probeInterpreter(real);
  const libraries = await sharedLibraries(real, ...report.extensions);
  // Without them bubblewrap would bind no loader and the zygote could not start ("execvp: No such file").
  if (libraries === null) throw new Error(`the shared libraries of ${real} could not be listed (ldd)`);
  const numpyParent = dirname(report.numpy_dir);
  // numpy wheels keep their own shared libraries beside the package.
  const wheelLibraries = join(numpyParent, "numpy.libs");
  const binds = [real, report.stdlib, report.numpy_dir, HARNESS_DIR, ...(libraries ?? [])];
  if (existsSync(wheelLibraries)) binds.push(wheelLibraries);
  return {
    pythonPath: real,
    python: report.python,
    numpy: report.numpy,
    numpyParent,
    binds,
    librariesListed: libraries !== null,
  };
}

/** The zygote under the layers the launcher resolved: bubblewrap when it works here, rlimits always. */
function zygoteCommand(install: PythonInstall, layers: ResolvedSandbox): LaunchCommand {
  if (layers.layers.bwrap && !install.librariesListed) {
    // Bound without them the sandbox has no dynamic loader: "execvp /usr/bin/python3.11: No such file or directory".
    throw new Error(`the shared libraries of ${install.pythonPath} and numpy could not be listed (ldd failed)`);
  }
  const sandbox: ResolvedSandbox = { ...layers, limits: ZYGOTE_LIMITS, baseBinds: install.binds };
  const prefix = rlimitPrefix(sandbox);
  const python = [install.pythonPath, "-I", "-S", "-B", ZYGOTE_SCRIPT, install.numpyParent];
  const inner =
    sandbox.layers.bwrap && sandbox.bwrapPath
      ? [
          sandbox.bwrapPath,
          ...bwrapArgs(sandbox, []),
          "--as-pid-1",
          "--remount-ro",
          "/",
          ...Object.entries(ZYGOTE_ENVIRONMENT).flatMap(([name, value]) => ["--setenv", name, value]),
          ...python,
        ]
      : python;
  return { command: prefix.command, args: [...prefix.args, ...inner] };
}

/** Finds the interpreter and builds the zygote's command under the launcher's layers. */
export async function resolvePythonSandbox(options: PythonSandboxOptions = {}): Promise<PythonSandbox> {
  const layers = await resolveSandbox({ mode: options.mode, requireBwrap: options.requireBwrap });
  const install = await findPythonInstall(options.pythonPath);
  return {
    install,
    bwrap: layers.layers.bwrap,
    rlimits: layers.layers.rlimits,
    uid: layers.layers.uid,
    command: zygoteCommand(install, layers),
    env: ZYGOTE_ENVIRONMENT,
  };
}
