// compareValues: a typed array of expected numbers takes a loop of its own (compareNumbers); it must judge and
// word every result exactly as the general path does for the same numbers in a plain array.
import { describe, expect, it } from "@jest/globals";
import { compareValues } from "../../src/kernels/compare.ts";

const tolerance = { atol: 1e-9, rtol: 1e-9 };

describe("compareValues on arrays of numbers", () => {
  const want = [1, -2.5, Number.NaN, Number.POSITIVE_INFINITY, 0];
  const answers: [string, unknown][] = [
    ["the same numbers", [1, -2.5, Number.NaN, Number.POSITIVE_INFINITY, 0]],
    ["the same in a Float64Array", Float64Array.of(1, -2.5, Number.NaN, Number.POSITIVE_INFINITY, -0)],
    ["within tolerance", [1 + 1e-10, -2.5, Number.NaN, Number.POSITIVE_INFINITY, 1e-10]],
    ["one number off", [1, -2.4, Number.NaN, Number.POSITIVE_INFINITY, 0]],
    ["a number where NaN is expected", [1, -2.5, 3, Number.POSITIVE_INFINITY, 0]],
    ["NaN where a number is expected", Float64Array.of(Number.NaN, -2.5, Number.NaN, Number.POSITIVE_INFINITY, 0)],
    ["-Infinity for Infinity", [1, -2.5, Number.NaN, Number.NEGATIVE_INFINITY, 0]],
    ["a string among the numbers", [1, "-2.5", Number.NaN, Number.POSITIVE_INFINITY, 0]],
    ["a nested array among the numbers", [1, [-2.5], Number.NaN, Number.POSITIVE_INFINITY, 0]],
    ["a shorter array", [1, -2.5]],
    ["not an array", 7],
    ["an Int32Array", Int32Array.of(1, -2, 0, 0, 0)],
  ];

  it.each(answers)("judges %s alike whether the expected numbers are a Float64Array or a plain array", (_name, got) => {
    const typed = compareValues(got, Float64Array.from(want), tolerance);
    expect(typed).toEqual(compareValues(got, want, tolerance));
  });

  it("names the first element that differs", () => {
    expect(compareValues({ c: [1, 2, 4] }, { c: Float64Array.of(1, 2, 3) }, tolerance)).toEqual({
      ok: false,
      message: "at .c[2]: got 4, want 3",
    });
    expect(compareValues([1, "x"], Float64Array.of(1, 2), tolerance)).toEqual({
      ok: false,
      message: 'at [1]: got "x", want 2',
    });
  });

  it("compares exactly when asked", () => {
    expect(compareValues([1 + 1e-12], Float64Array.of(1), { ...tolerance, exact: true }).ok).toBe(false);
    expect(compareValues([1 + 1e-12], Float64Array.of(1), tolerance).ok).toBe(true);
  });
});
