// Hostile submissions: each gets its verdict, and the SAME pool then still grades an ordinary correct
// submission right. One process, so every case runs on whatever the previous one left behind.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Verdict } from "../../workers/judge/grade.ts";
import type { ExecutorPool, RestartReason } from "../../workers/sandbox/pool.ts";
import { grade, SUM_ARRAY_SOLUTION, startPool } from "./fixtures.ts";

type HostileCase = {
  name: string;
  code: string;
  language?: "TYPESCRIPT" | "JAVASCRIPT";
  timeLimitMs?: number;
  verdicts: Verdict[];
  /** Expected message of the first test (a sample test, so the message is shown in full). */
  message?: RegExp;
  /** The case must end inside its timed calls: no executor process is killed or replaced for it. */
  noRestart?: boolean;
};

const SUM = "let s = 0; for (let i = 0; i < v.length; i++) s += v[i];";

const cases: HostileCase[] = [
  {
    name: "sync infinite loop",
    code: "function sum_array(v) { while (true) {} }",
    verdicts: ["TIME_LIMIT_EXCEEDED"],
    message: /time limit/,
  },
  {
    name: "never-settling promise",
    code: "function sum_array(v) { return new Promise(() => {}); }",
    verdicts: ["TIME_LIMIT_EXCEEDED"],
  },
  {
    name: "microtask loop",
    code: "async function sum_array(v) { for (;;) await null; }",
    verdicts: ["TIME_LIMIT_EXCEEDED"],
  },
  {
    name: "microtask flood that returns at once",
    code: "function sum_array(v) { const spin = () => Promise.resolve().then(spin); spin(); return 0; }",
    verdicts: ["TIME_LIMIT_EXCEEDED"],
  },
  {
    name: "array memory bomb",
    code: "function sum_array(v) { const keep = []; for (;;) keep.push(new Array(1e5).fill(1.5)); }",
    // V8 collects garbage harder and harder as the heap fills: it takes ~0.5–1 s of CPU to reach the
    // limit, and the time limit is wall-clock, so it is generous here (a loaded machine stays green).
    timeLimitMs: 8000,
    verdicts: ["MEMORY_LIMIT_EXCEEDED"],
  },
  {
    name: "ArrayBuffer memory bomb",
    code: "function sum_array(v) { const keep = []; for (;;) keep.push(new ArrayBuffer(16 * 1024 * 1024)); }",
    verdicts: ["MEMORY_LIMIT_EXCEEDED"],
  },
  {
    name: "resizable ArrayBuffer grown past the limit",
    code: "function sum_array(v) { const b = new ArrayBuffer(0, { maxByteLength: 2 ** 30 }); b.resize(2 ** 30); return new Uint8Array(b).fill(1).length; }",
    verdicts: ["RUNTIME_ERROR", "MEMORY_LIMIT_EXCEEDED"],
  },
  {
    name: "growable SharedArrayBuffer grown past the limit",
    code: "function sum_array(v) { const b = new SharedArrayBuffer(0, { maxByteLength: 2 ** 30 }); b.grow(2 ** 30); return new Uint8Array(b).fill(1).length; }",
    verdicts: ["RUNTIME_ERROR", "MEMORY_LIMIT_EXCEEDED"],
  },
  {
    name: "WebAssembly memory bomb",
    code: "function sum_array(v) { const m = new WebAssembly.Memory({ initial: 16384 }); return new Uint8Array(m.buffer).fill(1).length; }",
    verdicts: ["RUNTIME_ERROR", "MEMORY_LIMIT_EXCEEDED"],
  },
  {
    name: "one huge ArrayBuffer",
    code: "function sum_array(v) { return new Float64Array(5e8).length; }",
    verdicts: ["MEMORY_LIMIT_EXCEEDED"],
  },
  // isolated-vm issue #527: this can stall V8 inside a builtin or abort the whole process.
  {
    name: "new Array(4e7).fill(0)",
    code: "function sum_array(v) { return new Array(4e7).fill(0).length; }",
    verdicts: ["MEMORY_LIMIT_EXCEEDED", "TIME_LIMIT_EXCEEDED"],
  },
  {
    name: "deep recursion",
    code: "function sum_array(v) { return 1 + sum_array(v); }",
    verdicts: ["RUNTIME_ERROR"],
    message: /RangeError: Maximum call stack/,
  },
  {
    name: "result with a looping getter",
    code: "function sum_array(v) { return { get total() { for (;;) {} } }; }",
    verdicts: ["TIME_LIMIT_EXCEEDED"],
  },
  {
    name: "result that is a looping Proxy",
    code: "function sum_array(v) { return new Proxy([], { get() { for (;;) {} }, ownKeys() { for (;;) {} } }); }",
    verdicts: ["TIME_LIMIT_EXCEEDED"],
  },
  {
    name: "Proxy that claims a billion elements",
    code: "function sum_array(v) { return new Proxy([], { get: (t, k) => (k === 'length' ? 1e9 : 1) }); }",
    verdicts: ["RUNTIME_ERROR"],
    message: /output too large/,
  },
  {
    name: "huge typed-array output",
    code: "function sum_array(v) { return new Float64Array(5e6); }",
    verdicts: ["RUNTIME_ERROR"],
    message: /output too large/,
  },
  {
    name: "sparse array with a huge length",
    code: "function sum_array(v) { const a = []; a.length = 2 ** 31; return a; }",
    verdicts: ["RUNTIME_ERROR"],
    message: /output too large/,
  },
  {
    name: "result containing a function",
    code: "function sum_array(v) { return { valueOf: () => 1 }; }",
    verdicts: ["RUNTIME_ERROR"],
    message: /contains a function/,
  },
  {
    name: "process probe",
    code: "function sum_array(v) { return process.env.HOME.length; }",
    verdicts: ["RUNTIME_ERROR"],
    message: /process is not defined/,
  },
  {
    name: "require probe",
    code: "function sum_array(v) { return require('fs').readFileSync('/etc/passwd', 'utf8').length; }",
    verdicts: ["RUNTIME_ERROR"],
    message: /require is not defined/,
  },
  {
    name: "import statement",
    code: "import { readFileSync } from 'node:fs';\nexport function sum_array(v: Float64Array) { return readFileSync('/etc/passwd', 'utf8').length; }",
    verdicts: ["RUNTIME_ERROR"],
  },
  {
    name: "dynamic import() hidden from the transpiler",
    code: "async function sum_array(v) { const fs = await new Function('return import(\"node:fs\")')(); return fs.readFileSync('/etc/passwd', 'utf8').length; }",
    language: "JAVASCRIPT",
    verdicts: ["RUNTIME_ERROR"],
  },
  {
    name: "globalThis.constructor.constructor probe",
    code: "function sum_array(v) { const p = globalThis.constructor.constructor('return process')(); return p.pid; }",
    verdicts: ["RUNTIME_ERROR"],
    message: /process is not defined/,
  },
  {
    name: "Function('return this') probe",
    code: "function sum_array(v) { const g = Function('return this')(); return g.process.env.PATH.length + g.require('fs'); }",
    verdicts: ["RUNTIME_ERROR"],
    message: /TypeError/,
  },
  {
    name: "host globals count",
    // Correct only if the global object holds nothing beyond the language's own builtins and the harness's
    // `console` (it only appends to the test's printed output: no host behind it).
    code: `function sum_array(v) { const g = Function('return this')(); const host = ['process', 'require', 'Buffer', 'setTimeout', 'setImmediate', 'fetch', 'ivm', '_ivm', 'global'].filter((n) => n in g); if (host.length) return host.join(); ${SUM} return s; }`,
    verdicts: ["ACCEPTED"],
  },
  {
    name: "prototype pollution through a returned __proto__ key",
    code: 'function sum_array(v) { return JSON.parse(\'{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}}\'); }',
    verdicts: ["WRONG_ANSWER"],
  },
  {
    name: "throwing a string",
    code: "function sum_array(v) { throw 'plain string'; }",
    verdicts: ["RUNTIME_ERROR"],
    message: /threw a string: plain string/,
  },
  {
    name: "throwing a Symbol",
    code: "function sum_array(v) { throw Symbol('sym'); }",
    verdicts: ["RUNTIME_ERROR"],
    message: /threw a symbol/,
  },
  {
    name: "throwing an object whose toString throws",
    code: "function sum_array(v) { throw { toString() { throw new Error('no'); }, valueOf() { throw new Error('no'); } }; }",
    verdicts: ["RUNTIME_ERROR"],
    message: /not an Error/,
  },
  {
    name: "throwing an Error whose message getter loops",
    code: "function sum_array(v) { const e = new Error(); Object.defineProperty(e, 'message', { get() { for (;;) {} } }); throw e; }",
    verdicts: ["TIME_LIMIT_EXCEEDED"],
  },
  {
    name: "Atomics.wait",
    code: "function sum_array(v) { return Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0); }",
    verdicts: ["TIME_LIMIT_EXCEEDED"],
  },
  {
    name: "Math.random and Date tampering",
    code: "Math.random = () => 0; Date.now = () => 0; Date.prototype.getTime = () => 0; Number.prototype.toFixed = () => '0';\nfunction sum_array(v) { return Math.random(); }",
    verdicts: ["WRONG_ANSWER"],
  },
  {
    name: "top-level infinite loop",
    code: "for (;;) {}\nfunction sum_array(v) { return 0; }",
    verdicts: ["TIME_LIMIT_EXCEEDED"],
  },
  {
    name: "mutating the input to match a wrong answer",
    code: "function sum_array(v) { v.fill(0); return 0; }",
    verdicts: ["WRONG_ANSWER"],
  },
  // Learner code that would run outside a timed call (see harness.ts): each way is closed before it runs.
  {
    name: "FinalizationRegistry callback that loops after the call returned",
    code: `const registry = new FinalizationRegistry(() => { for (;;) {} });\nfunction sum_array(v) { for (let i = 0; i < 200; i++) registry.register({ big: new Array(1e4).fill(i) }, i); ${SUM} return s; }`,
    verdicts: ["RUNTIME_ERROR"],
    message: /FinalizationRegistry is not defined/,
    noRestart: true,
  },
  {
    name: "WeakRef",
    code: `function sum_array(v) { const ref = new WeakRef({}); ${SUM} return s + (ref.deref() ? 0 : 0); }`,
    verdicts: ["RUNTIME_ERROR"],
    message: /WeakRef is not defined/,
    noRestart: true,
  },
  {
    name: "Atomics.waitAsync callback scheduled for later",
    code: `function sum_array(v) { const w = Atomics.waitAsync(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1); if (w.async) w.value.then(() => { for (;;) {} }); ${SUM} return s; }`,
    verdicts: ["RUNTIME_ERROR"],
    message: /waitAsync is not a function/,
    noRestart: true,
  },
  {
    name: "Error.prepareStackTrace that loops when an error leaves the isolate",
    code: "Error.prepareStackTrace = () => { for (;;) {} };\nthrow new Error('at load');\nfunction sum_array(v) { return 0; }",
    language: "JAVASCRIPT",
    verdicts: ["RUNTIME_ERROR"],
    message: /at load/,
    noRestart: true,
  },
  {
    name: "Symbol.species on a returned promise",
    code: `function sum_array(v) { ${SUM} const p = Promise.resolve(s); p.constructor = { [Symbol.species]: function (executor) { executor(() => { for (;;) {} }, () => {}); } }; return p; }`,
    verdicts: ["TIME_LIMIT_EXCEEDED"],
    noRestart: true,
  },
  {
    name: "Promise.prototype.constructor getter",
    code: `Object.defineProperty(Promise.prototype, "constructor", { get() { for (;;) {} } });\nasync function sum_array(v) { ${SUM} return s; }`,
    verdicts: ["TIME_LIMIT_EXCEEDED"],
    noRestart: true,
  },
  {
    name: "microtasks queued while the result is copied",
    code: `function sum_array(v) { ${SUM} let n = 0; const later = () => { if (++n < 100) Promise.resolve().then(later); else for (;;) {} }; return [{ get x() { Promise.resolve().then(later); return s; } }.x][0]; }`,
    verdicts: ["TIME_LIMIT_EXCEEDED"],
    noRestart: true,
  },
  {
    name: "result with toJSON and valueOf",
    code: "function sum_array(v) { return { toJSON() { for (;;) {} }, valueOf() { for (;;) {} } }; }",
    verdicts: ["RUNTIME_ERROR"],
    message: /contains a function/,
    noRestart: true,
  },
  {
    name: "forged sandbox error name carrying hidden inputs",
    code: "function sum_array(v) { if (v.length > 5) throw { name: 'time limit', message: 'LEAK' + JSON.stringify(Array.from(v)) }; return v.reduce((a, b) => a + b, 0); }",
    verdicts: ["RUNTIME_ERROR"],
    noRestart: true,
  },
  {
    name: "timing-coded answer",
    code: `let calls = 0;\nfunction sum_array(v) { if (++calls > 2) { const until = Date.now() + 3 * (v[0] + 10); while (Date.now() < until) {} } ${SUM} return s; }`,
    timeLimitMs: 2000,
    verdicts: ["ACCEPTED"],
  },
  {
    name: "NUL and lone surrogates in the output",
    code: "function sum_array(v) { return ['\\u0000', '\\ud800', { ['\\udc00\\u0000']: 1 }]; }",
    verdicts: ["WRONG_ANSWER"],
    noRestart: true,
  },
  {
    name: "NUL and lone surrogates in an output the checker quotes",
    code: "function sum_array(v) { return 'a\\u0000b\\ud800'; }",
    verdicts: ["WRONG_ANSWER"],
    // The checker quotes it escaped; the sample's `got` holds it raw until it is made storable.
    message: /got "a\\u0000b\\ud800"/,
    noRestart: true,
  },
  {
    name: "NUL and lone surrogates in a thrown message",
    code: "function sum_array(v) { throw new Error('\\u0000\\udfff'); }",
    verdicts: ["RUNTIME_ERROR"],
    message: /^Error: \uFFFD\uFFFD$/,
    noRestart: true,
  },
  {
    name: "huge string output",
    code: "function sum_array(v) { return '中'.repeat(3e7); }",
    verdicts: ["RUNTIME_ERROR"],
    message: /output too large: the result exceeds the output limit/,
    noRestart: true,
  },
  {
    name: "huge BigInt output",
    code: "function sum_array(v) { return 1n << 80000000n; }",
    // Building the 10 MB BigInt and measuring it fit in 400 ms on an idle machine, not always on a busy one:
    // either verdict is a learner verdict, and the pool must keep grading.
    verdicts: ["RUNTIME_ERROR", "TIME_LIMIT_EXCEEDED"],
    message: /output limit|time limit/,
    noRestart: true,
  },
];

