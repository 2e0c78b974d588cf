import { matrix, requireInteger, requireVector } from "../../kernels/guards.ts";
import { roundHalfEven } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [w: number[][], groupSize: number, x: number[]];
export type Int4Quantized = { packed: number[][]; scales: number[][]; zeros: number[][]; y: number[] };

const clamp15 = (v: number) => Math.min(15, Math.max(0, v));

/**
 * W4A16 weight-only quantisation with GPTQ's asymmetric quantiser: per row and per group of `groupSize` input
 * columns the range [lo, hi] = [min(min w, 0), max(max w, 0)] always holds 0 (an all-zero group uses [−1, 1]),
 * scale = (hi − lo)/15, zero = round(−lo/scale) and q = clamp(round(w/scale) + zero, 0, 15), rounding half to even. Two 4-bit values share a byte, the even column in the low nibble. The GEMV
 * y = Ŵ·x uses the dequantised weights Ŵ = (q − zero)·scale with activations kept in full precision.
 */
function quantizeInt4Groupwise(w: number[][], groupSize: number, x: number[]): Int4Quantized {
  const columns = matrix(w, "w")[0].length;
  requireInteger(groupSize, "groupSize", 1);
  if (columns % 2 !== 0) throw new KernelInputError("w must have an even number of columns");
  if (columns % groupSize !== 0) throw new KernelInputError("groupSize must divide the number of columns");
  requireVector(x, "x", { length: columns });
  const groups = columns / groupSize;
  const packed: number[][] = [];
  const scales: number[][] = [];
  const zeros: number[][] = [];
  const y: number[] = [];
  for (const row of w) {
    const q: number[] = new Array(columns);
    const rowScales: number[] = [];
    const rowZeros: number[] = [];
    let dot = 0;
    for (let g = 0; g < groups; g++) {
      let lo = 0;
      let hi = 0;
      for (let c = g * groupSize; c < (g + 1) * groupSize; c++) {
        lo = Math.min(lo, row[c]);
        hi = Math.max(hi, row[c]);
      }
      if (lo === 0 && hi === 0) [lo, hi] = [-1, 1];
      const scale = (hi - lo) / 15;
      const zero = roundHalfEven(-lo / scale);
      rowScales.push(scale);
      rowZeros.push(zero);
      for (let c = g * groupSize; c < (g + 1) * groupSize; c++) {
        q[c] = clamp15(roundHalfEven(row[c] / scale) + zero);
        dot += (q[c] - zero) * scale * x[c];
      }
    }
    const bytes: number[] = [];
    for (let c = 0; c < columns; c += 2) bytes.push(q[c] | (q[c + 1] << 4));
    packed.push(bytes);
    scales.push(rowScales);
    zeros.push(rowZeros);
    y.push(dot);
  }
  return { packed, scales, zeros, y };
}

export const int4GroupwiseQuantKernel: KernelSpec<Args, Int4Quantized> = {
  id: "int4-groupwise-quant",
  functionName: "quantizeInt4Groupwise",
  signature:
    "function quantizeInt4Groupwise(w: number[][], groupSize: number, x: number[]): " +
    "{ packed: number[][]; scales: number[][]; zeros: number[][]; y: number[] }",
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 10, performance: 0 },
  reference: quantizeInt4Groupwise,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [-1, -0.5, 0, 0.5, 2, 2.5, 3, 3.5],
            [0.1, 0.2, 0.3, 0.4, -0.4, -0.3, -0.2, -0.1],
          ],
          4,
          [1, 1, 1, 1, 1, 1, 1, 1],
        ];
      return [rng.matrix(2, 8, -1, 1).map((r) => r.map((v) => Math.round(v * 100) / 100)), 4, rng.floats(8, -1, 1)];
    }
    switch (index) {
      case 0:
        return [[[0.7, 0.7, 0, 0]], 2, [1, 2, 3, 4]]; // a constant group (range [0, 0.7]) and an all-zero one ([−1, 1])
      case 1:
        return [[[1, 2, 3, 4, 5, 6]], 6, [0.5, -0.5, 1, -1, 2, -2]]; // all positive: the range starts at 0, zero = 0
      case 2:
        return [[[-6, -5, -4, -3, -2, -1]], 3, [1, 1, 1, 1, 1, 1]]; // all negative: the range ends at 0, zero = 15
      case 3:
        return [
          [
            [-1, 0, 1, 2],
            [0, 6.5, 15, 2.5],
          ],
          4,
          [1, -1, 2, 0.5],
        ]; // w/scale = 6.5 and 2.5: ties to even (6, 2)
      case 4: {
        // one outlier per row: a per-row scale would crush the other groups, groups of 32 contain the damage
        const rows = rng.matrix(4, 64, -0.05, 0.05);
        for (const row of rows) row[rng.int(0, 63)] = rng.pick([-1, 1]) * 4;
        return [rows, 32, rng.floats(64, -1, 1)];
      }
      default: {
        const groupSize = rng.pick([2, 4, 8, 16, 32]);
        const columns = groupSize * rng.int(1, 4) * (groupSize % 2 === 0 ? 1 : 2);
        return [rng.matrix(rng.int(1, 6), columns, -2, 2), groupSize, rng.floats(columns, -1, 1)];
      }
    }
  },
  starterCode: `function quantizeInt4Groupwise(w: number[][], groupSize: number, x: number[]) {
  // Per row and per group of groupSize columns: lo = min(min, 0), hi = max(max, 0) ([-1, 1] if both are 0),
  // scale = (hi - lo) / 15, zero = round(-lo / scale), q = clamp(round(w / scale) + zero, 0, 15), half to even.
  // packed[r][j] = q[r][2j] | (q[r][2j + 1] << 4); y = sum over columns of (q - zero) * scale * x.
  return { packed: [] as number[][], scales: [] as number[][], zeros: [] as number[][], y: w.map(() => 0) };
}
`,
  solutionCode: `function quantizeInt4Groupwise(w: number[][], groupSize: number, x: number[]) {
  const roundEven = (v: number): number => {
    const f = Math.floor(v);
    const d = v - f;
    return d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 === 0 ? f : f + 1;
  };
  const clamp = (v: number) => Math.min(15, Math.max(0, v));
  const packed: number[][] = [];
  const scales: number[][] = [];
  const zeros: number[][] = [];
  const y: number[] = [];
  for (const row of w) {
    const q: number[] = [];
    const rowScales: number[] = [];
    const rowZeros: number[] = [];
    let dot = 0;
    for (let start = 0; start < row.length; start += groupSize) {
      const group = row.slice(start, start + groupSize);
      let lo = Math.min(0, ...group);
      let hi = Math.max(0, ...group);
      if (lo === 0 && hi === 0) [lo, hi] = [-1, 1];
      const scale = (hi - lo) / 15;
      const zero = roundEven(-lo / scale);
      rowScales.push(scale);
      rowZeros.push(zero);
      group.forEach((v, i) => {
        const level = clamp(roundEven(v / scale) + zero);
        q.push(level);
        dot += (level - zero) * scale * x[start + i];
      });
    }
    const bytes: number[] = [];
    for (let c = 0; c < q.length; c += 2) bytes.push(q[c] | (q[c + 1] << 4));
    packed.push(bytes);
    scales.push(rowScales);
    zeros.push(rowZeros);
    y.push(dot);
  }
  return { packed, scales, zeros, y };
}
`,
};
