// Every limit of the sandboxed processes, as data in one place (as src/config.ts is for settings): one row of
// defaults and, per runtime, only what differs from them (Piston's per-language overrides). The pool, the
// launcher and the Python runtime read their defaults here; a caller's option (a test, EXECUTOR_RECYCLE_AFTER)
// still wins. A submission's own time and memory limits are the problem's, not these: these bound the long-lived
// processes that run submissions and the slack the trusted side allows around each run.

export type SandboxRuntime = "isolate" | "python";

/** rlimits of one long-lived sandboxed process (an executor, a zygote). */
export type ProcessLimits = {
  /** RLIMIT_AS in MiB. */
  addressSpaceMb: number;
  /** RLIMIT_CPU over the whole life of the process, in seconds. */
  cpuSeconds: number;
  /** RLIMIT_NOFILE. */
  openFiles: number;
};

export type SandboxLimits = {
  process: ProcessLimits;
  /** A process is replaced after this many runs (EXECUTOR_RECYCLE_AFTER overrides it). */
  recycleAfterRuns: number;
  /** Time a new process has to report ready. */
  startupTimeoutMs: number;
  /** Wall-clock slack on top of each run's time limit before the trusted side kills it. */
  deadlineMarginMs: number;
  /** Cap on one test's result, as the runtime carries it. */
  maxOutputBytes: number;
};

const DEFAULTS: SandboxLimits = {
  // V8 reserves ~2 GiB at start and every isolate reserves more; 4 GiB crashed under load.
  process: { addressSpaceMb: 16384, cpuSeconds: 600, openFiles: 256 },
  recycleAfterRuns: 1000,
  startupTimeoutMs: 10_000,
  deadlineMarginMs: 1000,
  // The largest result of any test of the kernel suite is 128 KiB (conv2d); 8 MiB leaves 64× that. A string of
  // 3·10⁷ characters (90 MB as UTF-8) took 1.9 s to grade before this limit existed, for 0.2 ms of learner time.
  maxOutputBytes: 8 * 1024 * 1024,
};

type Overrides = Partial<Omit<SandboxLimits, "process">> & { process?: Partial<ProcessLimits> };

const OVERRIDES: Record<SandboxRuntime, Overrides> = {
  isolate: {},
  python: {
    // These bound the zygote only (CPython with numpy maps about 50 MiB); each child lowers them to its own run's
    // limits (harness/restrict.py) before the learner's module loads.
    process: { addressSpaceMb: 4096, cpuSeconds: 3600, openFiles: 64 },
    // Importing numpy in a fresh zygote takes 2.2–2.6 s measured with both cores busy.
    startupTimeoutMs: 15_000,
    // A result crosses as JSON with float64 arrays in base64: 48 MiB holds 4 M elements.
    maxOutputBytes: 48 * 1024 * 1024,
  },
};

/** Python's "adapt" child: it decodes one test with no learner code loaded (a bad test, or a tampered harness?). */
export const PYTHON_ADAPT_CHECK_MS = 5000;

/** The limits of one runtime: the defaults with its overrides applied. */
export function sandboxLimits(runtime: SandboxRuntime): SandboxLimits {
  const { process, ...rest } = OVERRIDES[runtime];
  return { ...DEFAULTS, ...rest, process: { ...DEFAULTS.process, ...process } };
}
