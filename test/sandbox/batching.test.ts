// Consecutive single-run tests travel as one batch: each keeps its own timeout, deadline and crash policy,
// a broken isolate never runs the rest of its batch, and outcomes after a stop are dropped.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { holdTranspiler, transpile } from "../../workers/runtimes/isolate/transpile.ts";
import type { CallOutcome, ExecutorPool, ExecutorRun, RestartReason } from "../../workers/sandbox/pool.ts";
import { grade, LIMITS, SUM_ARRAY_SOLUTION, startPool } from "./fixtures.ts";

// `calls` counts the calls one isolate has served: it shows which tests shared an isolate.
const COUNTING = "let calls = 0;\n";

async function run(
  pool: ExecutorPool,
  body: string,
  tests: unknown[][],
  extra: {
    runsPerTest?: number[];
    shouldContinue?: (index: number, outcome: CallOutcome) => boolean;
    timeLimitMs?: number;
  } = {},
): Promise<ExecutorRun> {
  const compiled = await transpile(`${COUNTING}function f(x) { calls++; ${body} }`, "JAVASCRIPT");
  if (!compiled.ok) throw new Error(compiled.error.message);
  return pool.run({ script: compiled.script, functionName: "f", ...LIMITS, tests, ...extra });
}

const indices = (count: number) => Array.from({ length: count }, (_, index) => [index]);
const values = (outcomes: CallOutcome[]) =>
  outcomes.map((outcome) => (outcome.status === "OK" ? outcome.value : outcome.status));