/** Strings (keys included) that Postgres would refuse in jsonb: holding U+0000 or a lone surrogate. */
function unstorableStrings(value: unknown): string[] {
  if (typeof value === "string") return value.includes("\u0000") || !value.isWellFormed() ? [value] : [];
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, field]) => [...unstorableStrings(key), ...unstorableStrings(field)]);
}

let pool: ExecutorPool;
const restarts: RestartReason[] = [];
const hostMathRandom = Math.random;

beforeAll(async () => {
  pool = await startPool({ size: 1, onRestart: (reason) => restarts.push(reason) });
});

afterAll(async () => {
  await pool.close();
});

describe("hostile submissions", () => {
  it("has at least 20 cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });

  it.each(cases)("$name → its verdict, then the pool still grades a correct solution", async (hostile) => {
    const restartsBefore = restarts.length;
    const result = await grade(pool, hostile.code, {
      language: hostile.language ?? "TYPESCRIPT",
      memoryLimitMb: 64,
      ...(hostile.timeLimitMs ? { timeLimitMs: hostile.timeLimitMs } : {}),
    });
    expect({ case: hostile.name, verdict: result.verdict, message: result.tests[0]?.message }).toEqual({
      case: hostile.name,
      verdict: hostile.verdicts.includes(result.verdict) ? result.verdict : hostile.verdicts.join(" or "),
      message: result.tests[0]?.message,
    });
    if (hostile.message) expect(result.tests[0].message).toMatch(hostile.message);
    if (hostile.noRestart) expect(restarts.slice(restartsBefore)).toEqual([]);
    // Whatever the code did: hidden tests show no learner text and no time of their own, and every string
    // can be stored.
    for (const test of result.tests.filter((test) => test.kind !== "sample")) {
      expect(test.message ?? "").not.toMatch(/LEAK/);
      expect(test.runtimeMs).toBeUndefined();
    }
    expect(unstorableStrings(result)).toEqual([]);
    expect(Object.hasOwn(Object.prototype, "polluted")).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Math.random).toBe(hostMathRandom);

    const next = await grade(pool, SUM_ARRAY_SOLUTION);
    expect(next.verdict).toBe("ACCEPTED");
  });

  it("returned data never carries a learner's prototype", async () => {
    const result = await grade(
      pool,
      'function sum_array(v) { return JSON.parse(\'{"__proto__": {"polluted": "yes"}}\'); }',
      { mode: "SAMPLES" },
    );
    const got = result.tests[0].got as Record<string, unknown>;
    expect(Object.getPrototypeOf(got)).toBe(Object.prototype);
    expect(Object.keys(got)).toEqual(["__proto__"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
