// The first runtime: TypeScript and JavaScript in V8 isolates. Prepare = esbuild transpile (COMPILE_ERROR
// with line:col) plus, for TypeScript, a type check whose errors become warnings; run = one ExecutorPool
// job (fresh isolate, the script, then the tests with per-test deadlines, outcome frames streamed).
import { endWhenSettled, SPAN, startDetachedSpan } from "../../../src/lib/tracing.ts";
import type { CallOutcome, ExecutorPool } from "../../sandbox/pool.ts";
import type { CompileError, FailureFrame, Language, OutcomeFrame, Runtime } from "../runtime.ts";
import { holdTranspiler, type SourceLanguage, transpile } from "./transpile.ts";
import type { TypeChecker } from "./type-check/checker.ts";

const LANGUAGES: readonly Language[] = ["TYPESCRIPT", "JAVASCRIPT"];

// The executor and the pool mark who wrote each failure's message (CallOutcome.origin), so an outcome is a
// frame as it is, less the printed output unless the run asked for it (the contract's `captureOutput`).
function frameOf(outcome: CallOutcome, captureOutput: boolean): OutcomeFrame {
  if (captureOutput || outcome.output === undefined) return outcome;
  const { output: _dropped, ...rest } = outcome;
  return rest;
}

/** Exports the executor also accepts in place of a global function (executor-process.ts). */
const DYNAMIC_EXPORT = /\bexport\s+default\b|\bmodule\.exports\s*=|(^|[^.\w$])exports\s*=/;

/** Function declarations and functions bound to a name (`const f = (…) =>`, `= function`), for the message. */
const DECLARED_FUNCTION =
  /\bfunction\s*\*?\s*([A-Za-z_$][\w$]*)|\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*(?::[^=;]+)?=\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*(?::[^=;{]+)?=>|[A-Za-z_$][\w$]*\s*=>)/g;

/**
 * A compile error when the source cannot define `functionName`: the name appears nowhere in it and it has no
 * default or whole-module export; it names the functions the source declares. null otherwise (the executor
 * still checks, when the script loads, that the name is a function).
 */
export function missingFunction(code: string, functionName: string): CompileError | null {
  if (new RegExp(`(^|[^\\w$])${functionName}($|[^\\w$])`).test(code) || DYNAMIC_EXPORT.test(code)) return null;
  const names = [...new Set([...code.matchAll(DECLARED_FUNCTION)].map((match) => match[1] ?? match[2]))];
  const found = names.length > 0 ? names.slice(0, 20).join(", ") : "no function";
  return {
    message: `the solution must define a function named ${functionName} (it defines: ${found})`,
    line: null,
    column: null,
  };
}

function isSourceLanguage(language: Language): language is SourceLanguage {
  return (LANGUAGES as readonly string[]).includes(language);
}

/**
 * A runtime over `pool`; with `typeChecker`, TypeScript's type errors are added to the late warnings.
 * close() closes both.
 */
export function createIsolateRuntime(options: {
  pool: ExecutorPool;
  typeChecker?: Pick<TypeChecker, "check" | "close">;
}): Runtime {
  const { pool, typeChecker } = options;
  const releaseTranspiler = holdTranspiler();
  return {
    languages: LANGUAGES,
    async prepare(source, problem, prepareOptions = {}) {
      if (!isSourceLanguage(source.language)) throw new TypeError(`unsupported language ${source.language}`);
      const compiled = await transpile(source.code, source.language);
      if (!compiled.ok) return compiled;
      const missing = missingFunction(source.code, problem.functionName);
      if (missing) return { ok: false, error: missing, warnings: compiled.warnings };
      // Checked while the tests run (a check never rejects: one that cannot finish is a warning itself).
      // Once nothing else is left to wait for, the check is expedited (it runs at low priority until then).
      const typeCheck =
        typeChecker && source.language === "TYPESCRIPT" && prepareOptions.warnings !== false
          ? endWhenSettled(startDetachedSpan(SPAN.typeCheck), typeChecker.check(source.code))
          : null;
      return {
        ok: true,
        warnings: compiled.warnings,
        program: {
          async run(tests, limits, onOutcome) {
            const frames: OutcomeFrame[] = [];
            const capture = limits.captureOutput === true;
            const run = await pool.run({
              script: compiled.script,
              functionName: problem.functionName,
              memoryLimitMb: limits.memoryLimitMb,
              timeLimitMs: limits.timeLimitMs,
              tests: tests.map((test) => test.args),
              runsPerTest: tests.map((test) => test.runs ?? 1),
              argsOfRun: (index, run) => tests[index].argsOfRun?.(run),
              shouldContinue: (index, outcome) => {
                frames[index] = frameOf(outcome, capture);
                return onOutcome ? onOutcome(index, frames[index]) : true;
              },
            });
            const setup = run.setup.status === "OK" ? run.setup : (frameOf(run.setup, capture) as FailureFrame);
            return {
              setup,
              outcomes: run.outcomes.map((outcome, index) => frames[index] ?? frameOf(outcome, capture)),
            };
          },
          lateWarnings() {
            if (!typeCheck) return Promise.resolve([]);
            typeCheck.expedite();
            return typeCheck;
          },
        },
      };
    },
    // Every kernel carries its solution in TypeScript; JavaScript runs as the same V8 code once transpiled,
    // so the TypeScript solution is the bar for both.
    referenceSource: (kernel) => ({ code: kernel.solutionCode, language: "TYPESCRIPT" }),
    describe: () => ({ languages: LANGUAGES, sandbox: pool.describeSandbox(), executors: pool.processes().length }),
    async close() {
      await Promise.all([pool.close(), typeChecker?.close()]);
      await releaseTranspiler();
    },
  };
}
