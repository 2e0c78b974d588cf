import type { WrongSolution } from "../../kernels/wrong-solutions.ts";

/** The editorial's naive method: correct, but its inner loop reads b with stride m (a cache miss per step). */
export const naive: WrongSolution = {
  why: "the textbook i-j-p loop: the inner loop walks a column of b, stride m",
  code: `function matmul(a: Float64Array, b: Float64Array, n: number, k: number, m: number): Float64Array {
  const c = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      let sum = 0;
      for (let p = 0; p < k; p++) sum += a[i * k + p] * b[p * m + j];
      c[i * m + j] = sum;
    }
  }
  return c;
}
`,
};
