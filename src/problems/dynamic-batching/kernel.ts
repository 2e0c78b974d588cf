import { compareValues } from "../../kernels/compare.ts";
import { requireFinite, requireInteger, requireVector } from "../../kernels/guards.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [arrivals: number[], maxBatchSize: number, maxWaitMs: number];
export type Batch = { requests: number[]; dispatchTime: number };

/**
 * A serving batcher (as in Triton or TF Serving): the first request into an empty queue opens a batch
 * and starts a timer of maxWaitMs. The batch is dispatched as soon as it holds maxBatchSize requests (at
 * the arrival time of the one that fills it) or when the timer expires (opened + maxWaitMs), whichever
 * comes first; a request arriving exactly at the deadline still joins. Requests are identified by their
 * index in `arrivals`, which must be non-decreasing.
 */
function dynamicBatching(arrivals: number[], maxBatchSize: number, maxWaitMs: number): Batch[] {
  requireVector(arrivals, "arrivals", { allowEmpty: true });
  for (let i = 1; i < arrivals.length; i++) {
    if (arrivals[i] < arrivals[i - 1]) throw new KernelInputError(`arrivals must be non-decreasing (index ${i})`);
  }
  requireInteger(maxBatchSize, "maxBatchSize", 1);
  requireFinite(maxWaitMs, "maxWaitMs");
  if (maxWaitMs < 0) throw new KernelInputError(`maxWaitMs must be ≥ 0, got ${maxWaitMs}`);
  const batches: Batch[] = [];
  let next = 0;
  while (next < arrivals.length) {
    const deadline = arrivals[next] + maxWaitMs;
    const requests: number[] = [];
    while (next < arrivals.length && requests.length < maxBatchSize && arrivals[next] <= deadline)
      requests.push(next++);
    const full = requests.length === maxBatchSize;
    batches.push({ requests, dispatchTime: full ? arrivals[requests[requests.length - 1]] : deadline });
  }
  return batches;
}

export const dynamicBatchingKernel: KernelSpec<Args, Batch[]> = {
  id: "dynamic-batching",
  functionName: "dynamicBatching",
  signature:
    "function dynamicBatching(arrivals: number[], maxBatchSize: number, maxWaitMs: number): { requests: number[]; dispatchTime: number }[]",
  tolerance: { atol: 0, rtol: 0 },
  testCounts: { sample: 2, hidden: 8, performance: 0 },
  reference: dynamicBatching,
  generate(kind, index, rng) {
    if (kind === "sample") return index === 0 ? [[0, 1, 2, 10, 11, 30], 3, 5] : [[0, 0, 0, 0, 0], 2, 10];
    switch (index) {
      case 0:
        return [[], 4, 10]; // no traffic, no batches
      case 1:
        return [[5], 1, 100]; // batch size 1 dispatches on arrival
      case 2:
        return [[0, 10, 20, 30], 8, 10]; // arrivals exactly at the deadline join
      case 3:
        return [[3, 3, 4, 9], 4, 0]; // zero wait: only simultaneous arrivals batch together
      default: {
        // Poisson-like integer arrival times in ms, bursty or sparse.
        const n = rng.int(1, 200);
        const meanGap = rng.pick([0.5, 2, 8]);
        let t = rng.int(0, 5);
        const arrivals = Array.from({ length: n }, () => {
          t += Math.floor(-Math.log(1 - rng.unit()) * meanGap);
          return t;
        });
        return [arrivals, rng.int(1, 16), rng.int(0, 20)];
      }
    }
  },
  check(got, want, tolerance) {
    return compareValues(got, want, { ...tolerance, exact: true });
  },
  starterCode: `function dynamicBatching(
  arrivals: number[],
  maxBatchSize: number,
  maxWaitMs: number,
): { requests: number[]; dispatchTime: number }[] {
  // The first request into an empty queue opens a batch with deadline arrival + maxWaitMs. Dispatch when
  // the batch is full (at the filling request's arrival) or at the deadline; arrivals at the deadline join.
  // Requests are identified by their index in arrivals.
  return [];
}
`,
  solutionCode: `function dynamicBatching(
  arrivals: number[],
  maxBatchSize: number,
  maxWaitMs: number,
): { requests: number[]; dispatchTime: number }[] {
  const out: { requests: number[]; dispatchTime: number }[] = [];
  let current: number[] = [];
  let deadline = 0;
  for (let id = 0; id < arrivals.length; id++) {
    const time = arrivals[id];
    if (current.length > 0 && time > deadline) {
      out.push({ requests: current, dispatchTime: deadline });
      current = [];
    }
    if (current.length === 0) deadline = time + maxWaitMs;
    current.push(id);
    if (current.length === maxBatchSize) {
      out.push({ requests: current, dispatchTime: time });
      current = [];
    }
  }
  if (current.length > 0) out.push({ requests: current, dispatchTime: deadline });
  return out;
}
`,
};
