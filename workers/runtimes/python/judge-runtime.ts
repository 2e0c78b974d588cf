// The Python runtime behind the judge's runtime interface: the problem's Python form (src/kernels/python) says
// which function the learner defines, how arguments look to it, what it may not use and which solution
// calibrates its performance ratios; the zygote runtime (workers/runtimes/python) does the rest.
import { type PythonForm, pythonArguments, pythonFormOf } from "../../../src/problems/registry.ts";
import type { Language, Runtime } from "../runtime.ts";
import type { PythonRuntime } from "./runtime.ts";

const LANGUAGES: readonly Language[] = ["PYTHON"];

/**
 * `formOf` finds a problem's Python form: the registry's, or (the problem tools) one that also knows a problem
 * folder not registered yet.
 */
export function createPythonJudgeRuntime(
  python: PythonRuntime,
  formOf: (kernelId: string) => PythonForm | undefined = pythonFormOf,
): Runtime {
  return {
    languages: LANGUAGES,
    async prepare(source, problem) {
      if (source.language !== "PYTHON") throw new TypeError(`unsupported language ${source.language}`);
      const form = formOf(problem.kernelId);
      if (!form) {
        // The API only accepts PYTHON for problems that list it; this is a problem declared since.
        const message = `this problem cannot be answered in Python (no Python form for ${problem.kernelId})`;
        return { ok: false, error: { message, line: null, column: null }, warnings: [] };
      }
      return python.prepare(
        { code: source.code, language: "PYTHON" },
        {
          functionName: form.functionName,
          forbiddenNames: form.forbiddenNames,
          argKinds: form.argKinds,
          adapter: form.adapter,
        },
      );
    },
    referenceSource(kernel) {
      const form = formOf(kernel.id);
      return form ? { code: form.solutionCode, language: "PYTHON" } : null;
    },
    presentArguments: pythonArguments,
    describe: () => python.describe(),
    close: () => python.close(),
  };
}
