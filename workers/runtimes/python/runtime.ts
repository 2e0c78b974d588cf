// The Python runtime: a pool of zygotes (one per executor slot), each a warm CPython that has imported numpy
// and the harness, started under bubblewrap (when it works here) and rlimits. `prepare` checks the source in
// a forked child (syntax, forbidden names); every `Program.run` forks a fresh child per run, which drops
// rlimits, installs a seccomp filter and removes the forbidden names before the learner's module loads.

import { IDENTITY_ADAPTER, type PythonAdapter } from "../../../src/kernels/python/adapter.ts";
import { checkArgKinds } from "../../../src/kernels/python/arg-kinds.ts";
import { InfrastructureError } from "../../sandbox/errors.ts";
import { PYTHON_ADAPT_CHECK_MS, sandboxLimits } from "../../sandbox/limits.ts";
import { PRINTED_OUTPUT_CAP_BYTES } from "../../sandbox/printed-output.ts";
import { Slots } from "../../sandbox/slots.ts";
import { adaptInCleanChild, BadTestInputError, type EncodedTest, runInChild } from "./child-run.ts";
import type { ChildConfig } from "./child-session.ts";
import { type PythonSandbox, type PythonSandboxOptions, resolvePythonSandbox } from "./install.ts";
import type {
  OnOutcome,
  OutcomeFrame,
  Prepared,
  Program,
  ProgramRun,
  PythonProblem,
  PythonSource,
  RunLimits,
  RuntimeTest,
} from "./interface.ts";
import { HARNESS_INPUT_TAMPERED, MALFORMED_OUTPUT } from "./outcomes.ts";
import { encodeArguments, type WireValue } from "./values.ts";
import { Zygote } from "./zygote.ts";

export type PythonRuntimeOptions = PythonSandboxOptions & {
  /** Zygotes (one per executor slot). Default 2. */
  size?: number;
  /** A zygote is replaced after this many children. Default: the limits table (sandbox/limits.ts). */
  maxRunsPerZygote?: number;
  /** Time for a zygote to import numpy and report ready. Default: the limits table. */
  startupTimeoutMs?: number;
  /** Wall-clock slack on top of each run's time limit before the child is killed. Default: the limits table. */
  deadlineMarginMs?: number;
  /**
   * Cap on one test's result as JSON. Default: the limits table. A test's own `maxResultBytes` (the judge sets it
   * from the expected output) lowers it.
   */
  maxOutputBytes?: number;
  /**
   * Tests only: `allowLoaders` lifts the rule against ctypes, _imp and other loaders, so a regression test can
   * scan a child's memory for what earlier runs left. The grader never sets it (workers/grader/run.ts).
   */
  testing?: { allowLoaders?: boolean };
};

/** What a learner's print() keeps per test (8 KiB; the rest is counted and dropped, with a note). */
const MAX_STDOUT_BYTES = PRINTED_OUTPUT_CAP_BYTES;
const LIMITS = sandboxLimits("python");
const STOP_GRACE_MS = 2000;
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MAX_RUNS = 20;

type Slot = { zygote: Zygote | null; busy: boolean };

/**
 * Test arguments on the harness's wire, per arguments array and adapter. A problem's tests and their later runs
 * are made once per process and kept (src/kernels/problem-tests.ts), so each is encoded once rather than for
 * every submission and run (matmul's 256³ inputs are 1 MiB a run); arrays nobody keeps are collected with
 * their encoding.
 */
const encodedArguments = new WeakMap<readonly unknown[], WeakMap<PythonAdapter, WireValue>>();

function wireArguments(adapter: PythonAdapter, args: readonly unknown[]): WireValue {
  let byAdapter = encodedArguments.get(args);
  if (!byAdapter) {
    byAdapter = new WeakMap();
    encodedArguments.set(args, byAdapter);
  }
  let encoded = byAdapter.get(adapter);
  if (encoded === undefined) {
    encoded = encodeArguments(adapter.args(args));
    byAdapter.set(adapter, encoded);
  }
  return encoded;
}

/** An OK outcome with its value in the kernel's form; a result the adapter cannot read is a runtime error. */
function kernelForm(adapter: PythonAdapter, outcome: Extract<OutcomeFrame, { status: "OK" }>): OutcomeFrame {
  try {
    const timedRunValues = outcome.timedRunValues?.map((value) => adapter.result(value));
    return { ...outcome, value: adapter.result(outcome.value), ...(timedRunValues && { timedRunValues }) };
  } catch (error) {
    const message = `the result does not have the expected form (${(error as Error).message})`;
    return {
      status: "RUNTIME_ERROR",
      message,
      origin: "sandbox",
      runtimeMs: outcome.runtimeMs,
      output: outcome.output,
    };
  }
}

export class PythonRuntime {
  readonly languages = ["PYTHON"] as const;
  readonly #sandbox: PythonSandbox;
  readonly #options: Required<Omit<PythonRuntimeOptions, keyof PythonSandboxOptions | "testing">>;
  readonly #allowLoadersForTests: boolean;
  readonly #slots: Slots<Slot>;
  #versions: Record<string, unknown> = {};
  #closing: Promise<void> | null = null;
  #nextRunId = 1;

