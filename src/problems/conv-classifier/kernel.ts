import { matrix, requireInteger, requireVector } from "../../kernels/guards.ts";
import { roundedMatrix, softmaxRow } from "../../kernels/numeric.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [
  images: number[][][],
  filters: number[][][],
  convBias: number[],
  poolSize: number,
  denseW: number[][],
  denseB: number[],
];

/** Sizes of the pipeline's stages, checked against every argument. */
type Shapes = { kernelH: number; kernelW: number; pooledH: number; pooledW: number };

/** Matrices of one shape: images (or filters) must all be height×width. */
function sameShapeMatrices(value: unknown, name: string): number[][][] {
  if (!Array.isArray(value) || value.length === 0) throw new KernelInputError(`${name} must be a non-empty array`);
  const first = matrix(value[0], `${name}[0]`);
  for (let i = 1; i < value.length; i++) matrix(value[i], `${name}[${i}]`, first.length, first[0].length);
  return value as number[][][];
}

function checkShapes(...[images, filters, convBias, poolSize, denseW, denseB]: Args): Shapes {
  sameShapeMatrices(images, "images");
  sameShapeMatrices(filters, "filters");
  requireVector(convBias, "convBias", { length: filters.length });
  requireInteger(poolSize, "poolSize", 1);
  const height = images[0].length;
  const width = images[0][0].length;
  const kernelH = filters[0].length;
  const kernelW = filters[0][0].length;
  if (kernelH > height || kernelW > width) {
    throw new KernelInputError(`the ${kernelH}×${kernelW} filters do not fit the ${height}×${width} images`);
  }
  const convH = height - kernelH + 1;
  const convW = width - kernelW + 1;
  if (poolSize > convH || poolSize > convW) {
    throw new KernelInputError(`poolSize ${poolSize} is larger than the ${convH}×${convW} feature maps`);
  }
  const pooledH = Math.floor(convH / poolSize);
  const pooledW = Math.floor(convW / poolSize);
  const features = filters.length * pooledH * pooledW;
  const classes = matrix(denseW, "denseW", features)[0].length;
  requireVector(denseB, "denseB", { length: classes });
  return { kernelH, kernelW, pooledH, pooledW };
}

/**
 * A small convolutional classifier, the classification the source article's convolution exercise asks for. Per
 * image: every filter is cross-correlated with it (stride 1, no padding, not flipped) and gets its bias; ReLU;
 * non-overlapping poolSize×poolSize max pooling (stride poolSize, a partial window at the edge is dropped); the
 * pooled maps are flattened filter by filter, row by row (f, y, x); a dense layer gives the class logits
 * (flat·denseW + denseB); a stable softmax turns them into probabilities. Returns N × classes.
 */
export function convClassifier(...args: Args): number[][] {
  return convClassifierLogits(...args).map(softmaxRow);
}

/** The network of convClassifier without its softmax: the class logits of every image (N × classes). */
export function convClassifierLogits(...args: Args): number[][] {
  const { kernelH, kernelW, pooledH, pooledW } = checkShapes(...args);
  const [images, filters, convBias, poolSize, denseW, denseB] = args;
  return images.map((image) => {
    const flat: number[] = [];
    filters.forEach((filter, f) => {
      for (let py = 0; py < pooledH; py++) {
        for (let px = 0; px < pooledW; px++) {
          // max over the window of ReLU(conv) = ReLU(max over the window of conv): ReLU is monotone
          let best = Number.NEGATIVE_INFINITY;
          for (let wy = 0; wy < poolSize; wy++) {
            for (let wx = 0; wx < poolSize; wx++) {
              const y = py * poolSize + wy;
              const x = px * poolSize + wx;
              let sum = convBias[f];
              for (let i = 0; i < kernelH; i++)
                for (let j = 0; j < kernelW; j++) sum += filter[i][j] * image[y + i][x + j];
              if (sum > best) best = sum;
            }
          }
          flat.push(Math.max(best, 0));
        }
      }
    });
    return denseB.map((bias, c) => flat.reduce((acc, v, p) => acc + v * denseW[p][c], bias));
  });
}

