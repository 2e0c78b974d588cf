import { float64, requireInteger } from "../../kernels/guards.ts";
import { round2 } from "../../kernels/numeric.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";
import { matmulBlocked } from "../matmul/kernel.ts";

export type Conv2dDims = {
  batch: number;
  inChannels: number;
  height: number;
  width: number;
  outChannels: number;
  kernelH: number;
  kernelW: number;
  stride: number;
  padding: number;
};
type Args = [input: Float64Array, weight: Float64Array, bias: Float64Array, dims: Conv2dDims];

/** Validates the sizes and returns the output height and width. */
export function conv2dOutputSize(dims: Conv2dDims): [number, number] {
  if (typeof dims !== "object" || dims === null) throw new KernelInputError("dims must be an object of sizes");
  for (const key of [
    "batch",
    "inChannels",
    "height",
    "width",
    "outChannels",
    "kernelH",
    "kernelW",
    "stride",
  ] as const) {
    requireInteger(dims[key], `dims.${key}`, 1);
  }
  requireInteger(dims.padding, "dims.padding", 0);
  const outH = Math.floor((dims.height + 2 * dims.padding - dims.kernelH) / dims.stride) + 1;
  const outW = Math.floor((dims.width + 2 * dims.padding - dims.kernelW) / dims.stride) + 1;
  if (outH < 1 || outW < 1) {
    throw new KernelInputError(
      `the ${dims.kernelH}×${dims.kernelW} kernel does not fit the padded ${dims.height}×${dims.width} input`,
    );
  }
  return [outH, outW];
}

function checkArgs(input: Float64Array, weight: Float64Array, bias: Float64Array, d: Conv2dDims): [number, number] {
  const size = conv2dOutputSize(d);
  float64(input, "input", d.batch * d.inChannels * d.height * d.width);
  float64(weight, "weight", d.outChannels * d.inChannels * d.kernelH * d.kernelW);
  float64(bias, "bias", d.outChannels);
  return size;
}

/**
 * Multi-channel 2-D cross-correlation with stride and zero padding, NCHW layout:
 * out[n][o][y][x] = bias[o] + Σ_{c,i,j} weight[o][c][i][j] · in[n][c][y·s + i − p][x·s + j − p].
 * Loop order: for each (n, o, c, i, j) one weight is broadcast along whole output rows, so the innermost loop
 * is a unit-stride (stride-s on the input) axpy over a row; padding is handled by clipping the x range once
 * per row instead of testing every tap.
 */
export function conv2d(input: Float64Array, weight: Float64Array, bias: Float64Array, dims: Conv2dDims): Float64Array {
  const [outH, outW] = checkArgs(input, weight, bias, dims);
  const {
    batch,
    inChannels: C,
    height: H,
    width: W,
    outChannels: O,
    kernelH: KH,
    kernelW: KW,
    stride: s,
    padding: p,
  } = dims;
  const out = new Float64Array(batch * O * outH * outW);
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < O; o++) {
      const outBase = (n * O + o) * outH * outW;
      out.fill(bias[o], outBase, outBase + outH * outW);
      for (let c = 0; c < C; c++) {
        const inBase = (n * C + c) * H * W;
        const wBase = (o * C + c) * KH * KW;
        for (let i = 0; i < KH; i++) {
          for (let j = 0; j < KW; j++) {
            const w = weight[wBase + i * KW + j];
            if (w === 0) continue;
            // output columns x whose input column x·s + j − p lies inside [0, W)
            const xStart = Math.max(0, Math.ceil((p - j) / s));
            const xEnd = Math.min(outW, Math.floor((W - 1 + p - j) / s) + 1);
            if (xStart >= xEnd) continue;
            for (let y = 0; y < outH; y++) {
              const row = y * s + i - p;
              if (row < 0 || row >= H) continue;
              const outRow = outBase + y * outW;
              const inRow = inBase + row * W + j - p;
              for (let x = xStart; x < xEnd; x++) out[outRow + x] += w * input[inRow + x * s];
            }
          }
        }
      }
    }
  }
  return out;
}

