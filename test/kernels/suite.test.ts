import { describe, expect, it } from "@jest/globals";
import { kernels } from "../../src/kernels/index.ts";
import { checkResult, generateTests } from "../../src/kernels/suite.ts";
import { compileLearnerCode, hashTests, perturbFirstNumber } from "./helpers/suite-guarantees.ts";

// Suite-level guarantees every registered kernel must keep.
const SEED = 20261129;

// Hash of each kernel's first three tests (mostly hand-written) and last three (drawn from the PRNG) for SEED.
const PINNED_HASHES: Record<string, string> = {
  // neural-network and linear-algebra kernels
  matmul: "a31c815432d0f1fdf93dbfe6789badacebc77429bc8418f2ed3dd13aa55502d9",
  linear_forward: "e037e46ce40d5dc8b9439f9f26bd350013286613de829fc90b0d3d4397792e07",
  mlp_forward: "7062afb4e8732b7895d41db3c5cba75212fd56e8be85ffcc4011a9075cf919cb",
  linear_backward: "9613468bcc215b6a84321ed13a6c7a3f7eb4ccaa88dc54ecf84ede57eee2ad12",
  softmax_cross_entropy: "2db70d93d1057fe20a1d841a8e205431750695da84e36f9422b105d60b3aabcf",
  conv2d: "c0ec64c74fd0128675bb9cf3d16195ee13569c2ecadcd1207c03e59f66eca02e",
  max_pool2d: "646aa9c30d7dcc83c734fffa325453ea374bbc20d4c54e11a95946f3465e1d6b",
  conv_classifier: "49a3c4fd054fa00a541c9a9e30f2d41e22b1ad2839d61b76bf74da42b35e2d28",
  rnn_forward: "948166eb3c9c59f763d0316d04f3d03e4b8d64a6c9b768370ba1f80065891b24",
  lu_decompose: "4f2a35c9d8532a9fbe557ca7851a136c8522701c41648964733333aff25dffdf",
  softmax: "39b9936f428d714af763cf94fe2bea632ace3ac35ca1f05789c9fe887d5c27f2",
  online_softmax: "02511f2df2ba4819a8150634401cf7b2d0b417273ccf5d163c11b94824f39ecd",
  layer_norm: "b2dc1e2334b4098c5f1956becaa03e3b2d6481942757d2c44895842e0f550934",
  scaled_dot_product_attention: "1adc397e825d18cf3a52444562a43c8e7b63b44d008a495ae47e07ed7fcc311e",
  saliency: "f574d93e88de6981b76cc234319521d4d34141307910e5d03e0abe8158d34e25",
  fgsm: "eaa433a8878fceb9bc174a7996c3e8e7031b1dec404bba0fb4a16c7ba07894be",
  finetune_head_step: "8d63eeb1665ba86e6966b3cbd83edc2672da78bc5a86a0fb9dfa1bc916f19e4a",
  // training, evaluation, compression and serving kernels
  ring_allreduce: "793171e72df83103e164587f4ccf4b8642f87a4cdcf32891cbd1ad005205fde0",
  early_stopping: "e80bcc92243c5402c09c3c3d7fb66b6d069e64f46c33699818c2d5b10b4c3715",
  l2_regularized_grad: "04e6cd41b358f78e76e1dff186867c4cf4f27fb7be98ad2e570e86d1b6bec9e1",
  lr_schedule: "bdd95a310272008d3fdb014830fd6b20cedf8df358d7f8e99e080e42a69a821e",
  classification_metrics: "7374485e975a1445baae10b62497d88edaf840bb7b500e0977377332a7d9290b",
  roc_auc: "a7c9cfa957a0b270348f7e2de5ff34442307543beb753bbfb3bc8cb54167b852",
  kfold_indices: "2cb5c430cff9ca81df17afbae44c46f94a972606be8b4dd48cf6281db6fd76bc",
  successive_halving: "90daf068de5777c22b0c7145736a80e51b7cd68efeb4f50290b3ec74be4e972c",
  class_weights: "286cb637c033cc44a3e714b89de0b85a8a67894e3d177cfbdbc3f7af6939456a",
  smote: "7e077bf34d60891321483d2facd5040ce91d1bba8b7c1f3b19a062b731894159",
  quantize_int8: "3264714538aae0d7ea52f84469584557bdafda26639632d664c9e1e76d96fe4a",
  magnitude_prune: "465cff782763e4bdb4965d51650a999a166887aa822ac62d56c81c09217ba42f",
  distillation_loss: "a3c001c784b9f30957cd7b9d17294f017c4cb9dfbf09f410fbdedd8eada8f732",
  dp_clip_and_noise: "7e3437c7f80a8bda84aa1408c90fd340d93082e6adcdf737c6d3afef39540244",
  dynamic_batching: "3a6c06fbd2a5d275230e6000abc92110db0e086d4cc80e59fa4766265e583590",
  two_proportion_ztest: "13f57a854c1065738ead62cc901a71f7546dbb4854d966b1e4d6b523dd33d9ff",
};
// Ranked by speed, so they carry performance tests; every other kernel is graded on correctness alone.
const PERFORMANCE_RANKED = new Set(["matmul", "conv2d", "scaled_dot_product_attention"]);

it("pins the tests of exactly the registered kernels", () => {
  expect([...kernels.keys()].sort()).toEqual(Object.keys(PINNED_HASHES).sort());
  for (const id of PERFORMANCE_RANKED) expect(kernels.has(id)).toBe(true);
});

describe.each([...kernels.entries()])("%s", (id, kernel) => {
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
