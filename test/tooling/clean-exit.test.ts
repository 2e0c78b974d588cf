import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import projectConfig from "../../jest.config.ts";
import { spawnNode, stopChild } from "../helpers/child-processes.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const JEST = join(ROOT, "node_modules/jest/bin/jest.js");
/** Only a safety net, far above the file's run time: the assertion is on jest's own report, not on a time. */
const SAFETY_KILL_MS = 280_000;

/** Runs `args` in a child Node until it exits; its exit and everything it printed. */
async function runToEnd(
  args: string[],
  cwd: string,
): Promise<{ code: number | null; signal: string | null; output: string }> {
  const { JEST_WORKER_ID: _worker, ...env } = process.env;
  const child = spawnNode(args, { cwd, env: { ...env, FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const safety = setTimeout(() => child.kill("SIGKILL"), SAFETY_KILL_MS);
  try {
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on("exit", (exitCode, exitSignal) => resolve([exitCode, exitSignal])),
    );
    return { code, signal, output };
  } finally {
    clearTimeout(safety);
    await stopChild(child, "SIGKILL");
  }
}

// A file that leaves 560 MB of heap behind (held by a built-in module, which every file of a worker shares, as
// Node keeps test modules alive; in arrays of a million numbers: one array of 70 million is a slow dictionary),
// then notes which process ran it.
function leakingFile(pidsPath: string): string {
  return `const { appendFileSync } = require("node:fs");
const held = Array.from({ length: 70 }, () => new Array(1e6).fill(1.5));
require("node:util").heldByTheWorker = [...(require("node:util").heldByTheWorker ?? []), held];
test("leaves its heap behind", () => {
  appendFileSync(${JSON.stringify(pidsPath)}, process.pid + "\\n");
  expect(held.length).toBe(70);
});
`;
}
// What jest says when a run's process stays alive after its tests (handles left open): in band it waits and says
// the first; with workers it kills a worker and says the second.
const LINGERING = [/did not exit one second after the test run has completed/, /failed to exit gracefully/];

describe("a test run", () => {
  // The file that stops and starts a Redis under the API: run alone, it used to pass and then never exit (ioredis
  // timers and reconnections kept the process alive).
  it("ends by itself after the Redis outage tests, with no warning of open handles", async () => {
    // In band: a handle left open keeps jest's own process alive, which it reports after a second and never
    // exits (the safety kill ends it). In a worker, how long the worker takes to exit under load would be
    // measured too: jest kills a worker still exiting after 500 ms, and with the rest of the suite on both
    // cores a worker with nothing open outlasted it.
    // The child's global setup names its database after this run's, so this run's teardown drops a leftover.
    const { code, signal, output } = await runToEnd(
      ["--experimental-vm-modules", "--no-node-snapshot", JEST, "--runInBand", "test/api/redis-down.test.ts"],
      ROOT,
    );
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(output).toMatch(/Tests: +\d+ passed, \d+ total/);
    for (const warning of LINGERING) expect(output).not.toMatch(warning);
  }, 300_000);

  // A worker that had run half the suite held 1.3 GB of heap, and freeing it at exit outlasted the 500 ms jest
  // waits ("failed to exit gracefully"): the project's jest config recycles a worker whose heap passed its limit.
  it("starts a new worker after a file that left its worker's heap over the project's limit", async () => {
    const limit = projectConfig.workerIdleMemoryLimit;
    expect(limit).toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), "worker-limit-"));
    try {
      const pids = join(dir, "pids");
      for (const name of ["a", "b", "c"]) writeFileSync(join(dir, `${name}.test.js`), leakingFile(pids));
      const config = {
        rootDir: dir,
        testEnvironment: "node",
        maxWorkers: 1,
        workerIdleMemoryLimit: limit,
        transform: {},
      };
      const { code, output } = await runToEnd([JEST, "--config", JSON.stringify(config)], dir);
      expect({ code, output }).toEqual({ code: 0, output: expect.stringMatching(/Tests: +3 passed, 3 total/) });
      // One worker at a time: each file after the first ran in a worker started after the previous file.
      expect(new Set(readFileSync(pids, "utf8").trim().split("\n")).size).toBe(3);
      for (const warning of LINGERING) expect(output).not.toMatch(warning);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
