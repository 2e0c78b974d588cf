import { requireArray, requireVector } from "../../kernels/guards.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [buffers: number[][]];

/** Chunk c of a buffer of `length` split into `workers` parts: the first length % workers chunks get one extra. */
function chunkBounds(length: number, workers: number, chunk: number): [number, number] {
  const base = Math.floor(length / workers);
  const extra = length % workers;
  const start = chunk * base + Math.min(chunk, extra);
  return [start, start + base + (chunk < extra ? 1 : 0)];
}

const mod = (a: number, n: number): number => ((a % n) + n) % n;

const HUGE = 1e16;

/**
 * Buffers on which the order of the additions shows: for every position of chunk c, worker c holds +1e16 and
 * worker c + 1 holds −1e16, the others values in (0, 1). The ring adds worker c's value first, then c + 1's, so
 * the big pair cancels before the small values come in; any other order (a direct mean, another chunking)
 * absorbs a small value into 1e16 (whose neighbouring doubles are 2 apart) and loses it.
 */
function orderSensitiveBuffers(workers: number, length: number): number[][] {
  const buffers = Array.from({ length: workers }, (_, w) =>
    Array.from({ length }, (_, j) => 0.1 + 0.05 * ((7 * w + 3 * j) % 16)),
  );
  for (let c = 0; c < workers; c++) {
    const [start, end] = chunkBounds(length, workers, c);
    for (let j = start; j < end; j++) {
      buffers[c][j] = HUGE;
      buffers[(c + 1) % workers][j] = -HUGE;
    }
  }
  return buffers;
}

/**
 * Ring all-reduce (mean), simulated step by step: N−1 reduce-scatter steps in which worker i sends chunk
 * (i − s) mod N to its right neighbour, which adds it; each worker then scales its fully reduced chunk by
 * 1/N; N−1 all-gather steps in which worker i forwards chunk (i + 1 − s) mod N, which the neighbour copies.
 * Every step's messages are taken before any is applied, as if all sends happened at once.
 */
function ringAllreduce(buffers: number[][]): number[][] {
  requireArray(buffers, "buffers");
  const workers = buffers.length;
  if (workers === 0) throw new KernelInputError("buffers must hold at least one worker's buffer");
  const length = requireVector(buffers[0], "buffers[0]", { allowEmpty: true }).length;
  for (let w = 1; w < workers; w++) {
    const buffer = requireVector(buffers[w], `buffers[${w}]`, { allowEmpty: true });
    if (buffer.length !== length) {
      throw new KernelInputError(`buffers[${w}] has length ${buffer.length}, buffers[0] has ${length}`);
    }
  }
  const state = buffers.map((buffer) => Float64Array.from(buffer));
  const send = (phase: "reduce" | "gather", step: number): void => {
    const messages = state.map((buffer, sender) => {
      const chunk = phase === "reduce" ? mod(sender - step, workers) : mod(sender + 1 - step, workers);
      const [start, end] = chunkBounds(length, workers, chunk);
      return { start, data: buffer.slice(start, end) };
    });
    messages.forEach(({ start, data }, sender) => {
      const receiver = state[(sender + 1) % workers];
      for (let j = 0; j < data.length; j++) {
        receiver[start + j] = phase === "reduce" ? receiver[start + j] + data[j] : data[j];
      }
    });
  };
  for (let step = 0; step < workers - 1; step++) send("reduce", step);
  // After reduce-scatter, worker i owns the full sum of chunk (i + 1) mod N.
  state.forEach((buffer, worker) => {
    const [start, end] = chunkBounds(length, workers, (worker + 1) % workers);
    for (let j = start; j < end; j++) buffer[j] /= workers;
  });
  for (let step = 0; step < workers - 1; step++) send("gather", step);
  return state.map((buffer) => Array.from(buffer));
}

export const ringAllreduceKernel: KernelSpec<Args, number[][]> = {
  id: "ring-allreduce",
  functionName: "ringAllreduce",
  signature: "function ringAllreduce(buffers: number[][]): number[][]",
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 10, performance: 0 },
  reference: ringAllreduce,
  generate(kind, index, rng) {
    if (kind === "sample") {
      const shapes: [number, number][] = [
        [2, 4],
        [3, 5],
      ];
      const [workers, length] = shapes[index % shapes.length];
      return [Array.from({ length: workers }, () => Array.from({ length }, () => rng.int(-9, 9)))];
    }
    // Hidden: a single worker, buffers shorter than the worker count, empty buffers, values on which the ring's
    // order of additions shows, then random shapes.
    if (index === 4) return [orderSensitiveBuffers(4, 10)];
    if (index === 5) return [orderSensitiveBuffers(5, 13)];
    const edge: [number, number][] = [
      [1, 5],
      [5, 3],
      [4, 0],
      [3, 3],
    ];
    const [workers, length] = index < edge.length ? edge[index] : [rng.int(2, 8), rng.int(1, 64)];
    return [Array.from({ length: workers }, () => rng.floats(length, -100, 100))];
  },
  starterCode: `function ringAllreduce(buffers: number[][]): number[][] {
  // Simulate N workers in a ring. Split each buffer into N chunks (the first length % N chunks get one
  // extra element). Reduce-scatter: N-1 steps, worker i sends chunk (i - s) mod N to worker (i + 1) mod N,
  // which adds it. Divide each owned chunk by N. All-gather: N-1 steps forwarding the reduced chunks.
  // Return what every worker holds at the end: the elementwise mean. Add in the ring's order (chunk c's sum starts
  // with worker c's value): the tests include values where floating-point addition order changes the result.
  return buffers.map((buffer) => buffer.map(() => 0));
}
`,
  solutionCode: `function ringAllreduce(buffers: number[][]): number[][] {
  const n = buffers.length;
  const len = n === 0 ? 0 : buffers[0].length;
  const starts: number[] = [];
  let offset = 0;
  for (let c = 0; c < n; c++) {
    starts.push(offset);
    offset += Math.floor(len / n) + (c < len % n ? 1 : 0);
  }
  starts.push(len);
  const held = buffers.map((b) => b.slice());
  const wrap = (x: number) => ((x % n) + n) % n;
  for (let s = 0; s < n - 1; s++) {
    const outgoing = held.map((b, i) => {
      const c = wrap(i - s);
      return { c, values: b.slice(starts[c], starts[c + 1]) };
    });
    for (let i = 0; i < n; i++) {
      const target = held[(i + 1) % n];
      const { c, values } = outgoing[i];
      for (let j = 0; j < values.length; j++) target[starts[c] + j] += values[j];
    }
  }
  for (let i = 0; i < n; i++) {
    const c = (i + 1) % n;
    for (let j = starts[c]; j < starts[c + 1]; j++) held[i][j] = held[i][j] / n;
  }
  for (let s = 0; s < n - 1; s++) {
    const outgoing = held.map((b, i) => {
      const c = wrap(i + 1 - s);
      return { c, values: b.slice(starts[c], starts[c + 1]) };
    });
    for (let i = 0; i < n; i++) {
      const target = held[(i + 1) % n];
      const { c, values } = outgoing[i];
      for (let j = 0; j < values.length; j++) target[starts[c] + j] = values[j];
    }
  }
  return held;
}
`,
};
