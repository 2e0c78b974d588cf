import { requireFinite, requireInteger, requireSameLength, requireVector } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type DdpSchedule = {
  buckets: number[][];
  bucketBytes: number[];
  ready: number[];
  start: number[];
  end: number[];
  backwardEnd: number;
  commEnd: number;
  exposed: number;
};

type Args = [
  paramBytes: number[],
  readyTimes: number[],
  firstBucketCap: number,
  bucketCap: number,
  ranks: number,
  alpha: number,
  bandwidth: number,
];

function validate(args: Args): void {
  const [paramBytes, readyTimes, firstBucketCap, bucketCap, ranks, alpha, bandwidth] = args;
  requireVector(paramBytes, "paramBytes");
  for (let i = 0; i < paramBytes.length; i++) requireInteger(paramBytes[i], `paramBytes[${i}]`, 1);
  requireVector(readyTimes, "readyTimes");
  requireSameLength(paramBytes, readyTimes, "paramBytes", "readyTimes");
  for (let i = 0; i < readyTimes.length; i++) {
    if ((readyTimes[i] as number) < 0)
      throw new KernelInputError(`readyTimes[${i}] must be >= 0, got ${readyTimes[i]}`);
  }
  requireInteger(firstBucketCap, "firstBucketCap", 1);
  requireInteger(bucketCap, "bucketCap", 1);
  requireInteger(ranks, "ranks", 2);
  requireFinite(alpha, "alpha");
  if (alpha < 0) throw new KernelInputError("alpha must be >= 0");
  requireFinite(bandwidth, "bandwidth");
  if (bandwidth <= 0) throw new KernelInputError("bandwidth must be > 0");
}

/**
 * PyTorch DDP's gradient buckets and their overlap with backward: parameters bucketed in reverse registration order,
 * each added before its bucket is checked and the bucket closed once its bytes reach the cap (firstBucketCap for the
 * first bucket, bucketCap after: the rule of the reducer's compute_bucket_assignment_by_size); then one ring
 * all-reduce per bucket, 2(p−1)·α + 2(p−1)/p·S/B, launched in bucket order on one stream once all the bucket's
 * gradients are ready.
 */
export function ddpOverlap(...args: Args): DdpSchedule {
  validate(args);
  const [paramBytes, readyTimes, firstBucketCap, bucketCap, ranks, alpha, bandwidth] = args;
  const buckets: number[][] = [];
  const bucketBytes: number[] = [];
  let current: number[] = [];
  let size = 0;
  let cap = firstBucketCap;
  for (let param = paramBytes.length - 1; param >= 0; param--) {
    current.push(param);
    size += paramBytes[param] as number;
    if (size >= cap) {
      buckets.push(current);
      bucketBytes.push(size);
      current = [];
      size = 0;
      cap = bucketCap;
    }
  }
  if (current.length > 0) {
    buckets.push(current);
    bucketBytes.push(size);
  }

  const ready = buckets.map((bucket) => Math.max(...bucket.map((param) => readyTimes[param] as number)));
  const start: number[] = [];
  const end: number[] = [];
  let streamFree = 0;
  for (let b = 0; b < buckets.length; b++) {
    const begin = Math.max(ready[b] as number, streamFree);
    const cost = 2 * (ranks - 1) * alpha + ((2 * (ranks - 1)) / ranks) * ((bucketBytes[b] as number) / bandwidth);
    start.push(begin);
    end.push(begin + cost);
    streamFree = begin + cost;
  }
  const backwardEnd = Math.max(...readyTimes);
  return {
    buckets,
    bucketBytes,
    ready,
    start,
    end,
    backwardEnd,
    commEnd: streamFree,
    exposed: streamFree - backwardEnd,
  };
}

const MIB = 1024 * 1024;

/**
 * A model of `count` parameters: sizes in fp32 bytes (4 · numel), gradients ready in reverse registration order at
 * cumulative random compute times; `shuffles` swaps of neighbouring ready times break the order a little.
 */
function randomModel(rng: Rng, count: number, shuffles: number): { bytes: number[]; ready: number[] } {
  const bytes = Array.from({ length: count }, () => 4 * rng.pick([256, 1024, 4096, 65536, 262144, 1048576, 4194304]));
  const ready = new Array<number>(count).fill(0);
  let clock = 0;
  for (let param = count - 1; param >= 0; param--) {
    clock += rng.float(0.05e-3, 2e-3);
    ready[param] = clock;
  }
  for (let s = 0; s < shuffles && count > 1; s++) {
    const i = rng.int(0, count - 2);
    [ready[i], ready[i + 1]] = [ready[i + 1] as number, ready[i] as number];
  }
  return { bytes, ready };
}

const TYPES = `type DdpSchedule = {
  buckets: number[][];    // parameter indices per bucket, bucket 0 reduced first
  bucketBytes: number[];
  ready: number[];        // per bucket: when its last gradient is ready
  start: number[];        // per bucket: all-reduce start
  end: number[];          // per bucket: all-reduce end
  backwardEnd: number;    // the last gradient's ready time
  commEnd: number;        // the last all-reduce's end
  exposed: number;        // commEnd − backwardEnd
};`;

