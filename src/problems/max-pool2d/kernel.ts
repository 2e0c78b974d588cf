import { matrix, requireInteger } from "../../kernels/guards.ts";
import { round2 } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [input: number[][][], kernelSize: number, stride: number];

/**
 * Max pooling over each channel of a C×H×W input, square window, no padding, windows that would run past the
 * edge are dropped (floor mode): out[c][y][x] = max of input[c][y·s .. y·s+k−1][x·s .. x·s+k−1].
 */
function maxPool2d(input: number[][][], kernelSize: number, stride: number): number[][][] {
  if (!Array.isArray(input) || input.length === 0) throw new KernelInputError("input must have at least one channel");
  const k = requireInteger(kernelSize, "kernelSize", 1);
  const s = requireInteger(stride, "stride", 1);
  const first = matrix(input[0], "input[0]");
  const H = first.length;
  const W = first[0].length;
  for (let c = 1; c < input.length; c++) matrix(input[c], `input[${c}]`, H, W);
  if (k > H || k > W) throw new KernelInputError(`kernelSize ${k} is larger than the ${H}×${W} input`);
  const outH = Math.floor((H - k) / s) + 1;
  const outW = Math.floor((W - k) / s) + 1;
  return input.map((channel) =>
    Array.from({ length: outH }, (_, y) =>
      Array.from({ length: outW }, (_, x) => {
        let best = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < k; i++) {
          const row = channel[y * s + i];
          for (let j = 0; j < k; j++) if (row[x * s + j] > best) best = row[x * s + j];
        }
        return best;
      }),
    ),
  );
}

export const maxPool2dKernel: KernelSpec<Args, number[][][]> = {
  id: "max-pool2d",
  functionName: "maxPool2d",
  signature: "function maxPool2d(input: number[][][], kernelSize: number, stride: number): number[][][]",
  tolerance: { atol: 0, rtol: 0 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: maxPool2d,
  generate(kind, index, rng) {
    const image = (c: number, h: number, w: number, lo = -5, hi = 5) =>
      Array.from({ length: c }, () => rng.matrix(h, w, lo, hi));
    if (kind === "sample") {
      if (index === 0)
        return [
          [
            [
              [1, 3, 2, 0],
              [4, 6, 5, 1],
              [7, 2, 9, 8],
              [0, 1, 3, 4],
            ],
          ],
          2,
          2,
        ];
      return [image(2, 5, 5).map((ch) => ch.map((row) => row.map(round2))), 3, 2];
    }
    switch (index) {
      case 0:
        return [[[[-2.5]]], 1, 1]; // 1×1 input and window
      case 1:
        return [image(1, 4, 4, -9, -1), 2, 2]; // all negative: the max is not 0
      case 2:
        return [
          [
            [
              [1, 1, 1],
              [1, 1, 1],
              [1, 1, 1],
            ],
          ],
          2,
          1,
        ]; // ties everywhere, overlapping windows
      case 3:
        return [image(1, 5, 7), 2, 3]; // stride larger than the window skips inputs; floor drops the last
      case 4:
        return [image(3, 6, 4), 4, 1]; // window as tall as the width
      default:
        return [image(rng.int(1, 4), rng.int(3, 12), rng.int(3, 12)), rng.int(1, 3), rng.int(1, 3)];
    }
  },
  starterCode: `function maxPool2d(input: number[][][], kernelSize: number, stride: number): number[][][] {
  // input is channels × height × width. For every channel, slide a kernelSize×kernelSize window with the given
  // stride (no padding; windows that would cross the border are dropped) and keep the maximum of each window.
  // outH = floor((height - kernelSize) / stride) + 1, outW likewise.
  return input.map(() => []);
}
`,
  solutionCode: `function maxPool2d(input: number[][][], kernelSize: number, stride: number): number[][][] {
  return input.map((channel) => {
    const out: number[][] = [];
    for (let top = 0; top + kernelSize <= channel.length; top += stride) {
      const row: number[] = [];
      for (let left = 0; left + kernelSize <= channel[0].length; left += stride) {
        const window: number[] = [];
        for (let i = 0; i < kernelSize; i++) window.push(...channel[top + i].slice(left, left + kernelSize));
        row.push(Math.max(...window));
      }
      out.push(row);
    }
    return out;
  });
}
`,
};