type Sizes = {
  batch: number;
  height: number;
  width: number;
  filters: number;
  kernel: [number, number];
  pool: number;
  classes: number;
};

function randomCase(rng: Rng, s: Sizes, logitScale = 1): Args {
  const pooled = Math.floor((s.height - s.kernel[0] + 1) / s.pool) * Math.floor((s.width - s.kernel[1] + 1) / s.pool);
  return [
    Array.from({ length: s.batch }, () => rng.matrix(s.height, s.width, 0, 1)),
    Array.from({ length: s.filters }, () => rng.matrix(s.kernel[0], s.kernel[1])),
    rng.floats(s.filters, -0.2, 0.2),
    s.pool,
    rng.matrix(s.filters * pooled, s.classes, -logitScale, logitScale),
    rng.floats(s.classes, -0.5, 0.5),
  ];
}

/** Fixed pixel values from a formula, so a hand-written case needs no random draw. */
function patternImage(height: number, width: number, phase: number): number[][] {
  return Array.from({ length: height }, (_, y) =>
    Array.from({ length: width }, (_, x) => ((3 * y + 5 * x + phase) % 7) / 7),
  );
}

export const convClassifierKernel: KernelSpec<Args, number[][]> = {
  id: "conv-classifier",
  functionName: "convClassifier",
  signature:
    "function convClassifier(images: number[][][], filters: number[][][], convBias: number[], poolSize: number, denseW: number[][], denseB: number[]): number[][]",
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 10, performance: 0 },
  reference: convClassifier,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) {
        // one 5×5 image, one 2×2 filter: a 4×4 feature map, pooled 2×2 to 2×2, four features, three classes
        return [
          [
            [
              [0, 1, 2, 1, 0],
              [1, 3, 1, 0, 0],
              [0, 1, 0, 2, 4],
              [2, 0, 1, 3, 1],
              [1, 1, 0, 0, 2],
            ],
          ],
          [
            [
              [1, 0],
              [0, -1],
            ],
          ],
          [0],
          2,
          [
            [1, 0, -1],
            [0, 1, 0],
            [0.5, 0, 0],
            [0, -1, 1],
          ],
          [0, 0, 0.5],
        ];
      }
      const [images, filters, , , denseW] = randomCase(rng, {
        batch: 2,
        height: 6,
        width: 6,
        filters: 2,
        kernel: [3, 3],
        pool: 2,
        classes: 3,
      });
      return [images.map(roundedMatrix), filters.map(roundedMatrix), [0, 0.1], 2, roundedMatrix(denseW), [0, 0, 0]];
    }
    switch (index) {
      case 0:
        return [
          [[[2]]],
          [[[-1]], [[0.5]]],
          [0.5, 0],
          1,
          [
            [1, -1],
            [2, 0.5],
          ],
          [0, 0.25],
        ]; // every size 1
      case 1:
        // every feature map is negative: ReLU zeroes them all and the probabilities are softmax(denseB)
        return [
          [patternImage(4, 4, 0), patternImage(4, 4, 3)],
          [
            [
              [-1, -0.5],
              [-0.25, -1],
            ],
          ],
          [-0.1],
          1,
          Array.from({ length: 9 }, (_, p) => [p / 9, -p / 9, 0.5]),
          [0.3, -0.2, 0.1],
        ];
      case 2: {
        // an asymmetric filter on an asymmetric image: flipping the filter (true convolution) changes everything
        const args = randomCase(rng, {
          batch: 1,
          height: 5,
          width: 6,
          filters: 1,
          kernel: [2, 3],
          pool: 2,
          classes: 4,
        });
        return [
          [patternImage(5, 6, 1)],
          [
            [
              [1, 2, 0],
              [0, -1, -3],
            ],
          ],
          [0.5],
          2,
          args[4],
          args[5],
        ];
      }
      case 3:
        // 7×7 feature maps pooled by 3: the partial windows at the right and bottom edges are dropped
        return randomCase(rng, { batch: 2, height: 9, width: 9, filters: 2, kernel: [3, 3], pool: 3, classes: 3 });
      case 4:
        // logits in the thousands, a few units apart: the softmax must subtract the row maximum (exp overflows from 710)
        return [
          [patternImage(4, 5, 2), patternImage(4, 5, 6)],
          [
            [
              [1, 0.5],
              [0.25, 1],
            ],
          ],
          [0.2],
          2,
          [
            [900, 899.8, 900.3],
            [700, 700.4, 699.5],
          ],
          [0, 0.5, -0.5],
        ];
      case 5:
        return randomCase(rng, { batch: 3, height: 8, width: 5, filters: 3, kernel: [1, 4], pool: 1, classes: 2 }); // a 1×4 filter, no pooling
      default: {
        const kernel: [number, number] = [rng.int(1, 4), rng.int(1, 4)];
        const height = rng.int(kernel[0] + 1, 12);
        const width = rng.int(kernel[1] + 1, 12);
        const pool = rng.int(1, Math.min(3, height - kernel[0] + 1, width - kernel[1] + 1));
        const sizes = {
          batch: rng.int(1, 4),
          height,
          width,
          filters: rng.int(1, 4),
          kernel,
          pool,
          classes: rng.int(2, 6),
        };
        return randomCase(rng, sizes, rng.pick([1, 3]));
      }
    }
  },
  starterCode: `function convClassifier(
  images: number[][][],
  filters: number[][][],
  convBias: number[],
  poolSize: number,
  denseW: number[][],
  denseB: number[],
): number[][] {
  // images: N grayscale images (H×W); filters: F filters (KH×KW) with one bias each.
  // For every image: cross-correlate each filter (stride 1, no padding, do not flip it) and add its bias → F maps
  // of (H-KH+1)×(W-KW+1); ReLU; max-pool poolSize×poolSize windows with stride poolSize (drop partial windows);
  // flatten filter by filter, row by row; logits = flat·denseW + denseB; return softmax(logits) (stable).
  return images.map(() => denseB.map(() => 1 / denseB.length));
}
`,
  solutionCode: `function convClassifier(
  images: number[][][],
  filters: number[][][],
  convBias: number[],
  poolSize: number,
  denseW: number[][],
  denseB: number[],
): number[][] {
  const kh = filters[0].length;
  const kw = filters[0][0].length;
  return images.map((image) => {
    const flat: number[] = [];
    filters.forEach((filter, f) => {
      const convH = image.length - kh + 1;
      const convW = image[0].length - kw + 1;
      const map: number[][] = [];
      for (let y = 0; y < convH; y++) {
        const row: number[] = [];
        for (let x = 0; x < convW; x++) {
          let sum = convBias[f];
          for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) sum += filter[i][j] * image[y + i][x + j];
          row.push(Math.max(0, sum));
        }
        map.push(row);
      }
      for (let top = 0; top + poolSize <= convH; top += poolSize) {
        for (let left = 0; left + poolSize <= convW; left += poolSize) {
          let best = -Infinity;
          for (let i = 0; i < poolSize; i++) for (let j = 0; j < poolSize; j++) best = Math.max(best, map[top + i][left + j]);
          flat.push(best);
        }
      }
    });
    const logits = denseB.map((bias, c) => flat.reduce((acc, v, p) => acc + v * denseW[p][c], bias));
    const top = Math.max(...logits);
    const exps = logits.map((z) => Math.exp(z - top));
    const total = exps.reduce((a, e) => a + e, 0);
    return exps.map((e) => e / total);
  });
}
`,
};