  private constructor(sandbox: PythonSandbox, options: PythonRuntimeOptions) {
    this.#sandbox = sandbox;
    this.#options = {
      size: options.size ?? 2,
      maxRunsPerZygote: options.maxRunsPerZygote ?? LIMITS.recycleAfterRuns,
      startupTimeoutMs: options.startupTimeoutMs ?? LIMITS.startupTimeoutMs,
      deadlineMarginMs: options.deadlineMarginMs ?? LIMITS.deadlineMarginMs,
      maxOutputBytes: options.maxOutputBytes ?? LIMITS.maxOutputBytes,
    };
    this.#allowLoadersForTests = options.testing?.allowLoaders === true;
    this.#slots = new Slots<Slot>(this.#options.size, () => ({ zygote: null, busy: false }));
  }

  /** Finds python3 and numpy, decides the layers and starts every zygote (throws when one cannot start). */
  static async start(options: PythonRuntimeOptions = {}): Promise<PythonRuntime> {
    const runtime = new PythonRuntime(await resolvePythonSandbox(options), options);
    await runtime.#slots.fill(
      async (slot) => {
        slot.zygote = await runtime.#spawn();
      },
      () => runtime.close(),
    );
    return runtime;
  }

  /** For the grader's start-up log: versions and the layers in force. */
  describe(): Record<string, unknown> {
    return {
      runtime: "python",
      python: this.#sandbox.install.python,
      numpy: this.#sandbox.install.numpy,
      interpreter: this.#sandbox.install.pythonPath,
      bwrap: this.#sandbox.bwrap,
      pidNamespace: this.#versions.pid1 === true,
      rlimits: this.#sandbox.rlimits,
      seccomp: this.#versions.seccomp === true,
      uid: this.#sandbox.uid,
      zygotes: this.#options.size,
    };
  }

  /** Current zygote processes (launcher pids), for fault tests and metrics. */
  processes(): { pid: number; alive: boolean; busy: boolean; runs: number }[] {
    return this.#slots.all.flatMap(({ zygote, busy }) =>
      zygote ? [{ pid: zygote.pid, alive: zygote.alive, busy, runs: zygote.runs }] : [],
    );
  }

  /**
   * Checks the problem's declaration (a bad one throws) and returns the program. The source is parsed and its
   * names checked by the child that runs it, before any learner code (the parser only exists in Python): a
   * learner's compile error is the first run's setup (CompileFailure), so a submission forks one child, not two.
   */
  async prepare(source: PythonSource, problem: PythonProblem, _options?: { warnings?: boolean }): Promise<Prepared> {
    if (!IDENTIFIER.test(problem.functionName)) throw new Error(`"${problem.functionName}" is not a Python name`);
    const forbiddenNames = [...(problem.forbiddenNames ?? [])];
    const badName = forbiddenNames.find((name) => !IDENTIFIER.test(name));
    if (badName !== undefined) throw new Error(`forbidden name "${badName}" is not a Python name`);
    if (problem.argKinds) checkArgKinds(problem.argKinds);
    const base = {
      code: source.code,
      functionName: problem.functionName,
      forbiddenNames,
      argKinds: problem.argKinds ? [...problem.argKinds] : null,
      captureOutput: false,
      maxOutputBytes: this.#options.maxOutputBytes,
      maxStdoutBytes: MAX_STDOUT_BYTES,
      ...(this.#allowLoadersForTests ? { allowLoadersForTests: true } : {}),
    };
    const adapter = problem.adapter ?? IDENTITY_ADAPTER;
    const program: Program = {
      run: (tests, limits, onOutcome) => this.#run(base, adapter, tests, limits, onOutcome),
      lateWarnings: () => Promise.resolve([]),
    };
    return { ok: true, program, warnings: [] };
  }

  /** Finishes the runs in flight, then stops every zygote. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      await this.#slots.idle();
      await Promise.all(this.#slots.all.map((slot) => slot.zygote?.stop(STOP_GRACE_MS)));
    })();
    return this.#closing;
  }

  async #run(
    base: Omit<ChildConfig, "mode" | "memoryLimitMb" | "cpuSeconds" | "setupSeconds" | "testCount">,
    adapter: PythonAdapter,
    tests: readonly RuntimeTest[],
    limits: RunLimits,
    onOutcome: OnOutcome | undefined,
  ): Promise<ProgramRun> {
    if (!(limits.timeLimitMs > 0) || !(limits.memoryLimitMb > 0)) throw new RangeError("limits must be positive");
    const encoded = tests.map((test, index): EncodedTest => {
      const runs = test.runs ?? 1;
      if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) {
        throw new RangeError(`runs per test must be 1..${MAX_RUNS}, got ${runs}`);
      }
      const cap = test.maxResultBytes;
      if (cap !== undefined && !(Number.isInteger(cap) && cap > 0)) throw new RangeError("maxResultBytes must be > 0");
      return {
        index,
        args: wireArguments(adapter, test.args),
        argsOfRun: (run) => wireArguments(adapter, test.argsOfRun?.(run) ?? test.args),
        runs,
        seconds: (limits.timeLimitMs * runs) / 1000,
        maxResultBytes: Math.min(cap ?? this.#options.maxOutputBytes, this.#options.maxOutputBytes),
      };
    });
    const outcomes: OutcomeFrame[] = [];
    const emit = (index: number, received: OutcomeFrame): boolean => {
      const outcome = received.status === "OK" ? kernelForm(adapter, received) : received;
      outcomes.push(outcome);
      return onOutcome?.(index, outcome) !== false;
    };
    let setup: ProgramRun["setup"] = { status: "OK" };
    let next = 0;
    let children = 0;
    let cpuMs = 0;
    let maxRssKb = 0;
    do {
      const pending = encoded.slice(next);
      const budgetMs = limits.timeLimitMs * (1 + pending.reduce((sum, test) => sum + test.runs, 0));
      const config: ChildConfig = {
        ...base,
        mode: "run",
        testCount: pending.length,
        captureOutput: limits.captureOutput === true,
        memoryLimitMb: limits.memoryLimitMb,
        cpuSeconds: Math.ceil(budgetMs / 1000) + 2,
        setupSeconds: limits.timeLimitMs / 1000,
      };
      const largestResult = Math.max(...pending.map((test) => test.maxResultBytes));
      const result = await this.#withZygote((zygote) =>
        runInChild({
          zygote,
          runId: this.#runId(),
          config,
          tests: pending,
          timeLimitMs: limits.timeLimitMs,
          deadlineMarginMs: this.#options.deadlineMarginMs,
          // No frame over the largest result any of these tests may return is even buffered.
          maxFrameBytes: largestResult + 2 * MAX_STDOUT_BYTES + 65_536,
          emit,
        }),
      );
      children++;
      cpuMs += result.cpuMs;
      maxRssKb = Math.max(maxRssKb, result.maxRssKb);
      if (result.setupFailure) {
        if (children === 1) {
          setup = result.setupFailure;
          break;
        }
        // The module loaded in the first child but not in this one: the test it was started for fails. (The same
        // source compiles the same way in every child; a compile failure here can only be the harness tampered with.)
        const failure = result.setupFailure.status === "COMPILE_ERROR" ? MALFORMED_OUTPUT : result.setupFailure;
        if (pending.length === 0 || !emit(pending[0].index, failure)) break;
        next++;
        continue;
      }
      next += result.answered;
      if (result.badInput !== null) {
        // The harness could not adapt a test: a problem declared wrongly, or learner code that read or
        // changed the harness's input. A child with no learner code decides, and only the first is retried.
        const { test } = result.badInput;
        const problemFault = await this.#withZygote((zygote) =>
          adaptInCleanChild(zygote, this.#runId(), config, test, PYTHON_ADAPT_CHECK_MS),
        );
        if (problemFault !== null) throw new BadTestInputError(`test ${test.index}: ${problemFault}`);
        if (!emit(test.index, HARNESS_INPUT_TAMPERED)) break;
        next++;
        continue;
      }
      if (result.stopped) break;
    } while (next < encoded.length);
    return { setup, outcomes, children, cpuMs, peakMemoryMb: Math.round(maxRssKb / 102.4) / 10 };
  }

  #runId(): number {
    const id = this.#nextRunId;
    this.#nextRunId = id >= 0xffff_ffff ? 1 : id + 1;
    return id;
  }

  async #spawn(): Promise<Zygote> {
    const zygote = new Zygote(this.#sandbox.command, this.#sandbox.env);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no ready report within ${this.#options.startupTimeoutMs} ms`)),
        this.#options.startupTimeoutMs,
      );
    });
    try {
      this.#versions = await Promise.race([zygote.versions, timeout]);
      return zygote;
    } catch (error) {
      zygote.kill();
      throw new InfrastructureError(`python zygote could not start: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Runs `work` on a free zygote (started or replaced as needed); a zygote that failed is dropped. */
  async #withZygote<T>(work: (zygote: Zygote) => Promise<T>): Promise<T> {
    if (this.#closing) throw new InfrastructureError("python runtime is closed");
    const slot = await this.#slots.acquire();
    try {
      if (!slot.zygote?.alive || slot.zygote.runs >= this.#options.maxRunsPerZygote) {
        const old = slot.zygote;
        slot.zygote = null;
        await old?.stop(STOP_GRACE_MS);
        slot.zygote = await this.#spawn();
      }
      const zygote = slot.zygote;
      try {
        return await work(zygote);
      } catch (error) {
        if (error instanceof InfrastructureError) zygote.kill();
        throw error;
      }
    } finally {
      this.#slots.release(slot);
    }
  }
}
