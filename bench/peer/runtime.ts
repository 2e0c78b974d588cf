// The grading bench's peer: a process-per-submission judge, i.e. what grading costs without warm processes,
// a sandbox, an API, a database or a queue. One fresh `node` per TypeScript submission, one fresh `python3` that
// imports numpy per Python submission; each test runs once. It sits behind the platform's own Runtime
// interface, so the platform's judge (workers/judge/grade.ts: the same tests, expected outputs, comparison and
// verdict) grades through it: the two columns of the bench differ only in how code is run.
//
// Generous to the peer: TypeScript is transpiled by the bench's own warm esbuild service (a fresh process
// loading a compiler would pay 140 ms of CPU for Node's type stripper, more for tsc), and it has no
// performance ratio to compute (referenceSource is null, so its accepted submissions are timed once).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { deserialize, serialize } from "node:v8";
import { IDENTITY_ADAPTER } from "../../src/kernels/python/adapter.ts";
import { pythonFormOf } from "../../src/problems/registry.ts";
import { holdTranspiler, transpile } from "../../workers/runtimes/isolate/transpile.ts";
import { DEFAULT_PYTHON, HARNESS_DIR } from "../../workers/runtimes/python/install.ts";
import { encodeArguments, frameBody, parseFrame } from "../../workers/runtimes/python/values.ts";
import type {
  Language,
  OnOutcome,
  OutcomeFrame,
  Program,
  ProgramRun,
  RunLimits,
  Runtime,
  RuntimeTest,
} from "../../workers/runtimes/runtime.ts";
import { FrameDecoder, lengthPrefixed } from "../../workers/sandbox/framing.ts";

const NODE_RUNNER = fileURLToPath(new URL("./node-runner.mjs", import.meta.url));
const PYTHON_RUNNER = fileURLToPath(new URL("./python-runner.py", import.meta.url));
/** The process's own start (node ≈ 80 ms, python3 + numpy ≈ 180 ms of CPU here) on top of the tests' limits. */
const START_ALLOWANCE_MS = 10_000;

type PeerResult = { ok: true; value: unknown; ms: number } | { ok: false; message: string; ms: number };

/** Runs `command` with `input` on stdin and returns its stdout, killing it after `timeoutMs`. */
function runProcess(command: string, args: string[], input: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["pipe", "pipe", "ignore"] });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.stdout.on("data", (chunk: Buffer) => chunks.push(chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(chunks));
      else reject(new Error(`${command} ended with ${signal ?? `exit code ${code}`}`));
    });
    child.stdin.on("error", () => {}); // a runner that died early: its exit says so
    child.stdin.end(input);
  });
}

function outcomesOf(results: readonly PeerResult[], onOutcome: OnOutcome | undefined): ProgramRun {
  const outcomes: OutcomeFrame[] = [];
  for (const result of results) {
    const outcome: OutcomeFrame = result.ok
      ? { status: "OK", value: result.value, runtimeMs: result.ms }
      : { status: "RUNTIME_ERROR", message: result.message, origin: "learner", runtimeMs: result.ms };
    outcomes.push(outcome);
    if (onOutcome?.(outcomes.length - 1, outcome) === false) break;
  }
  return { setup: { status: "OK" }, outcomes };
}

function budgetMs(tests: readonly RuntimeTest[], limits: RunLimits): number {
  return START_ALLOWANCE_MS + limits.timeLimitMs * tests.length;
}

function program(run: Program["run"]): Program {
  return { run, lateWarnings: () => Promise.resolve([]) };
}

/** The peer for one language: TYPESCRIPT (node) or PYTHON (python3 with numpy). */
export function createPeerRuntime(language: "TYPESCRIPT" | "PYTHON", python = DEFAULT_PYTHON): Runtime {
  const languages: readonly Language[] = [language];
  // esbuild's service stays up between the peer's transpiles, as it does in a grader.
  const releaseTranspiler = language === "TYPESCRIPT" ? holdTranspiler() : () => Promise.resolve();
  return {
    languages,
    async prepare(source, problem) {
      if (language === "TYPESCRIPT") {
        const transpiled = await transpile(source.code, "TYPESCRIPT");
        if (!transpiled.ok) return { ok: false, error: transpiled.error, warnings: [] };
        return {
          ok: true,
          warnings: [],
          program: program(async (tests, limits, onOutcome) => {
            const input = serialize({
              script: transpiled.script, // transpile() adds the `module` prelude when the code uses it
              functionName: problem.functionName,
              tests: tests.map((test) => test.args),
            });
            const output = await runProcess(process.execPath, [NODE_RUNNER], input, budgetMs(tests, limits));
            return outcomesOf(deserialize(output) as PeerResult[], onOutcome);
          }),
        };
      }
      const form = pythonFormOf(problem.kernelId);
      if (!form) throw new Error(`no Python form for ${problem.kernelId}`);
      const adapter = form.adapter ?? IDENTITY_ADAPTER;
      return {
        ok: true,
        warnings: [],
        program: program(async (tests, limits, onOutcome) => {
          const request = { code: source.code, functionName: form.functionName, argKinds: form.argKinds ?? null };
          const input = lengthPrefixed([
            frameBody(JSON.stringify(request)),
            ...tests.map((test) => {
              const args = encodeArguments(adapter.args(test.args));
              return frameBody(args.json, args.tail);
            }),
          ]);
          const output = await runProcess(python, ["-I", PYTHON_RUNNER, HARNESS_DIR], input, budgetMs(tests, limits));
          const results = new FrameDecoder(parseFrame).push(output) as PeerResult[];
          return outcomesOf(
            results.map((result) => (result.ok ? { ...result, value: adapter.result(result.value) } : result)),
            onOutcome,
          );
        }),
      };
    },
    referenceSource: () => null,
    describe: () => ({ runtime: "process per submission", language }),
    close: () => releaseTranspiler(),
  };
}