async function busyPid(pool: ExecutorPool, other = -1): Promise<number> {
  for (let i = 0; i < 400; i++) {
    const busy = pool.processes().find((p) => p.busy && p.pid !== other);
    if (busy) return busy.pid;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("no busy executor");
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** CPU time a process has used so far (utime + stime from /proc, in clock ticks of 10 ms on Linux). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** Resident memory of a process in MB (VmRSS from /proc); Infinity once it is gone. */
function rssMbOf(pid: number): number {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kb === undefined ? Number.POSITIVE_INFINITY : Number(kb) / 1024;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

/**
 * Waits until the process has used `ms` more CPU time (a point reached by work done, not by time passed), or until
 * `done()` says the work ended first.
 */
async function afterCpu(pid: number, ms: number, done: () => boolean): Promise<void> {
  const start = cpuMsOf(pid);
  while (cpuMsOf(pid) - start < ms && !done()) await sleep(5);
}

describe("batched tests", () => {
  let pool: ExecutorPool;
  const restarts: RestartReason[] = [];

  const releaseTranspiler = holdTranspiler();

  beforeAll(async () => {
    pool = await startPool({ size: 1, onRestart: (reason) => restarts.push(reason) });
  });

  afterAll(async () => {
    await pool.close();
    await releaseTranspiler();
  });

  it("runs many tests across batches in order, with their own values", async () => {
    const result = await run(
      pool,
      "return [x[0] * 2, calls];",
      indices(40).map((args) => [args]),
    );
    expect(result.outcomes).toHaveLength(40);
    expect(values(result.outcomes)).toEqual(Array.from({ length: 40 }, (_, i) => [2 * i, i + 1]));
  });

  it("batches around performance tests and caps a batch by argument size", async () => {
    // Three 640 kB arguments: more than one batch's byte cap, so at most one travels with another.
    const big = [0, 1, 2].map((i) => [new Float64Array(80_000).fill(i)]);
    const result = await run(pool, "return x.length + x[0];", [...big, [[5]], [[6, 7]]], {
      runsPerTest: [1, 1, 3, 1, 1],
    });
    expect(values(result.outcomes)).toEqual([80_000, 80_001, 80_002, 6, 8]);
  });

  it("test 3 of 6 times out: 1–2 OK, 3 TLE, the rest run on a fresh isolate, no process restart", async () => {
    restarts.length = 0;
    const result = await run(pool, "if (x === 2) for (;;) {} return calls;", indices(6));
    expect(values(result.outcomes)).toEqual([1, 2, "TIME_LIMIT_EXCEEDED", 1, 2, 3]);
    expect(result.restarts).toBe(0);
    expect(restarts).toEqual([]);
    const stopped = await run(pool, "if (x === 2) for (;;) {} return calls;", indices(6), {
      shouldContinue: (_, outcome) => outcome.status === "OK",
    });
    expect(values(stopped.outcomes)).toEqual([1, 2, "TIME_LIMIT_EXCEEDED"]);
    expect((await grade(pool, SUM_ARRAY_SOLUTION)).verdict).toBe("ACCEPTED");
  });

  it("a test that crashes the process mid-batch ends that test only; the others keep their outcomes", async () => {
    const result = await run(pool, "if (x === 3) return new Array(4e7).fill(0).length; return calls;", indices(6));
    expect(values(result.outcomes.slice(0, 3))).toEqual([1, 2, 3]);
    expect(["MEMORY_LIMIT_EXCEEDED", "TIME_LIMIT_EXCEEDED"]).toContain(result.outcomes[3].status);
    expect(result.outcomes.slice(4).every((outcome) => outcome.status === "OK")).toBe(true);
    expect((await grade(pool, SUM_ARRAY_SOLUTION)).verdict).toBe("ACCEPTED");
  });

  it("SIGKILL mid-batch: the running test is retried once with the rest; a second kill makes it a RUNTIME_ERROR", async () => {
    // Pools of their own in rlimit mode, so each executor's pid is its node process and its memory can be read
    // (under bubblewrap the pid is bwrap's).
    const killed: RestartReason[] = [];
    const pools: ExecutorPool[] = [];
    // Each phase on a pool of its own: a process that already held test 2's 32 MB may keep those pages (the
    // allocator's), so only processes that never ran test 2 show it by their memory.
    const freshPool = async () => {
      const pool = await startPool({ mode: "rlimit", onRestart: (reason) => killed.push(reason) });
      pools.push(pool);
      return { pool, insideTest2Mb: rssMbOf(pool.processes()[0]?.pid ?? 0) + 24 };
    };
    try {
      // Test 2 first fills 32 MB, then spins on work (0.5–1 s of CPU here); the others are instant. Each kill waits
      // until the executor holds 24 MB more than a fresh idle one did: only test 2 gets there, so the kill lands
      // inside it however loaded the machine. (Waiting for CPU used did not: a replacement under load spent more
      // on starting Node than the fresh executor had, and was killed before it reached test 2.)
      const body =
        "if (x === 2) { const held = new Float64Array(4e6).fill(1); let s = 0; for (let i = 0; i < 6e8; i++) s += i & 1; if (s < held[0]) return -1; } return calls;";
      const killInsideTest2 = async (pid: number, insideTest2Mb: number, settled: () => boolean) => {
        while (rssMbOf(pid) < insideTest2Mb && !settled()) await sleep(5);
        if (!settled()) process.kill(pid, "SIGKILL");
      };

      const one = await freshPool();
      let onceSettled = false;
      const retried = run(one.pool, body, indices(5), { timeLimitMs: 5000 }).finally(() => {
        onceSettled = true;
      });
      await killInsideTest2(await busyPid(one.pool), one.insideTest2Mb, () => onceSettled);
      const once = await retried;
      expect(once.outcomes.map((outcome) => outcome.status)).toEqual(["OK", "OK", "OK", "OK", "OK"]);
      expect(once.restarts).toBe(1);
      expect(killed).toEqual(["crashed"]);

      const two = await freshPool();
      let twiceSettled = false;
      const twice = run(two.pool, body, indices(5), { timeLimitMs: 5000 }).finally(() => {
        twiceSettled = true;
      });
      const first = await busyPid(two.pool);
      await killInsideTest2(first, two.insideTest2Mb, () => twiceSettled);
      await killInsideTest2(await busyPid(two.pool, first), two.insideTest2Mb, () => twiceSettled);
      const result = await twice;
      expect(values(result.outcomes.slice(0, 2))).toEqual([1, 2]);
      expect(result.outcomes[2]).toMatchObject({ status: "RUNTIME_ERROR", message: expect.stringMatching(/crashed/) });
      expect(values(result.outcomes.slice(3))).toEqual([1, 2]);
      expect(result.restarts).toBe(2);
    } finally {
      for (const pool of pools) await pool.close();
    }
  });

  it("a wrong answer in the middle of a batch stops a FULL run there; the rest are SKIPPED", async () => {
    // The second hidden test has 17 elements; the batch runs on past it, but those outcomes are dropped.
    const wrongOnSecondHidden =
      "function sum_array(v: Float64Array) { if (v.length === 17) return 0; let s = 0; for (let i = 0; i < v.length; i++) s += v[i]; return s; }";
    const result = await grade(pool, wrongOnSecondHidden);
    expect(result.verdict).toBe("WRONG_ANSWER");
    expect(result.tests.map((test) => test.status)).toEqual([
      "PASSED",
      "PASSED",
      "PASSED",
      "FAILED",
      "SKIPPED",
      "SKIPPED",
      "SKIPPED",
    ]);
    expect(result.tests[4].runtimeMs).toBeUndefined();
    const samples = await grade(pool, wrongOnSecondHidden, { mode: "SAMPLES" });
    expect(samples.verdict).toBe("ACCEPTED");
  });
});

describe("batched tests and the wall-clock deadline", () => {
  it("a frozen executor in the 4th test of a batch: 1–3 OK, the 4th TLE by the wall-clock deadline, one restart", async () => {
    const restarts: RestartReason[] = [];
    const pool = await startPool({
      mode: "rlimit",
      deadlineMarginMs: 300,
      onRestart: (reason) => restarts.push(reason),
    });
    try {
      // The 4th test spins for 2 s, inside its 3 s CPU limit. Opening the job and tests 1–3 take 0–10 ms of CPU
      // (measured; an idle executor has its isolate ready), so once the executor has used 100 ms more it is inside
      // the 4th test: freezing it then, however loaded the machine, leaves only the wall-clock deadline to end it.
      const body = "if (x === 3) { const until = Date.now() + 2000; while (Date.now() < until) {} } return calls;";
      let settled = false;
      const running = run(pool, body, indices(6), {
        shouldContinue: (_, outcome) => outcome.status === "OK",
        timeLimitMs: 3000,
      }).finally(() => {
        settled = true;
      });
      const pid = await busyPid(pool);
      await afterCpu(pid, 100, () => settled);
      process.kill(pid, "SIGSTOP");
      const result = await running;
      expect(values(result.outcomes)).toEqual([1, 2, 3, "TIME_LIMIT_EXCEEDED"]);
      expect(result.outcomes[3]).toMatchObject({ message: expect.stringMatching(/wall-clock deadline/) });
      expect(restarts).toEqual(["deadline"]);
      expect((await grade(pool, SUM_ARRAY_SOLUTION)).verdict).toBe("ACCEPTED");
    } finally {
      await pool.close();
    }
  });
});