/** The definition read literally: one bounds-checked sum per output element (a second implementation). */
export function conv2dDirect(
  input: Float64Array,
  weight: Float64Array,
  bias: Float64Array,
  dims: Conv2dDims,
): Float64Array {
  const [outH, outW] = checkArgs(input, weight, bias, dims);
  const {
    batch,
    inChannels: C,
    height: H,
    width: W,
    outChannels: O,
    kernelH: KH,
    kernelW: KW,
    stride: s,
    padding: p,
  } = dims;
  const out = new Float64Array(batch * O * outH * outW);
  for (let n = 0; n < batch; n++)
    for (let o = 0; o < O; o++)
      for (let y = 0; y < outH; y++)
        for (let x = 0; x < outW; x++) {
          let sum = bias[o];
          for (let c = 0; c < C; c++)
            for (let i = 0; i < KH; i++)
              for (let j = 0; j < KW; j++) {
                const row = y * s + i - p;
                const col = x * s + j - p;
                if (row >= 0 && row < H && col >= 0 && col < W) {
                  sum += weight[((o * C + c) * KH + i) * KW + j] * input[((n * C + c) * H + row) * W + col];
                }
              }
          out[((n * O + o) * outH + y) * outW + x] = sum;
        }
  return out;
}

/** im2col + one matrix product per image: weight (O × C·KH·KW) · columns (C·KH·KW × outH·outW). */
export function conv2dIm2col(
  input: Float64Array,
  weight: Float64Array,
  bias: Float64Array,
  dims: Conv2dDims,
): Float64Array {
  const [outH, outW] = checkArgs(input, weight, bias, dims);
  const {
    batch,
    inChannels: C,
    height: H,
    width: W,
    outChannels: O,
    kernelH: KH,
    kernelW: KW,
    stride: s,
    padding: p,
  } = dims;
  const patch = C * KH * KW;
  const pixels = outH * outW;
  const columns = new Float64Array(patch * pixels);
  const out = new Float64Array(batch * O * pixels);
  for (let n = 0; n < batch; n++) {
    columns.fill(0);
    for (let c = 0; c < C; c++)
      for (let i = 0; i < KH; i++)
        for (let j = 0; j < KW; j++) {
          const r = (c * KH + i) * KW + j;
          for (let y = 0; y < outH; y++)
            for (let x = 0; x < outW; x++) {
              const row = y * s + i - p;
              const col = x * s + j - p;
              if (row >= 0 && row < H && col >= 0 && col < W) {
                columns[r * pixels + y * outW + x] = input[((n * C + c) * H + row) * W + col];
              }
            }
        }
    const product = matmulBlocked(weight, columns, O, patch, pixels);
    for (let o = 0; o < O; o++)
      for (let q = 0; q < pixels; q++) out[(n * O + o) * pixels + q] = product[o * pixels + q] + bias[o];
  }
  return out;
}

function randomCase(rng: Rng, dims: Conv2dDims): Args {
  return [
    rng.float64Array(dims.batch * dims.inChannels * dims.height * dims.width),
    rng.float64Array(dims.outChannels * dims.inChannels * dims.kernelH * dims.kernelW),
    rng.float64Array(dims.outChannels, -0.5, 0.5),
    dims,
  ];
}

function dimsOf(
  batch: number,
  inChannels: number,
  height: number,
  width: number,
  outChannels: number,
  kernel: [number, number],
  stride: number,
  padding: number,
): Conv2dDims {
  return { batch, inChannels, height, width, outChannels, kernelH: kernel[0], kernelW: kernel[1], stride, padding };
}

