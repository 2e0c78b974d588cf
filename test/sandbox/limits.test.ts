import { expect, it } from "@jest/globals";
import { loadConfig } from "../../src/config.ts";
import { resolveSandbox } from "../../workers/sandbox/launcher.ts";
import { sandboxLimits } from "../../workers/sandbox/limits.ts";

it("a runtime's limits are the defaults with only its overrides changed", () => {
  const isolate = sandboxLimits("isolate");
  const python = sandboxLimits("python");
  // Python overrides the zygote's rlimits, its start-up time and its result cap…
  expect(python.process).toEqual({ addressSpaceMb: 4096, cpuSeconds: 3600, openFiles: 64 });
  expect(python.startupTimeoutMs).toBeGreaterThan(isolate.startupTimeoutMs);
  expect(python.maxOutputBytes).toBeGreaterThan(isolate.maxOutputBytes);
  // …and inherits the rest.
  expect(python.recycleAfterRuns).toBe(isolate.recycleAfterRuns);
  expect(python.deadlineMarginMs).toBe(isolate.deadlineMarginMs);
});

it("the launcher's rlimits default to the table's, and an explicit option still wins", async () => {
  const defaults = await resolveSandbox({ mode: "rlimit" });
  expect(defaults.limits).toEqual(sandboxLimits("isolate").process);
  const chosen = await resolveSandbox({ mode: "rlimit", openFiles: 32 });
  expect(chosen.limits).toEqual({ ...sandboxLimits("isolate").process, openFiles: 32 });
});

it("the recycling setting has one default: unset, the table's applies; set, it overrides", () => {
  expect(loadConfig({}).EXECUTOR_RECYCLE_AFTER).toBeUndefined();
  expect(loadConfig({ EXECUTOR_RECYCLE_AFTER: "7" }).EXECUTOR_RECYCLE_AFTER).toBe(7);
});