export const ddpOverlapKernel: KernelSpec<Args, DdpSchedule> = {
  id: "ddp-bucketing-overlap",
  functionName: "ddpOverlap",
  signature: `${TYPES}
function ddpOverlap(paramBytes: number[], readyTimes: number[], firstBucketCap: number, bucketCap: number,
                    ranks: number, alpha: number, bandwidth: number): DdpSchedule`,
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 18, performance: 0 },
  reference: ddpOverlap,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) return [[400, 100, 300, 200, 500, 100], [7, 6, 4, 2.5, 1.5, 1], 250, 600, 4, 0.25, 600];
      const model = randomModel(rng, 12, 0);
      return [model.bytes, model.ready, MIB, 25 * MIB, 8, 10e-6, 50e9];
    }
    switch (index) {
      case 0:
        // A bucket reaching the cap exactly closes (≥, not >); one that would overflow still takes the parameter.
        return [[100, 200, 300, 100, 200, 100], [6, 5, 4, 3, 2, 1], 300, 400, 2, 0.1, 1000];
      case 1:
        // Large parameters registered first, small ones last: forward-order buckets differ from reverse-order ones.
        return [[900, 800, 100, 100, 100, 50], [6, 5, 4, 3, 2, 1], 200, 1000, 4, 0.05, 2000];
      case 2:
        // The small first bucket: with bucketCap for every bucket, the first one would take everything.
        return [[100, 100, 100, 100, 100, 100, 100, 100], [8, 7, 6, 5, 4, 3, 2, 1], 150, 1000, 8, 0.01, 500];
      case 3:
        // Parameter 0 (an embedding tied to the output layer) is ready early but sits in the last bucket; parameter 5,
        // registered last, is ready last and holds the first bucket back. A bucket starts at its LAST ready gradient.
        return [[300, 200, 200, 200, 200, 100], [0.5, 5, 4, 3, 2, 9], 250, 400, 4, 0.1, 400];
      case 4:
        // Communication-bound: every bucket waits for the previous all-reduce on the single stream.
        return [[200, 200, 200, 200, 200, 200], [6, 5, 4, 3, 2, 1], 200, 400, 16, 0.5, 100];
      case 5:
        // Compute-bound: each all-reduce starts when its bucket is ready; only the last one is exposed.
        return [[100, 100, 100, 100, 100, 100], [30, 25, 20, 15, 10, 5], 100, 200, 4, 0.01, 10000];
      case 6:
        // One parameter larger than either cap gets a bucket of its own.
        return [[50, 5000, 50, 50], [4, 3, 2, 1], 100, 200, 2, 0.2, 1000];
      case 7:
        // Two ranks: 2(p−1)/p = 1 and 2(p−1) = 2 latency steps.
        return [[64, 64, 64], [3, 2, 1], 64, 128, 2, 1, 64];
      case 8:
        // Everything fits in the first bucket: one all-reduce after the whole backward.
        return [[10, 20, 30], [3, 2, 1], 1000, 1000, 8, 0.001, 100];
      case 9: {
        // A realistic ResNet-50-sized model: 25 MiB buckets over an NVLink-class link.
        const model = randomModel(rng, 160, 0);
        return [model.bytes, model.ready, MIB, 25 * MIB, 8, 5e-6, 150e9];
      }
      case 10: {
        const model = randomModel(rng, 64, 6);
        return [model.bytes, model.ready, MIB, 25 * MIB, 64, 15e-6, 12.5e9];
      }
      default: {
        const model = randomModel(rng, rng.int(1, 120), rng.int(0, 4));
        return [
          model.bytes,
          model.ready,
          rng.pick([256 * 1024, MIB, 4 * MIB]),
          rng.pick([4, 16, 25, 50]) * MIB,
          rng.pick([2, 4, 8, 16, 32, 128]),
          rng.pick([2e-6, 5e-6, 10e-6, 20e-6]),
          rng.pick([12.5e9, 25e9, 50e9, 100e9, 300e9]),
        ];
      }
    }
  },
  starterCode: `${TYPES}

function ddpOverlap(paramBytes: number[], readyTimes: number[], firstBucketCap: number, bucketCap: number,
                    ranks: number, alpha: number, bandwidth: number): DdpSchedule {
  // Bucket the parameters from the last registered to the first, then run one ring all-reduce per bucket,
  // in bucket order on one stream, each starting once its gradients are ready and the stream is free.
  return { buckets: [], bucketBytes: [], ready: [], start: [], end: [], backwardEnd: 0, commEnd: 0, exposed: 0 };
}
`,
  solutionCode: `${TYPES}

function ddpOverlap(paramBytes: number[], readyTimes: number[], firstBucketCap: number, bucketCap: number,
                    ranks: number, alpha: number, bandwidth: number): DdpSchedule {
  const buckets: number[][] = [];
  const bucketBytes: number[] = [];
  let current: number[] = [];
  let size = 0;
  let cap = firstBucketCap;
  for (let i = paramBytes.length - 1; i >= 0; i--) {
    current.push(i);
    size += paramBytes[i];
    if (size >= cap) {
      buckets.push(current);
      bucketBytes.push(size);
      current = [];
      size = 0;
      cap = bucketCap;
    }
  }
  if (current.length > 0) {
    buckets.push(current);
    bucketBytes.push(size);
  }
  const ready = buckets.map((bucket) => Math.max(...bucket.map((i) => readyTimes[i])));
  const start: number[] = [];
  const end: number[] = [];
  let streamFree = 0;
  for (let b = 0; b < buckets.length; b++) {
    const begin = Math.max(ready[b], streamFree);
    const cost = 2 * (ranks - 1) * alpha + ((2 * (ranks - 1)) / ranks) * (bucketBytes[b] / bandwidth);
    start.push(begin);
    end.push(begin + cost);
    streamFree = begin + cost;
  }
  const backwardEnd = Math.max(...readyTimes);
  return { buckets, bucketBytes, ready, start, end, backwardEnd, commEnd: streamFree, exposed: streamFree - backwardEnd };
}
`,
};
