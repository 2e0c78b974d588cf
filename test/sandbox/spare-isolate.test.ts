// An idle executor prepares the next job's isolate (with the harness) ahead of time. These cases check that
// the spare is as fresh as a new isolate and that it only serves a job with the limits it was made for.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { ExecutorJob, ExecutorPool } from "../../workers/sandbox/pool.ts";
import { startPool } from "./fixtures.ts";

let pool: ExecutorPool;

beforeAll(async () => {
  pool = await startPool({ size: 1 });
});

afterAll(async () => {
  await pool.close();
});

const idle = () => new Promise((resolve) => setTimeout(resolve, 50));

function job(script: string, tests: unknown[][], memoryLimitMb = 64): ExecutorJob {
  return { script, functionName: "probe", memoryLimitMb, timeLimitMs: 1000, tests };
}

describe("the spare isolate an idle executor makes", () => {
  it("carries nothing of the previous job: globals, prototypes and intrinsics are pristine", async () => {
    const polluter = `
      globalThis.leaked = 42;
      Object.prototype.polluted = "yes";
      Array.prototype.push = () => 0;
      Math.random = () => 0.5;
      function probe() { return 1; }`;
    expect((await pool.run(job(polluter, [[]]))).outcomes[0]).toMatchObject({ status: "OK", value: 1 });
    await idle();
    const observer = `function probe() {
      const list = [];
      list.push(1);
      return [typeof globalThis.leaked, ({}).polluted === undefined, list.length, Math.random() !== 0.5 || Math.random() !== 0.5];
    }`;
    const run = await pool.run(job(observer, [[]]));
    expect(run.outcomes[0]).toMatchObject({ status: "OK", value: ["undefined", true, 1, true] });
  });

  it("is made for the last job's memory limit: a job with another limit gets an isolate with its own", async () => {
    // 40 MB of Float64Array: within a 64 MB isolate, beyond a 16 MB one.
    const allocate = "function probe(n) { const data = new Float64Array(n); data[n - 1] = 1; return data.length; }";
    const elements = 5_000_000;
    const roomy = await pool.run(job(allocate, [[elements]], 64));
    expect(roomy.outcomes[0]).toMatchObject({ status: "OK", value: elements });
    await idle();
    const tight = await pool.run(job(allocate, [[elements]], 16));
    const tightOutcome = tight.setup.status === "OK" ? tight.outcomes[0] : tight.setup;
    expect(tightOutcome.status).toBe("MEMORY_LIMIT_EXCEEDED");
    await idle();
    const roomyAgain = await pool.run(job(allocate, [[elements]], 64));
    expect(roomyAgain.outcomes[0]).toMatchObject({ status: "OK", value: elements });
  });

  it("serves back-to-back jobs (spare still being made) and jobs after a pause alike", async () => {
    const double = "function probe(x) { return 2 * x; }";
    for (let i = 0; i < 6; i++) {
      if (i % 2 === 0) await idle();
      const run = await pool.run(job(double, [[i], [i + 0.5]]));
      expect(run.outcomes.map((outcome) => outcome.status === "OK" && outcome.value)).toEqual([2 * i, 2 * i + 1]);
    }
    expect(pool.processes()).toHaveLength(1);
  });
});
