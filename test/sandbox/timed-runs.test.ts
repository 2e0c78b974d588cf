// When a performance test has been timed enough (workers/sandbox/timed-runs.ts): the rule both runtimes apply.
import { describe, expect, it } from "@jest/globals";
import { spreadOf, TIMED_RUNS, timedEnough } from "../../workers/sandbox/timed-runs.ts";

describe("timedEnough", () => {
  it("never stops on fewer than two timed runs, however long they took", () => {
    expect(timedEnough([])).toBe(false);
    expect(timedEnough([500])).toBe(false);
  });

  it("stops short runs once the fastest is reproduced by the second fastest, after three", () => {
    expect(timedEnough([0.38, 0.39])).toBe(false); // reproduced, but a plateau before optimisation may look so
    expect(timedEnough([0.38, 0.53, 0.39])).toBe(true);
    expect(timedEnough([0.38, 0.53, 0.6])).toBe(false); // 0.53 is 39 % over the fastest
    expect(timedEnough([0.38, 0.53, 0.6, 0.4])).toBe(true);
  });

  it("stops long runs once two of them used the budget, when the judge can use them", () => {
    const half = TIMED_RUNS.budgetMs / 2;
    expect(timedEnough([half, half])).toBe(true);
    expect(timedEnough([half, half * 1.4])).toBe(true); // not reproduced within 10 %, but within the judge's bar
    expect(timedEnough([half, half * 1.6])).toBe(false); // a busy moment: more runs may find two that agree
    expect(timedEnough([half, half * 1.6, half * 1.2])).toBe(true);
    expect(timedEnough([half - 1, half - 1])).toBe(false);
    expect(timedEnough([half - 1, half - 1, half - 1])).toBe(true);
  });
});

describe("timedEnough, asked before a run (Python's child must be told which run is the last)", () => {
  it("says so once the runs so far are enough: that run only brings the value", () => {
    expect(timedEnough([])).toBe(false); // after the warm-up
    expect(timedEnough([30])).toBe(false); // one timed run proves nothing about the next
    expect(timedEnough([30, 33])).toBe(true); // numpy's 256³: warm-up, two timed runs, the value
    expect(timedEnough([9, 30])).toBe(false); // too far apart for a ratio: time again
    expect(timedEnough([0.4, 0.41])).toBe(false); // short runs stop only once reproduced after three
    expect(timedEnough([0.4, 0.5, 0.41])).toBe(true);
  });
});

describe("spreadOf", () => {
  it("is the second fastest over the fastest, null for fewer than two runs", () => {
    expect(spreadOf(undefined)).toBeNull();
    expect(spreadOf([3])).toBeNull();
    expect(spreadOf([4, 2, 3])).toBe(1.5);
  });
});
