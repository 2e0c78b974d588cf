import { createHash } from "node:crypto";
import { describe, expect, it } from "@jest/globals";
import { transformSync } from "esbuild";
import { getKernel } from "../../src/kernels/index.ts";
import { checkResult, generateTests } from "../../src/kernels/suite.ts";
import type { AnyKernelSpec, TestCase } from "../../src/kernels/types.ts";

// Suite-level guarantees for the training, evaluation, compression and serving kernels.
const SEED = 20261129;

const PINNED_HASHES: Record<string, string> = {
  ring_allreduce: "727f991730a6934c3e294c2f7ece4e2ff25174aa3fa2330bc8bf876927195123",
  early_stopping: "e80bcc92243c5402c09c3c3d7fb66b6d069e64f46c33699818c2d5b10b4c3715",
  l2_regularized_grad: "04e6cd41b358f78e76e1dff186867c4cf4f27fb7be98ad2e570e86d1b6bec9e1",
  lr_schedule: "e5d71222a6b447c9a4084c91e6f16ae010e529acc2a400d53e084d5b23aaa9f4",
  classification_metrics: "7374485e975a1445baae10b62497d88edaf840bb7b500e0977377332a7d9290b",
  roc_auc: "a7c9cfa957a0b270348f7e2de5ff34442307543beb753bbfb3bc8cb54167b852",
  kfold_indices: "2cb5c430cff9ca81df17afbae44c46f94a972606be8b4dd48cf6281db6fd76bc",
  successive_halving: "0da53c55b9e169c0a0a17ffaf0c0c387d33d3f8bf7c0ff289cedc90c7c0b400d",
  class_weights: "286cb637c033cc44a3e714b89de0b85a8a67894e3d177cfbdbc3f7af6939456a",
  smote: "7e077bf34d60891321483d2facd5040ce91d1bba8b7c1f3b19a062b731894159",
  quantize_int8: "f8c1105a24179e6b9c0a6b6291d04ee8c0dd1a201c862aafdff960e249c5546c",
  magnitude_prune: "465cff782763e4bdb4965d51650a999a166887aa822ac62d56c81c09217ba42f",
  distillation_loss: "88f70eb658c3b1efcb7770d9e45c103375d75231a7afc8ca8fb72b0934dacd59",
  dp_clip_and_noise: "7e3437c7f80a8bda84aa1408c90fd340d93082e6adcdf737c6d3afef39540244",
  dynamic_batching: "3a6c06fbd2a5d275230e6000abc92110db0e086d4cc80e59fa4766265e583590",
  two_proportion_ztest: "a311b954e2476ef9f8d5e25159ba08ee83ea16d64cd2908eaf9300f45a278106",
};
const IDS = Object.keys(PINNED_HASHES);

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

/** A deep copy of `value` with its first number moved well outside any tolerance; undefined if it holds no number. */
function perturbFirstNumber(value: unknown): unknown {
  let done = false;
  const walk = (node: unknown): unknown => {
    if (done) return node;
    if (typeof node === "number") {
      done = true;
      return node + 0.5 * (1 + Math.abs(node));
    }
    if (Array.isArray(node) || ArrayBuffer.isView(node)) return Array.from(node as ArrayLike<unknown>, walk);
    if (typeof node === "object" && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
    }
    return node;
  };
  const result = walk(value);
  return done ? result : undefined;
}

describe.each(IDS)("%s", (id) => {
  const kernel = spec(id);
  const tests = generateTests(kernel, SEED);
  const wants = tests.map((test) => kernel.reference(...structuredClone(test.args)));

  it("has the declared number of tests, with readable samples and no performance tests", () => {
    expect(kernel.id).toBe(id);
    expect(tests.length).toBe(kernel.testCounts.sample + kernel.testCounts.hidden + kernel.testCounts.performance);
    expect(kernel.testCounts.sample).toBeGreaterThanOrEqual(2);
    expect(kernel.testCounts.performance).toBe(0);
    expect(kernel.signature).toContain(`function ${kernel.functionName}(`);
  });

  it("generates the same tests for the same seed, and pins them by hash", () => {
    expect(hashTests(generateTests(kernel, SEED))).toBe(hashTests(tests));
    // The first tests are mostly hand-written; the last ones are drawn from the PRNG.
    expect(hashTests([...tests.slice(0, 3), ...tests.slice(-3)])).toBe(PINNED_HASHES[id]);
    expect(hashTests(generateTests(kernel, SEED + 1))).not.toBe(hashTests(tests));
  });

  it("passes its arguments and results as plain data that survive a structured clone", () => {
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
    // The best of a few warm runs: what the kernel costs, not how busy the machine is at that moment.
    let best = Number.POSITIVE_INFINITY;
    for (let run = 0; run < 5; run++) {
      const start = performance.now();
      for (const test of tests) kernel.reference(...test.args);
      best = Math.min(best, performance.now() - start);
    }
    expect(best).toBeLessThan(20);
  });

  it("has a checker that rejects a result with one number clearly off", () => {
    let checked = 0;
    for (const want of wants) {
      const wrong = perturbFirstNumber(want);
      if (wrong === undefined) continue;
      expect(checkResult(kernel, wrong, want).ok).toBe(false);
      checked++;
    }
    expect(checked).toBeGreaterThan(0);
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
});