export const conv2dKernel: KernelSpec<Args, Float64Array> = {
  id: "conv2d",
  functionName: "conv2d",
  signature:
    "function conv2d(input: Float64Array, weight: Float64Array, bias: Float64Array, dims: { batch: number; inChannels: number; height: number; width: number; outChannels: number; kernelH: number; kernelW: number; stride: number; padding: number }): Float64Array",
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 9, performance: 1 },
  reference: conv2d,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) {
        // one 3×3 image, one 2×2 filter, stride 1, no padding → a 2×2 output
        return [
          Float64Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9),
          Float64Array.of(1, 0, 0, -1),
          Float64Array.of(0.5),
          dimsOf(1, 1, 3, 3, 1, [2, 2], 1, 0),
        ];
      }
      const dims = dimsOf(1, 2, 4, 4, 2, [3, 3], 2, 1);
      const [input, weight] = randomCase(rng, dims);
      return [input.map(round2), weight.map(round2), Float64Array.of(0, 1), dims];
    }
    if (kind === "performance") return randomCase(rng, dimsOf(1, 8, 32, 32, 16, [3, 3], 1, 1));
    switch (index) {
      case 0:
        return randomCase(rng, dimsOf(1, 1, 1, 1, 1, [1, 1], 1, 0)); // every size 1
      case 1:
        return randomCase(rng, dimsOf(2, 3, 5, 5, 4, [1, 1], 1, 0)); // a 1×1 convolution mixes channels only
      case 2:
        return randomCase(rng, dimsOf(1, 2, 3, 3, 1, [3, 3], 1, 2)); // padding larger than half the kernel
      case 3:
        return randomCase(rng, dimsOf(1, 1, 7, 6, 2, [3, 2], 3, 1)); // stride 3, rectangular kernel and image
      case 4:
        return randomCase(rng, dimsOf(1, 1, 2, 8, 1, [2, 5], 2, 0)); // stride that leaves columns unused
      case 5: {
        const dims = dimsOf(1, 2, 4, 4, 2, [2, 2], 1, 1);
        const [input] = randomCase(rng, dims);
        return [input, new Float64Array(16), Float64Array.of(-1, 2), dims]; // zero weights: output = bias
      }
      default: {
        const kernel: [number, number] = [rng.int(1, 4), rng.int(1, 4)];
        const padding = rng.int(0, 2);
        const dims = dimsOf(
          rng.int(1, 2),
          rng.int(1, 3),
          rng.int(Math.max(1, kernel[0] - 2 * padding), 10),
          rng.int(Math.max(1, kernel[1] - 2 * padding), 10),
          rng.int(1, 4),
          kernel,
          rng.int(1, 3),
          padding,
        );
        return randomCase(rng, dims);
      }
    }
  },
  starterCode: `type Conv2dDims = {
  batch: number;
  inChannels: number;
  height: number;
  width: number;
  outChannels: number;
  kernelH: number;
  kernelW: number;
  stride: number;
  padding: number;
};

function conv2d(input: Float64Array, weight: Float64Array, bias: Float64Array, dims: Conv2dDims): Float64Array {
  // input: [batch][inChannels][height][width]; weight: [outChannels][inChannels][kernelH][kernelW]; row-major.
  // outH = floor((height + 2*padding - kernelH) / stride) + 1, outW likewise; positions outside the input read 0.
  // out[n][o][y][x] = bias[o] + Σ_c Σ_i Σ_j weight[o][c][i][j] * input[n][c][y*stride + i - padding][x*stride + j - padding]
  const outH = Math.floor((dims.height + 2 * dims.padding - dims.kernelH) / dims.stride) + 1;
  const outW = Math.floor((dims.width + 2 * dims.padding - dims.kernelW) / dims.stride) + 1;
  return new Float64Array(dims.batch * dims.outChannels * outH * outW);
}
`,
  solutionCode: `type Conv2dDims = {
  batch: number;
  inChannels: number;
  height: number;
  width: number;
  outChannels: number;
  kernelH: number;
  kernelW: number;
  stride: number;
  padding: number;
};

function conv2d(input: Float64Array, weight: Float64Array, bias: Float64Array, dims: Conv2dDims): Float64Array {
  const { batch, inChannels, height, width, outChannels, kernelH, kernelW, stride, padding } = dims;
  const outH = Math.floor((height + 2 * padding - kernelH) / stride) + 1;
  const outW = Math.floor((width + 2 * padding - kernelW) / stride) + 1;
  const out = new Float64Array(batch * outChannels * outH * outW);
  // For every output row, add each kernel tap times a strided slice of one input row.
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < outChannels; o++) {
      for (let y = 0; y < outH; y++) {
        const rowStart = ((n * outChannels + o) * outH + y) * outW;
        for (let x = 0; x < outW; x++) out[rowStart + x] = bias[o];
        for (let c = 0; c < inChannels; c++) {
          for (let i = 0; i < kernelH; i++) {
            const inY = y * stride + i - padding;
            if (inY < 0 || inY >= height) continue;
            const inRow = ((n * inChannels + c) * height + inY) * width;
            for (let j = 0; j < kernelW; j++) {
              const w = weight[((o * inChannels + c) * kernelH + i) * kernelW + j];
              // first and last x whose input column x*stride + j - padding is inside the row
              let first = 0;
              while (first < outW && first * stride + j - padding < 0) first++;
              let last = outW - 1;
              while (last >= first && last * stride + j - padding >= width) last--;
              for (let x = first; x <= last; x++) out[rowStart + x] += w * input[inRow + x * stride + j - padding];
            }
          }
        }
      }
    }
  }
  return out;
}
`,
};
