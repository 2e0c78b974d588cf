// Every problem folder passes every gate of `npm run check-problem` (test/problems/gates.ts): the reference is
// accepted and the starter and every known wrong solution rejected in both languages through the real
// runtimes, check.py agrees with the reference, the statement and teaching content are complete in zh and en.
// The naive solution's slowdown is measured only by check-problem: here it must only be correct.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { problemFolders } from "../../scripts/problems-index.ts";
import { failures, formatGateTable, type GateRuntimes, runProblemGates, startGateRuntimes } from "./gates.ts";

/** CI installs python3 and python3-numpy: there a Python runtime that cannot start fails instead of skipping. */
const PYTHON_REQUIRED = process.env.CI === "true" || process.env.SANDBOX_REQUIRE_BWRAP === "true";

let runtimes: GateRuntimes;

beforeAll(async () => {
  runtimes = await startGateRuntimes();
  if (runtimes.pythonMissing) console.warn(`Python gates skipped: ${runtimes.pythonMissing}`);
}, 120_000);

afterAll(async () => {
  await runtimes?.close();
});

describe("the problem gates", () => {
  it("run Python where it is required", () => {
    if (PYTHON_REQUIRED) expect(runtimes.pythonMissing).toBeNull();
  });

  it.each(problemFolders())(
    "%s passes every gate",
    async (slug) => {
      const results = await runProblemGates(slug, runtimes, { measureSpeed: false });
      const failed = failures(results).map((result) => `${result.gate}: ${result.detail}`);
      if (failed.length > 0) console.log(formatGateTable(slug, results));
      expect(failed).toEqual([]);
    },
    300_000,
  );
});
