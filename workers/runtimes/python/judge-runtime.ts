// The Python runtime behind the judge's runtime interface: the problem's Python form (src/kernels/python) says
// which function the learner defines, how arguments look to it, what it may not use and which solution
// calibrates its performance ratios; the zygote runtime (workers/runtimes/python) does the rest.
import { pythonArguments, pythonFormOf } from "../../../src/problems/registry.ts";
import type { Language, Runtime } from "../runtime.ts";
import type { PythonRuntime } from "./runtime.ts";

const LANGUAGES: readonly Language[] = ["PYTHON"];

export function createPythonJudgeRuntime(python: PythonRuntime): Runtime {
  return {
    languages: LANGUAGES,
    async prepare(source, problem) {
      if (source.language !== "PYTHON") throw new TypeError(`unsupported language ${source.language}`);
      const form = pythonFormOf(problem.kernelId);
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
      const form = pythonFormOf(kernel.id);
      return form ? { code: form.solutionCode, language: "PYTHON" } : null;
    },
    presentArguments: pythonArguments,
    describe: () => python.describe(),
    close: () => python.close(),
  };
}
