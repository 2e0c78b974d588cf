import { describe, expect, it } from "@jest/globals";
import { kernels } from "../../src/kernels/index.ts";
import { checkResult, generateTests } from "../../src/kernels/suite.ts";
import { hiddenTestStates } from "../../src/lib/hidden-test-secret.ts";
import { TEST_HIDDEN_STATES } from "../helpers/hidden-tests.ts";
import { compileLearnerCode, hashTests, perturbFirstNumber } from "./helpers/suite-guarantees.ts";

// Suite-level guarantees every registered kernel must keep.
const SEED = 20261129;

// Hash of each kernel's first three tests (mostly hand-written) and last three (drawn from the PRNG) for SEED
// and the tests' hidden-test secret.
const PINNED_HASHES: Record<string, string> = {
  // neural-network and linear-algebra kernels
  matmul: "2191b74b828298cb25b56d3d984f375a608f6597f055e0b14da59352601b4477",
  linear_forward: "7402549b2445ca0b3b094a8601c9f4152c70f1897e2a7f80cc9e19c0e75806e1",
  mlp_forward: "16d86f3bbda8504156b72f97f95c7ce1ccdad123627125ed50d5583c2a324f87",
  linear_backward: "290b6fcb1dd188329f2c755bda2cd12941488daa850a4f75325cee8af4690843",
  softmax_cross_entropy: "a1b272caf477f08568ef4580274b21babed9a2e17776a31f05e742812e035f3b",
  conv2d: "3932937876168b6c723ab8708546a788524d53101d54cde755275835cec187ee",
  max_pool2d: "76013e328d083bace193b832b7a97b4c9f16df55e0facf2b59a5bf859a5186b9",
  conv_classifier: "4c9bfbda5493ba0738bdf3fe9f9acfe09d5879a2a247f3fe144df6f430f3d895",
  rnn_forward: "13c61db98b9aa9402b6d025d98df758e699fb8953b341f4f96a365c0ea2e1dc8",
  lu_decompose: "cfffee7dc678c5201c3cd5abbabcc490f4c84bb5e255cb7aea261c6aa957a9a3",
  softmax: "ea223ac61b30b003e9bc64176bbfe2ae7d78513771c21590f9bd954c85b4a505",
  online_softmax: "3cb150e454685120bde6b964823843db228dc2f522c8a03f581f1b7edc9cb2e5",
  layer_norm: "37caf5fb68d959bffb42a7bfaf9c0249aab6224f24c15d1484427202bfaa296e",
  scaled_dot_product_attention: "718b0d08d281ae9b3888a8dd53b80aaa79e9ba2c943c61b8dc6266020d578c57",
  saliency: "09535926e4953e27b0dd428e959f197683b96319c539551d2af79c21eb4f42d9",
  fgsm: "f1113a7386e9b302a465146a9a4cfd72ac5a99cd297fb4f38bb571fe26a35e58",
  finetune_head_step: "c6bfdc1e7f2bb3ef16bd3e8881b014095896d1d6b790b4f61b6d4c97f6539555",
  // training, evaluation, compression and serving kernels
  ring_allreduce: "27de229de6a96bfc4feb9148dfd81acbe05bb1e0d1082331ec9a82d17905fe50",
  early_stopping: "adaf44dfb9e49bcd1ba12278430abe724b85499237152205ea006a37702eb1e8",
  l2_regularized_grad: "4e132960ec81ff285008d141c566a98ecadbb016652cfe3201c39a1591a7cc5c",
  lr_schedule: "b04c7a4403c799fb2f6b2d91327d14372cb2d9fea2aee3436496e362748688ee",
  classification_metrics: "cc5753d56c00c7d5448ba3a78d89e83093e3f53d36cfd06a1779641ee3474052",
  roc_auc: "007b8332eeee4d91fc9b720f7026ad430761155df441d29eb0720902281a9017",
  kfold_indices: "8e85ab280a646554c2943aeb420961eecd53bb4d6c2ee6ff38c511399422304c",
  successive_halving: "9ff34aa9ffa5f8eb8572500e21ce17d393a7628c43e78106ab0540d2c65c19f5",
  class_weights: "66a9d4990c457507e7c3705b899c77a0e454b600ee96826309156fd9bbf72721",
  smote: "ecadba903bab7ad162c3bc5c6d7c1c9aa7e7e83eef03a0a39eba69f4dbaa7444",
  quantize_int8: "7a4eb63fe9767b9996c5192887b8b7a30272ae0cbe6f2b639dd00987b4988c53",
  magnitude_prune: "17068f4d7c3f1e305b3de71c2e5210556584956f339d765ce46da0a1bfdaf9b1",
  distillation_loss: "2458febb7efb27d6d5fb14d0aa98b02f908c06bbc8b152e0b4bf12d4a7e7549e",
  dp_clip_and_noise: "cadefb55cceaac402bbd92e74391bde82788f14916b7ba9d7010b425f2d311cd",
  dynamic_batching: "6d955d1f386556d848a7629239ad41d913207be0dbedefc6c3a49600013e4d35",
  two_proportion_ztest: "f3cc52af109a6f2b4601414a459c626d94041559719949e2abc9bbe2444a3da2",
};
// Ranked by speed, so they carry performance tests; every other kernel is graded on correctness alone.
const PERFORMANCE_RANKED = new Set(["matmul", "conv2d", "scaled_dot_product_attention"]);

it("pins the tests of exactly the registered kernels", () => {
  expect([...kernels.keys()].sort()).toEqual(Object.keys(PINNED_HASHES).sort());
  for (const id of PERFORMANCE_RANKED) expect(kernels.has(id)).toBe(true);
});

describe.each([...kernels.entries()])("%s", (id, kernel) => {
  const generate = (seed: number, hiddenStates = TEST_HIDDEN_STATES) =>
    generateTests(kernel, seed, kernel.testCounts, hiddenStates);
  const tests = generate(SEED);
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
    expect(hashTests(generate(SEED))).toBe(hashTests(tests));
    expect(hashTests([...tests.slice(0, 3), ...tests.slice(-3)])).toBe(PINNED_HASHES[id]);
    expect(hashTests(generate(SEED + 1))).not.toBe(hashTests(tests));
  });

  it("derives hidden and performance tests from the secret; samples stay public and the same as the API shows", () => {
    const other = generate(SEED, hiddenTestStates("another-deployment-secret-0123456789"));
    const isSample = (test: { kind: string }) => test.kind === "sample";
    // The samples the API shows are generated without the secret (samples only); the grader's are the same.
    const publicSamples = generateTests(kernel, SEED, { ...kernel.testCounts, hidden: 0, performance: 0 });
    expect(hashTests(publicSamples)).toBe(hashTests(tests.filter(isSample)));
    expect(hashTests(other.filter(isSample))).toBe(hashTests(publicSamples));
    const hidden = tests.filter((test) => !isSample(test));
    const otherHidden = other.filter((test) => !isSample(test));
    expect(otherHidden.map((test) => test.name)).toEqual(hidden.map((test) => test.name));
    // Hand-written edge cases (fixed by index) may coincide; the drawn ones differ.
    const differing = hidden.filter((test, index) => hashTests([test]) !== hashTests([otherHidden[index]]));
    expect(differing.length).toBeGreaterThan(0);
    expect(() => generateTests(kernel, SEED, kernel.testCounts)).toThrow("hidden-test secret");
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

  it("rejects a result of the wrong shape, saying why", () => {
    expect(checkResult(kernel, [], wants[0])).toEqual({ ok: false, message: expect.any(String) });
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
