import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { spawnNode, stopChild } from "../helpers/child-processes.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const JEST = join(ROOT, "node_modules/jest/bin/jest.js");
/** Only a safety net, far above the file's run time: the assertion is on jest's own report, not on a time. */
const SAFETY_KILL_MS = 280_000;
// What jest says when a run's process stays alive after its tests (handles left open): in band it waits and says
// the first; with workers it kills a worker and says the second.
const LINGERING = [/did not exit one second after the test run has completed/, /failed to exit gracefully/];

describe("a test run", () => {
  // The file that stops and starts a Redis under the API: run alone, it used to pass and then never exit (ioredis
  // timers and reconnections kept the process alive).
  it("ends by itself after the Redis outage tests, with no warning of open handles", async () => {
    const { JEST_WORKER_ID: _worker, ...env } = process.env;
    const child = spawnNode(
      ["--experimental-vm-modules", "--no-node-snapshot", JEST, "test/api/redis-down.test.ts"],
      // The child's global setup names its database after this run's, so this run's teardown drops a leftover.
      { cwd: ROOT, env: { ...env, FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] },
    );
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
      expect({ code, signal }).toEqual({ code: 0, signal: null });
      expect(output).toMatch(/Tests: +\d+ passed, \d+ total/);
      for (const warning of LINGERING) expect(output).not.toMatch(warning);
    } finally {
      clearTimeout(safety);
      await stopChild(child, "SIGKILL");
    }
  }, 300_000);
});
