import { it } from "@jest/globals";

type TestBody = () => Promise<unknown>;

/**
 * `it` for tests that need something the machine may lack (bubblewrap, the right to raise a thread's priority).
 * Present: the test runs. Absent but required (CI sets SANDBOX_REQUIRE_BWRAP=true): the test still runs, and fails.
 * Absent and optional: the test is skipped visibly, with the reason in its name and on the console, never passed
 * silently by returning early.
 */
export function itWhen(capability: { present: boolean; required: boolean; missing: string }) {
  if (capability.present || capability.required) {
    return (name: string, body: TestBody, timeoutMs?: number) => it(name, body, timeoutMs);
  }
  console.warn(`skipping the tests that need ${capability.missing}: it is not available here`);
  return (name: string, body: TestBody, timeoutMs?: number) =>
    it.skip(`${name} [skipped: no ${capability.missing} here]`, body, timeoutMs);
}

/** CI demands a working bubblewrap; anywhere else the sandbox tests fall back to rlimits and say so. */
export const BWRAP_REQUIRED = process.env.SANDBOX_REQUIRE_BWRAP === "true";
