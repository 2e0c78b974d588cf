import type { WrongSolution } from "../../kernels/wrong-solutions.ts";

/** The editorial's naive method: seven nested loops, a bounds check and a full flat index in the innermost one. */
export const naive: WrongSolution = {
  why: "seven nested loops with a bounds check and a full flat-index computation per multiply-add",
  code: `type Conv2dDims = {
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
  for (let n = 0; n < batch; n++)
    for (let o = 0; o < outChannels; o++)
      for (let y = 0; y < outH; y++)
        for (let x = 0; x < outW; x++) {
          let sum = bias[o];
          for (let c = 0; c < inChannels; c++)
            for (let i = 0; i < kernelH; i++)
              for (let j = 0; j < kernelW; j++) {
                const inY = y * stride + i - padding;
                const inX = x * stride + j - padding;
                if (inY < 0 || inY >= height || inX < 0 || inX >= width) continue;
                sum +=
                  weight[((o * inChannels + c) * kernelH + i) * kernelW + j] *
                  input[((n * inChannels + c) * height + inY) * width + inX];
              }
          out[((n * outChannels + o) * outH + y) * outW + x] = sum;
        }
  return out;
}
`,
};
