import { expect } from "@jest/globals";
import fc from "fast-check";

/** Central difference (f(x + h) − f(x − h)) / 2h, perturbing one entry of a copy of the input. */
export function centralDifference(
  f: (values: number[]) => number,
  values: readonly number[],
  index: number,
  h = 1e-6,
): number {
  const plus = values.slice();
  const minus = values.slice();
  plus[index] += h;
  minus[index] -= h;
  return (f(plus) - f(minus)) / (2 * h);
}

/** Every partial derivative of f at `values` matches `analytic` within a tolerance suited to central differences. */
export function expectGradientMatches(
  f: (values: number[]) => number,
  values: readonly number[],
  analytic: readonly number[],
): void {
  expect(analytic.length).toBe(values.length);
  for (let i = 0; i < values.length; i++) {
    const numeric = centralDifference(f, values, i);
    expect(Math.abs(numeric - analytic[i])).toBeLessThanOrEqual(1e-5 + 1e-4 * Math.abs(numeric));
  }
}

export const flat = (m: readonly (readonly number[])[]): number[] => m.flat();
export const reshape = (values: readonly number[], rows: number, cols: number): number[][] =>
  Array.from({ length: rows }, (_, r) => values.slice(r * cols, (r + 1) * cols));

/** Finite doubles in [−range, range] without NaN, ±0 noise or subnormals. */
export const smallFloat = (range = 2) =>
  fc.double({ min: -range, max: range, noNaN: true, noDefaultInfinity: true }).map((v) => (Math.abs(v) < 1e-6 ? 0 : v));

export const matrixArb = (rows: number, cols: number, range = 2) =>
  fc.array(fc.array(smallFloat(range), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
