import { getPriority } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { kernels } from "../../src/problems/registry.ts";
import { TypeChecker } from "../../workers/runtimes/isolate/type-check/checker.ts";
import { typeErrors } from "../../workers/runtimes/isolate/type-check/worker.ts";
import type { ExecutorPool } from "../../workers/sandbox/pool.ts";
import { itWhen } from "../helpers/capabilities.ts";
import { grade, SUM_ARRAY_SOLUTION, startPool } from "./fixtures.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let pool: ExecutorPool;

// Started before the tests are declared: whether its thread's priority can be managed decides which of them run.
const checker = new TypeChecker();
const checkerStarted = await checker.warmUp();
// Raising a thread's priority back needs CAP_SYS_NICE; as root this platform always manages it.
const itWithPriority = itWhen({
  present: checker.prioritizes,
  required: process.getuid?.() === 0,
  missing: "CAP_SYS_NICE to raise the type-check thread's priority",
});

beforeAll(async () => {
  pool = await startPool();
  expect(checkerStarted).toBe(true);
});

afterAll(async () => {
  await Promise.all([checker.close(), pool.close()]);
});

describe("TypeChecker", () => {
  it("reports each type error with its position and code; correct code has none", async () => {
    expect(await checker.check(SUM_ARRAY_SOLUTION)).toEqual([]);
    const warnings = await checker.check(
      "function f(x: number): string {\n  return x;\n}\nconst v: Float64Array = [1, 2];\n",
    );
    expect(warnings).toEqual([
      "type error at 2:3: Type 'number' is not assignable to type 'string'. (TS2322)",
      expect.stringMatching(/^type error at 4:7: Type 'number\[\]' is missing .* \(TS2740\)$/),
    ]);
  });

  it("knows what the sandbox offers: the ECMAScript library and console, no Node.js and no DOM", async () => {
    const warnings = await checker.check(
      "export function f(n: number) {\n  const seen = new Map<number, bigint>([[n, 2n ** 64n]]);\n  return [seen.size, [1, 2].at(-1), Object.hasOwn({}, 'a')];\n}\nprocess.exit(1);\nconsole.log(document);\n",
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^type error at 5:1: Cannot find name 'process'/),
      expect.stringMatching(/^type error at 6:13: Cannot find name 'document'/),
    ]);
  });

  it("reports at most ten errors and counts the rest", async () => {
    const code = Array.from({ length: 14 }, (_, i) => `const v${i}: number = "${i}";`).join("\n");
    const warnings = await checker.check(code);
    expect(warnings).toHaveLength(11);
    expect(warnings[10]).toBe("… and 4 more type errors");
  });

  it("checks submissions that arrive together in one program without letting them see each other", async () => {
    const [declares, uses, augments, relies] = await Promise.all([
      checker.check("const sharedTotal: number = 1;\nfunction helper(): number { return sharedTotal; }"),
      checker.check("const value: number = sharedTotal + helper();"),
      checker.check("declare global {\n  interface Array<T> { extra: number }\n}\nexport {};"),
      checker.check("const n: number = [1].extra;"),
    ]);
    expect(declares).toEqual([]);
    expect(uses).toEqual([
      expect.stringMatching(/^type error at 1:23: Cannot find name 'sharedTotal'/),
      expect.stringMatching(/^type error at 1:37: Cannot find name 'helper'/),
    ]);
    expect(augments).toEqual([]);
    expect(relies).toEqual([expect.stringMatching(/^type error at 1:23: Property 'extra' does not exist/)]);
  });

  it.each([
    ["a comment between declare and global", "declare /**/ global {\n  interface Array<T> { extra: number }\n}"],
    ["a comment and no space", "declare/**/global { interface Array<T> { extra: number } }"],
  ])("keeps a global augmentation spelt with %s out of the code checked beside it", (_, augmentation) => {
    const [augments, relies] = typeErrors([augmentation, "const n: number = [1].extra;"]);
    expect(augments).toEqual([]);
    expect(relies).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/Property 'extra' does not exist/) }),
    ]);
  });

  it("keeps a library reference out of the code checked beside it", () => {
    const [, relies] = typeErrors(['/// <reference lib="dom" />\nexport {};', "const d = document;"]);
    expect(relies).toEqual([
      expect.objectContaining({ message: expect.stringMatching(/^Cannot find name 'document'/) }),
    ]);
  });

  itWithPriority(
    "runs a check at low CPU priority until someone waits for it, then at normal priority until done",
    async () => {
      expect(checker.prioritizes).toBe(true);
      const threadId = checker.threadId as number;
      const big = Array.from({ length: 8000 }, (_, i) => `const w${i}: { b: string[] } = { b: ["${i}"] };`).join("\n");
      const checking = checker.check(big);
      const deadline = Date.now() + 2000;
      while (getPriority(threadId) !== 19 && Date.now() < deadline) await sleep(5);
      expect(getPriority(threadId)).toBe(19);
      checking.expedite();
      expect(getPriority(threadId)).toBe(0);
      expect(await checking).toEqual([]);
      expect(getPriority(threadId)).toBe(19);
    },
  );

  it("remembers the warnings of code it has checked", async () => {
    const code = "let count: number = 'one';";
    const first = await checker.check(code);
    expect(await checker.check(code)).toBe(first);
  });

  it("skips a check over its CPU budget or its wall-clock cap, and starts a new checker afterwards", async () => {
    const big = Array.from({ length: 8000 }, (_, i) => `const v${i}: { a: number[] } = { a: [${i}] };`).join("\n");
    const greedy = new TypeChecker({ cpuBudgetMs: 1 });
    const slow = new TypeChecker({ maxWaitMs: 1 });
    try {
      expect(await greedy.warmUp()).toBe(true);
      expect(await greedy.check(big)).toEqual(["type check skipped: it used more than 1 ms of CPU"]);
      expect(await greedy.warmUp()).toBe(true);
      expect(await slow.warmUp()).toBe(true);
      expect(await slow.check(big)).toEqual(["type check skipped: no answer within 1 ms"]);
    } finally {
      await Promise.all([greedy.close(), slow.close()]);
    }
  });

  it("never throws: a checker that cannot start, or one that is closed, answers with a warning", async () => {
    const starved = new TypeChecker({ maxHeapMb: 16 });
    try {
      expect(await starved.warmUp()).toBe(false);
      const [warning] = await starved.check("let a = 1;");
      expect(warning).toMatch(/^type check skipped: .*memory limit/);
    } finally {
      await starved.close();
    }
    expect(await starved.check("let a = 1;")).toEqual(["type check skipped: the grader is shutting down"]);
  });
});

