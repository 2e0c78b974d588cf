import { createHash } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { transformSync } from "esbuild";
import { getKernel } from "../../src/kernels/index.ts";
import { checkResult, generateTests } from "../../src/kernels/suite.ts";
import type { AnyKernelSpec, TestCase } from "../../src/kernels/types.ts";

// Suite-level guarantees for the neural-network and linear-algebra kernels.
const SEED = 20261129;

const PINNED_HASHES: Record<string, string> = {
  matmul: "a31c815432d0f1fdf93dbfe6789badacebc77429bc8418f2ed3dd13aa55502d9",
  linear_forward: "e037e46ce40d5dc8b9439f9f26bd350013286613de829fc90b0d3d4397792e07",
  mlp_forward: "7062afb4e8732b7895d41db3c5cba75212fd56e8be85ffcc4011a9075cf919cb",
  linear_backward: "9613468bcc215b6a84321ed13a6c7a3f7eb4ccaa88dc54ecf84ede57eee2ad12",
  softmax_cross_entropy: "2db70d93d1057fe20a1d841a8e205431750695da84e36f9422b105d60b3aabcf",
  conv2d: "c0ec64c74fd0128675bb9cf3d16195ee13569c2ecadcd1207c03e59f66eca02e",
  max_pool2d: "646aa9c30d7dcc83c734fffa325453ea374bbc20d4c54e11a95946f3465e1d6b",
  rnn_forward: "948166eb3c9c59f763d0316d04f3d03e4b8d64a6c9b768370ba1f80065891b24",
  lu_decompose: "4f2a35c9d8532a9fbe557ca7851a136c8522701c41648964733333aff25dffdf",
  softmax: "39b9936f428d714af763cf94fe2bea632ace3ac35ca1f05789c9fe887d5c27f2",
  online_softmax: "02511f2df2ba4819a8150634401cf7b2d0b417273ccf5d163c11b94824f39ecd",
  layer_norm: "b2dc1e2334b4098c5f1956becaa03e3b2d6481942757d2c44895842e0f550934",
  scaled_dot_product_attention: "7a578d3c5bffd7d4eb9935bc519d386a37356fc12bb6ca850ff8ac07f3ba5e1b",
  saliency: "f574d93e88de6981b76cc234319521d4d34141307910e5d03e0abe8158d34e25",
  fgsm: "e6e9208199be77085feb39241e98cc894f6a40b2d2a1fbc6a16f03404f6a6354",
  finetune_head_step: "4f81e10dd43092a6ad0cad3faef6678b5fe150b39b629ff6c9b68534084b8d1a",
};
const IDS = Object.keys(PINNED_HASHES);
const PERFORMANCE_RANKED = new Set(["matmul", "conv2d", "scaled_dot_product_attention"]);

function spec(id: string): AnyKernelSpec {
  const found = getKernel(id);
  if (!found) throw new Error(`kernel ${id} is not registered`);
  return found;
}

/** Turns learner-form TypeScript into the named function, the way the sandbox sees it (no imports). */
function compileLearnerCode(code: string, functionName: string): (...args: unknown[]) => unknown {
  const js = transformSync(code, { loader: "ts" }).code;
  return new Function(`"use strict";\n${js}\nreturn ${functionName};`)() as (...args: unknown[]) => unknown;
}

function hashTests(tests: readonly TestCase[]): string {
  const json = JSON.stringify(tests, (_key, value: unknown) =>
    ArrayBuffer.isView(value) ? Array.from(value as Float64Array) : value,
  );
  return createHash("sha256").update(json).digest("hex");
}

describe.each(IDS)("%s", (id) => {
  const kernel = spec(id);
  const tests = generateTests(kernel, SEED);
  const wants = tests.map((test) => kernel.reference(...structuredClone(test.args)));

  it("has the declared tests: at least two samples, performance tests only when performance-ranked", () => {
    expect(kernel.id).toBe(id);
    expect(tests.length).toBe(kernel.testCounts.sample + kernel.testCounts.hidden + kernel.testCounts.performance);
    expect(kernel.testCounts.sample).toBeGreaterThanOrEqual(2);
    expect(kernel.testCounts.hidden).toBeGreaterThanOrEqual(6);
    if (PERFORMANCE_RANKED.has(id)) expect(kernel.testCounts.performance).toBeGreaterThanOrEqual(1);
    else expect(kernel.testCounts.performance).toBe(0);
    expect(kernel.signature).toContain(`function ${kernel.functionName}(`);
  });

  it("generates the same tests for the same seed, and pins them by hash", () => {
    expect(hashTests(generateTests(kernel, SEED))).toBe(hashTests(tests));
    // The first tests are mostly hand-written; the last ones are drawn from the PRNG.
    expect(hashTests([...tests.slice(0, 3), ...tests.slice(-3)])).toBe(PINNED_HASHES[id]);
    expect(hashTests(generateTests(kernel, SEED + 1))).not.toBe(hashTests(tests));
  });

  it("passes arguments and results as plain data that survive a structured clone", () => {
    for (const [index, test] of tests.entries()) {
      expect(structuredClone(test.args)).toEqual(test.args);
      expect(checkResult(kernel, structuredClone(wants[index]), wants[index])).toEqual({ ok: true });
    }
  });

  it("never mutates its inputs", () => {
    for (const test of tests) {
      const before = structuredClone(test.args);
      kernel.reference(...test.args);
      expect(test.args).toEqual(before);
    }
  });

  it("runs the reference over all its tests in well under 20 ms", () => {
    // CPU time of this process, best of several warm rounds: other test files share the machine's cores, so wall
    // time measures contention as much as the kernel.
    for (const test of tests) kernel.reference(...test.args);
    let bestMs = Number.POSITIVE_INFINITY;
    for (let round = 0; round < 10 && bestMs >= 20; round++) {
      const start = process.cpuUsage();
      for (const test of tests) kernel.reference(...test.args);
      const used = process.cpuUsage(start);
      bestMs = Math.min(bestMs, (used.user + used.system) / 1000);
    }
    expect(bestMs).toBeLessThan(20);
  });

  it("accepts the solution code on every generated test", () => {
    const solution = compileLearnerCode(kernel.solutionCode, kernel.functionName);
    for (const [index, test] of tests.entries()) {
      const verdict = checkResult(kernel, solution(...structuredClone(test.args)), wants[index]);
      expect({ test: test.name, ...verdict }).toEqual({ test: test.name, ok: true });
    }
  });

  it("compiles the starter code, which fails at least one test", () => {
    const starter = compileLearnerCode(kernel.starterCode, kernel.functionName);
    const failures = tests.filter(
      (test, index) => !checkResult(kernel, starter(...structuredClone(test.args)), wants[index]).ok,
    );
    expect(failures.length).toBeGreaterThan(0);
  });

  it("rejects a result of the wrong shape with a message naming where", () => {
    const verdict = checkResult(kernel, [], wants[0]);
    expect(verdict.ok).toBe(false);
  });
});
