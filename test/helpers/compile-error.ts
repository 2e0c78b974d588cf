// A runtime reports a learner's compile error from `prepare` (TypeScript) or as the first run's setup (Python,
// whose parser runs in the sandbox child that runs the program): tests ask for it the way the judge does.
import type { CompileError, ProgramRun, RunLimits, RuntimeTest } from "../../workers/runtimes/runtime.ts";

type Prepared =
  | { ok: true; program: { run(tests: readonly RuntimeTest[], limits: RunLimits): Promise<Pick<ProgramRun, "setup">> } }
  | { ok: false; error: CompileError };

/** The compile error of what `prepare` returned, or null when it compiles (then `tests` ran once, for nothing). */
export async function compileErrorOf(
  prepared: Prepared,
  tests: readonly RuntimeTest[],
  limits: RunLimits,
): Promise<CompileError | null> {
  if (!prepared.ok) return prepared.error;
  const run = await prepared.program.run(tests, limits);
  return run.setup.status === "COMPILE_ERROR" ? run.setup.error : null;
}