describe("the kernel suite's learner code", () => {
  it("type-checks cleanly: every starter and every solution", () => {
    const specs = [...kernels.values()];
    const errors = typeErrors(specs.flatMap((spec) => [spec.starterCode, spec.solutionCode]));
    const failing = specs.flatMap((spec, index) =>
      [errors[2 * index], errors[2 * index + 1]].some((found) => found.length > 0) ? [spec.id] : [],
    );
    expect(specs.length).toBeGreaterThan(30);
    expect(failing).toEqual([]);
  });
});

describe("gradeSubmission with a type checker", () => {
  it("adds type errors to the warnings of a TypeScript submission; the verdict is unchanged", async () => {
    const code = `${SUM_ARRAY_SOLUTION}const unused: string = 42;\n`;
    const result = await grade(pool, code, {}, checker);
    expect(result.verdict).toBe("ACCEPTED");
    expect(result.warnings).toEqual([expect.stringMatching(/^type error at 6:7: .*\(TS2322\)$/)]);
  });

  it("does not type-check JavaScript", async () => {
    const code =
      "function sum_array(v) { let s = 0; for (let i = 0; i < v.length; i++) s += v[i]; return s; }\nconst n = 1; n.foo();";
    const result = await grade(pool, code, { language: "JAVASCRIPT" }, checker);
    expect(result.verdict).toBe("RUNTIME_ERROR");
    expect(result.warnings).toEqual([]);
  });
});
