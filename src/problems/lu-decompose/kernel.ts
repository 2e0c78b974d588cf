import { compareValues } from "../../kernels/compare.ts";
import { matrix } from "../../kernels/guards.ts";
import type { CheckResult, KernelSpec, Tolerance } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [A: number[][]];
export type LuResult = { P: number[][]; L: number[][]; U: number[][] };

/**
 * LU decomposition with partial pivoting: P·A = L·U, L unit lower-triangular, U upper-triangular, P a permutation
 * matrix. At step k the pivot is the row (from k down) with the largest |value| in column k, the topmost on ties.
 * A column that is already zero from k down is skipped (singular A): nothing to eliminate, L keeps zeros there.
 */
export function luDecompose(A: number[][]): LuResult {
  const n = matrix(A, "A").length;
  if (A[0].length !== n) throw new KernelInputError(`A must be square, got ${n}×${A[0].length}`);
  const U = A.map((row) => row.slice());
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  const order = Array.from({ length: n }, (_, i) => i);
  for (let k = 0; k < n; k++) {
    let pivot = k;
    for (let r = k + 1; r < n; r++) if (Math.abs(U[r][k]) > Math.abs(U[pivot][k])) pivot = r;
    if (pivot !== k) {
      [U[k], U[pivot]] = [U[pivot], U[k]];
      [L[k], L[pivot]] = [L[pivot], L[k]];
      [order[k], order[pivot]] = [order[pivot], order[k]];
    }
    if (U[k][k] === 0) continue;
    for (let r = k + 1; r < n; r++) {
      const factor = U[r][k] / U[k][k];
      L[r][k] = factor;
      U[r][k] = 0;
      if (factor === 0) continue;
      for (let c = k + 1; c < n; c++) U[r][c] -= factor * U[k][c];
    }
  }
  for (let i = 0; i < n; i++) L[i][i] = 1;
  const P = order.map((source) => Array.from({ length: n }, (_, c) => (c === source ? 1 : 0)));
  return { P, L, U };
}

function multiply(a: number[][], b: number[][]): number[][] {
  return a.map((row) => b[0].map((_, j) => row.reduce((acc, v, p) => acc + v * b[p][j], 0)));
}

function isSquare(value: unknown, n: number): value is number[][] {
  return (
    Array.isArray(value) &&
    value.length === n &&
    value.every((row) => Array.isArray(row) && row.length === n && row.every((v) => typeof v === "number"))
  );
}

/**
 * Accepts any valid partial-pivoting factorisation of the same A when it differs from the reference (pivot ties can
 * be broken either way): P a permutation matrix, L unit lower with |L| ≤ 1, U upper, P·A = L·U within tolerance.
 */
function validAlternative(got: Record<string, unknown>, want: LuResult, tolerance: Tolerance): boolean {
  const n = want.P.length;
  const { P, L, U } = got;
  if (!isSquare(P, n) || !isSquare(L, n) || !isSquare(U, n)) return false;
  const isPermutation =
    P.every((row) => row.every((v) => v === 0 || v === 1) && row.reduce((a: number, v) => a + v, 0) === 1) &&
    P[0].every((_, c) => P.reduce((a, row) => a + row[c], 0) === 1);
  if (!isPermutation) return false;
  const A = multiply(
    want.P[0].map((_, c) => want.P.map((row) => row[c])),
    multiply(want.L, want.U),
  );
  const scale = Math.max(1, ...A.flat().map((v) => Math.abs(v)));
  const tiny = tolerance.atol * scale;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (j > i && Math.abs(L[i][j]) > tolerance.atol) return false;
      if (j === i && Math.abs(L[i][j] - 1) > tolerance.atol) return false;
      if (j < i && (!(Math.abs(L[i][j]) <= 1 + tolerance.rtol) || Math.abs(U[i][j]) > tiny)) return false;
    }
  }
  return compareValues(multiply(L, U), multiply(P, A), { atol: tiny, rtol: tolerance.rtol }).ok;
}

/** P is compared exactly (its entries are 0 or 1), L and U within tolerance. */
function compareWithReference(got: unknown, want: LuResult, tolerance: Tolerance): CheckResult {
  const close = compareValues(got, want, tolerance);
  if (!close.ok) return close;
  const permutation = compareValues((got as LuResult).P, want.P, { ...tolerance, exact: true });
  return permutation.ok ? permutation : { ok: false, message: `P: ${permutation.message}` };
}

