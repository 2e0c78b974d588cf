import { describe, expect, it } from "@jest/globals";
import { problemTests } from "../../src/kernels/problem-tests.ts";
import { checkResult, generateTests } from "../../src/kernels/suite.ts";
import { hiddenTestStates } from "../../src/lib/hidden-test-secret.ts";
import { kernels, problems } from "../../src/problems/registry.ts";
import { TEST_HIDDEN_STATES } from "../helpers/hidden-tests.ts";
import { compileLearnerCode, hashTests, PINNED_TEST_SEED, perturbFirstNumber } from "./helpers/suite-guarantees.ts";

// Suite-level guarantees every registered kernel must keep.
const SEED = PINNED_TEST_SEED;

// Ranked by speed, so they carry performance tests; every other kernel is graded on correctness alone.
const PERFORMANCE_RANKED = new Set(["matmul", "conv2d", "scaled-dot-product-attention"]);

it("ranks by speed at least the kernels whose editorials teach a faster method", () => {
  for (const id of PERFORMANCE_RANKED) expect(kernels.get(id)?.testCounts.performance).toBeGreaterThanOrEqual(1);
});

describe.each([...kernels.entries()])("%s", (id, kernel) => {
  const generate = (seed: number, hiddenStates = TEST_HIDDEN_STATES) =>
    generateTests(kernel, seed, kernel.testCounts, hiddenStates);
  const tests = generate(SEED);
  const wants = tests.map((test) => kernel.reference(...structuredClone(test.args)));

  it("has the declared tests: at least two samples and six hidden ones", () => {
    expect(kernel.id).toBe(id);
    expect(tests.length).toBe(kernel.testCounts.sample + kernel.testCounts.hidden + kernel.testCounts.performance);
    expect(kernel.testCounts.sample).toBeGreaterThanOrEqual(2);
    expect(kernel.testCounts.hidden).toBeGreaterThanOrEqual(6);
    expect(kernel.signature).toContain(`function ${kernel.functionName}(`);
  });

  it("generates the same tests for the same seed, and pins them by hash", () => {
    expect(hashTests(generate(SEED))).toBe(hashTests(tests));
    expect(hashTests([...tests.slice(0, 3), ...tests.slice(-3)])).toBe(problems.get(id)?.pinnedTestHash);
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

  // Only kernels ranked by speed have performance tests (no skipped test for the others).
  if (kernel.testCounts.performance > 0)
    it("gives every run of a performance test inputs of its own, and the reference's output for them", () => {
      // A performance test is run several times; on repeated inputs a program could answer the timed runs from
      // what it computed on the untimed warm-up (workers/runtimes/runtime.ts, argsOfRun).
      const problem = problemTests(kernel, SEED, kernel.testCounts, TEST_HIDDEN_STATES);
      for (const [index, test] of problem.tests.entries()) {
        if (test.kind !== "performance") {
          expect(() => problem.runOf(index, 1)).toThrow(/is run once/);
          continue;
        }
        const runs = [0, 1, 2].map((run) => problem.runOf(index, run));
        expect(runs[0]).toEqual({ args: test.args, expected: problem.expected[index] });
        expect(runs[1].args).not.toEqual(runs[0].args);
        expect(runs[2].args).not.toEqual(runs[0].args);
        expect(runs[2].args).not.toEqual(runs[1].args);
        expect(checkResult(kernel, kernel.reference(...structuredClone(runs[2].args)), runs[2].expected)).toEqual({
          ok: true,
        });
        // Made once: asking again returns the same run.
        expect(problem.runOf(index, 2)).toBe(runs[2]);
      }
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
