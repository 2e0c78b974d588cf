// Faults of the executor processes themselves: killed mid-run, frozen past the wall-clock deadline,
// recycled, unable to start, and a graceful close.
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { InfrastructureError } from "../../workers/runtimes/runtime.ts";
import { ExecutorPool, type RestartReason } from "../../workers/sandbox/pool.ts";
import { spawnNode, stopChild } from "../helpers/child-processes.ts";
import { grade, SUM_ARRAY_SOLUTION, startPool } from "./fixtures.ts";

// Correct, but each call busy-waits ~60 ms so a test can act while a job is running.
const SLOW_CORRECT =
  "function sum_array(v: Float64Array) { const until = Date.now() + 60; while (Date.now() < until) {} let s = 0; for (let i = 0; i < v.length; i++) s += v[i]; return s; }";

async function busyPid(pool: ExecutorPool): Promise<number> {
  for (let i = 0; i < 200; i++) {
    const busy = pool.processes().find((p) => p.busy);
    if (busy) return busy.pid;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("no busy executor");
}

describe("executor faults", () => {
  let pool: ExecutorPool;
  const restarts: RestartReason[] = [];

  beforeAll(async () => {
    pool = await startPool({ size: 1, maxJobsPerProcess: 3, onRestart: (reason) => restarts.push(reason) });
  });

  afterAll(async () => {
    await pool.close();
  });

  it("SIGKILL of the executor mid-run: the test is retried on a fresh process and the verdict is right", async () => {
    const grading = grade(pool, SLOW_CORRECT);
    const pid = await busyPid(pool);
    await new Promise((resolve) => setTimeout(resolve, 150));
    process.kill(pid, "SIGKILL");
    const result = await grading;
    expect(result.verdict).toBe("ACCEPTED");
    expect(restarts).toContain("crashed");
    expect(pool.processes()[0].pid).not.toBe(pid);
    expect((await grade(pool, SUM_ARRAY_SOLUTION)).verdict).toBe("ACCEPTED");
  });

  it("recycles a process after maxJobsPerProcess jobs", async () => {
    restarts.length = 0;
    const seen = new Set<number>();
    for (let i = 0; i < 4; i++) {
      seen.add(pool.processes()[0].pid);
      expect((await grade(pool, SUM_ARRAY_SOLUTION)).verdict).toBe("ACCEPTED");
    }
    expect(restarts).toContain("recycled");
    expect(seen.size).toBeGreaterThan(1);
  });
});

describe("executor wall-clock deadline", () => {
  it("SIGKILLs a frozen executor, gives TIME_LIMIT_EXCEEDED and keeps serving", async () => {
    const restarts: RestartReason[] = [];
    // rlimit mode: the launcher pid is the node process itself, so SIGSTOP freezes the executor.
    const pool = await startPool({
      mode: "rlimit",
      deadlineMarginMs: 300,
      onRestart: (reason) => restarts.push(reason),
    });
    try {
      const grading = grade(pool, SLOW_CORRECT);
      const pid = await busyPid(pool);
      process.kill(pid, "SIGSTOP");
      const result = await grading;
      expect(result.verdict).toBe("TIME_LIMIT_EXCEEDED");
      expect(result.tests.find((test) => test.status === "TIME_LIMIT_EXCEEDED")?.message).toMatch(
        /wall-clock deadline/,
      );
      expect(restarts).toEqual(["deadline"]);
      expect((await grade(pool, SUM_ARRAY_SOLUTION)).verdict).toBe("ACCEPTED");
    } finally {
      await pool.close();
    }
  });
});

/** Starts a pool in a separate parent process, which prints its executors' pids and then waits. */
function startParentWithPool(mode: "auto" | "rlimit"): Promise<{ parent: ChildProcess; pids: number[] }> {
  const poolUrl = new URL("../../workers/sandbox/pool.ts", import.meta.url).href;
  const script = `import { ExecutorPool } from ${JSON.stringify(poolUrl)};
const pool = await ExecutorPool.start({ size: 2, mode: ${JSON.stringify(mode)} });
process.stdout.write(JSON.stringify(pool.processes().map((p) => p.pid)) + "\\n");
setInterval(() => {}, 1000);`;
  const parent = spawnNode(["--no-node-snapshot", "--input-type=module", "-e", script], {
    env: { ...process.env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    parent.stdout?.on("data", (chunk) => {
      output += chunk;
      if (output.includes("\n")) resolve({ parent, pids: JSON.parse(output) as number[] });
    });
    parent.on("exit", (code) => reject(new Error(`parent exited early with ${code}`)));
  });
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("executors outlive no parent", () => {
  it.each(["auto", "rlimit"] as const)("SIGKILL of the parent (mode %s) ends every executor", async (mode) => {
    const { parent, pids } = await startParentWithPool(mode);
    try {
      expect(pids).toHaveLength(2);
      expect(pids.every(isRunning)).toBe(true);
    } finally {
      await stopChild(parent, "SIGKILL");
    }
    for (let i = 0; i < 100 && pids.some(isRunning); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(pids.filter(isRunning)).toEqual([]);
  });

  // An executor ends itself when its channel closes; bubblewrap does not, and it outlived SIGKILLed graders. Every
  // sandboxed process starts under the launcher's prefix (setpriv --pdeathsig KILL, then the rlimits, then
  // bubblewrap when it works): a program that never looks at its parent (sleep) stands in for bubblewrap here.
  it("SIGKILL of the parent ends a program started under the launcher's prefix, which never watches its parent", async () => {
    const launcherUrl = new URL("../../workers/sandbox/launcher.ts", import.meta.url).href;
    const script = `import { spawn } from "node:child_process";
import { resolveSandbox, rlimitPrefix } from ${JSON.stringify(launcherUrl)};
const resolved = await resolveSandbox({ mode: "rlimit" });
const prefix = rlimitPrefix(resolved);
const child = spawn(prefix.command, [...prefix.args, "/bin/sleep", "600"], { stdio: "ignore" });
process.stdout.write(JSON.stringify({ pid: child.pid, setpriv: resolved.setprivPath }) + "\\n");
setInterval(() => {}, 1000);`;
    const parent = spawnNode(["--no-node-snapshot", "--input-type=module", "-e", script], {
      env: { ...process.env },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const started = await new Promise<{ pid: number; setpriv: string | null }>((resolve, reject) => {
      let output = "";
      parent.stdout?.on("data", (chunk) => {
        output += chunk;
        if (output.includes("\n")) resolve(JSON.parse(output));
      });
      parent.on("exit", (code) => reject(new Error(`parent exited early with ${code}`)));
    });
    try {
      // util-linux's setpriv is on this machine (the test helpers use it too): the launcher must use it.
      expect(started.setpriv).toEqual(expect.stringMatching(/setpriv$/));
      expect(isRunning(started.pid)).toBe(true);
      await stopChild(parent, "SIGKILL");
      for (let i = 0; i < 100 && isRunning(started.pid); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(isRunning(started.pid)).toBe(false);
    } finally {
      await stopChild(parent, "SIGKILL");
      if (isRunning(started.pid)) process.kill(started.pid, "SIGKILL");
    }
  });
});

describe("pool life cycle", () => {
  it("close() lets the job in flight finish, then refuses new work", async () => {
    const pool = await startPool();
    const grading = grade(pool, SLOW_CORRECT);
    await busyPid(pool);
    const closing = pool.close();
    expect((await grading).verdict).toBe("ACCEPTED");
    await closing;
    expect(pool.processes().every((p) => !p.busy)).toBe(true);
    await expect(grade(pool, SUM_ARRAY_SOLUTION)).rejects.toBeInstanceOf(InfrastructureError);
  });

  it("queues jobs beyond the pool size and runs them all", async () => {
    const pool = await startPool({ size: 2 });
    try {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => grade(pool, SUM_ARRAY_SOLUTION, { seed: i })),
      );
      expect(results.map((result) => result.verdict)).toEqual(Array(6).fill("ACCEPTED"));
    } finally {
      await pool.close();
    }
  });

  it("throws InfrastructureError (retry later) when executors cannot start", async () => {
    await expect(ExecutorPool.start({ size: 1, startupTimeoutMs: 1 })).rejects.toBeInstanceOf(InfrastructureError);
  });

  it("rejects contradictory or invalid options", async () => {
    await expect(ExecutorPool.start({ mode: "rlimit", requireBwrap: true })).rejects.toThrow(/contradicts/);
    await expect(ExecutorPool.start({ size: 0 })).rejects.toThrow(/pool size/);
    await expect(ExecutorPool.start({ mode: "docker" as "auto" })).rejects.toThrow(/unknown sandbox mode/);
  });
});