function checkLu(got: unknown, want: LuResult, tolerance: Tolerance): CheckResult {
  const direct = compareWithReference(got, want, tolerance);
  if (direct.ok || typeof got !== "object" || got === null) return direct;
  return validAlternative(got as Record<string, unknown>, want, tolerance) ? { ok: true } : direct;
}

export const luDecomposeKernel: KernelSpec<Args, LuResult> = {
  id: "lu-decompose",
  functionName: "luDecompose",
  signature: "function luDecompose(A: number[][]): { P: number[][]; L: number[][]; U: number[][] }",
  tolerance: { atol: 1e-9, rtol: 1e-7 },
  testCounts: { sample: 2, hidden: 9, performance: 0 },
  reference: luDecompose,
  check: checkLu,
  generate(kind, index, rng) {
    const integers = (n: number) => Array.from({ length: n }, () => Array.from({ length: n }, () => rng.int(-5, 5)));
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [1, 2],
            [3, 4],
          ],
        ];
      return [
        [
          [2, 1, 1],
          [4, -6, 0],
          [-2, 7, 2],
        ],
      ];
    }
    switch (index) {
      case 0:
        return [[[-4.5]]]; // 1×1
      case 1:
        return [
          [
            [1, 0, 0],
            [0, 1, 0],
            [0, 0, 1],
          ],
        ]; // identity: no swaps
      case 2:
        return [
          [
            [0, 1],
            [1, 0],
          ],
        ]; // zero on the diagonal: a swap is required
      case 3:
        return [
          [
            [1, 2, 3],
            [2, 4, 6],
            [1, 1, 1],
          ],
        ]; // singular: a zero column appears mid-way
      case 4:
        return [
          [
            [0, 2, 1],
            [0, 3, 4],
            [0, -1, 5],
          ],
        ]; // first column all zero: skipped
      case 5:
        return [
          [
            [1, 4],
            [-1, 2],
          ],
        ]; // |pivot| tie: the topmost row stays
      case 6:
        return [integers(6)];
      default: {
        const n = rng.int(2, 12);
        return [rng.matrix(n, n, -10, 10)];
      }
    }
  },
  starterCode: `function luDecompose(A: number[][]): { P: number[][]; L: number[][]; U: number[][] } {
  // Factor the square matrix A as P·A = L·U with partial pivoting:
  // at column k pick the row (k or below) with the largest |value| (topmost on ties) and swap it up,
  // then eliminate below the pivot. If the column is already all zero from k down, skip that step.
  // L is unit lower-triangular, U upper-triangular, P a permutation matrix (rows of the identity).
  const n = A.length;
  const identity = () => A.map((_, i) => A.map((__, j) => (i === j ? 1 : 0)));
  return { P: identity(), L: identity(), U: A.map(() => new Array(n).fill(0)) };
}
`,
  solutionCode: `function luDecompose(A: number[][]): { P: number[][]; L: number[][]; U: number[][] } {
  const n = A.length;
  const U = A.map((row) => [...row]);
  const L: number[][] = A.map(() => new Array(n).fill(0));
  const perm = A.map((_, i) => i);
  for (let k = 0; k < n; k++) {
    let best = k;
    for (let r = k + 1; r < n; r++) if (Math.abs(U[r][k]) > Math.abs(U[best][k])) best = r;
    for (const M of [U, L]) {
      const row = M[k];
      M[k] = M[best];
      M[best] = row;
    }
    const p = perm[k];
    perm[k] = perm[best];
    perm[best] = p;
    if (U[k][k] === 0) continue;
    for (let r = k + 1; r < n; r++) {
      const f = U[r][k] / U[k][k];
      L[r][k] = f;
      for (let c = k; c < n; c++) U[r][c] -= f * U[k][c];
      U[r][k] = 0;
    }
  }
  for (let i = 0; i < n; i++) L[i][i] = 1;
  return { P: perm.map((src) => A.map((_, c) => (c === src ? 1 : 0))), L, U };
}
`,
};
