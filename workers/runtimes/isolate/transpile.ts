// Turns learner TypeScript or JavaScript into a classic script for a bare isolate (no module system).
import { type Message, stop, transform } from "esbuild";
import type { CompileError } from "../../../src/grading/result.ts";

export type { CompileError };

export type SourceLanguage = "TYPESCRIPT" | "JAVASCRIPT";

export type TranspileResult =
  | { ok: true; script: string; warnings: string[] }
  | { ok: false; error: CompileError; warnings: string[] };

/** Far above the 64 KiB accepted upstream; anything larger is refused before esbuild sees it. */
const MAX_SOURCE_CHARS = 1024 * 1024;

// esbuild's CommonJS output keeps top-level declarations at top level (so `function matmul` stays a global
// of the script) and turns `export` into assignments to module.exports, which this prelude provides.
// `import` becomes a call to `require`, which does not exist in the isolate: a runtime error, not a leak.
const MODULE_PRELUDE = "var module = { exports: {} }, exports = module.exports;\n";

function describe(message: Message): string {
  const where = message.location ? `${message.location.line}:${message.location.column + 1}: ` : "";
  return `${where}${message.text}`;
}

// esbuild's transform runs in a service process it starts on first use and keeps for the process's life: not
// waited for, but its pipe is a root that keeps alive the code that loaded esbuild. In the tests (esbuild loaded
// per test file) every file that graded TypeScript stayed in memory with its own esbuild process. So the service
// runs only while someone holds the transpiler or a transpile is in flight.
let holders = 0;
let inFlight = 0;

async function stopWhenUnused(): Promise<void> {
  if (holders === 0 && inFlight === 0) await stop();
}

/**
 * Declares a user of transpile() that keeps esbuild's service process between calls (a runtime, a test file).
 * The returned release ends the process once no holder and no transpile is left; a later transpile starts another.
 */
export function holdTranspiler(): () => Promise<void> {
  holders += 1;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    holders -= 1;
    await stopWhenUnused();
  };
}

/** Transpiles `code`; without a holder (holdTranspiler), esbuild's service process ends with the call. */
export async function transpile(code: string, language: SourceLanguage): Promise<TranspileResult> {
  inFlight += 1;
  try {
    return await transpileWithEsbuild(code, language);
  } finally {
    inFlight -= 1;
    await stopWhenUnused();
  }
}

async function transpileWithEsbuild(code: string, language: SourceLanguage): Promise<TranspileResult> {
  if (typeof code !== "string") throw new TypeError("code must be a string");
  if (language !== "TYPESCRIPT" && language !== "JAVASCRIPT")
    throw new TypeError(`unsupported language ${String(language)}`);
  if (code.length > MAX_SOURCE_CHARS) {
    return {
      ok: false,
      error: { message: `source is longer than ${MAX_SOURCE_CHARS} characters`, line: null, column: null },
      warnings: [],
    };
  }
  try {
    const result = await transform(code, {
      loader: language === "TYPESCRIPT" ? "ts" : "js",
      format: "cjs",
      target: "es2022",
      sourcefile: language === "TYPESCRIPT" ? "solution.ts" : "solution.js",
      logLevel: "silent",
    });
    const usesModule = /\bmodule\.exports\b/.test(result.code);
    return {
      ok: true,
      script: usesModule ? MODULE_PRELUDE + result.code : result.code,
      warnings: result.warnings.map(describe),
    };
  } catch (error) {
    const failure = error as { errors?: Message[]; warnings?: Message[]; message?: string };
    const first = failure.errors?.[0];
    if (!first) throw error;
    return {
      ok: false,
      error: {
        message: first.text,
        line: first.location?.line ?? null,
        column: first.location ? first.location.column + 1 : null,
      },
      warnings: (failure.warnings ?? []).map(describe),
    };
  }
}
