import { requireFinite, requireInteger, requireVector } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type PipelineScheduleName = "gpipe" | "1f1b" | "interleaved";

export type PipelineOp = { microbatch: number; chunk: number; kind: "F" | "B"; start: number; end: number };

export type PipelineReport = {
  timeline: PipelineOp[][];
  makespan: number;
  bubbleFraction: number;
  peakInFlight: number[];
};

type Args = [
  schedule: PipelineScheduleName,
  stages: number,
  microbatches: number,
  chunks: number,
  forward: number[],
  backward: number[],
  comm: number,
];

type PlannedOp = { microbatch: number; chunk: number; kind: "F" | "B" };

const SCHEDULES: readonly string[] = ["gpipe", "1f1b", "interleaved"];

function validate(...[schedule, stages, microbatches, chunks, forward, backward, comm]: Args): void {
  if (!SCHEDULES.includes(schedule)) {
    throw new KernelInputError(`schedule must be one of ${SCHEDULES.join(", ")}, got ${String(schedule)}`);
  }
  requireInteger(stages, "stages", 1, 64);
  requireInteger(microbatches, "microbatches", 1, 1024);
  requireInteger(chunks, "chunks", 1, 16);
  if (schedule === "interleaved") {
    if (stages < 2) throw new KernelInputError("the interleaved schedule needs stages >= 2");
    if (chunks < 2) throw new KernelInputError("the interleaved schedule needs chunks >= 2");
    if (microbatches % stages !== 0) {
      throw new KernelInputError(`the interleaved schedule needs microbatches (${microbatches}) divisible by stages`);
    }
  } else if (chunks !== 1) {
    throw new KernelInputError(`${schedule} runs one chunk per device: chunks must be 1, got ${chunks}`);
  }
  const modelStages = stages * chunks;
  for (const [times, name] of [
    [forward, "forward"],
    [backward, "backward"],
  ] as const) {
    requireVector(times, name, { length: modelStages });
    times.forEach((time, i) => {
      if (time <= 0) throw new KernelInputError(`${name}[${i}] must be > 0, got ${time}`);
    });
  }
  requireFinite(comm, "comm");
  if (comm < 0) throw new KernelInputError(`comm must be >= 0, got ${comm}`);
}

/**
 * The order in which device `device` runs its operations. GPipe: every forward, then every backward, both in
 * micro-batch order. 1F1B (PipeDream-Flush, Megatron-LM's forward_backward_pipelining_without_interleaving):
 * min(p − d − 1, m) warm-up forwards, then alternate one forward and one backward, then the remaining backwards.
 * Interleaved 1F1B (forward_backward_pipelining_with_interleaving, micro-batch groups of p): the k-th forward runs
 * chunk ⌊(k mod pv)/p⌋ on micro-batch ⌊k/(pv)⌋·p + k mod p, the k-th backward the same micro-batch on the mirrored
 * chunk v − 1 − ⌊(k mod pv)/p⌋; warm-up min(2(p − d − 1) + (v − 1)p, mv) forwards, then 1F1B, then cool-down.
 */
function deviceOrder(schedule: PipelineScheduleName, p: number, m: number, v: number, device: number): PlannedOp[] {
  const ops: PlannedOp[] = [];
  if (schedule === "gpipe") {
    for (let i = 0; i < m; i++) ops.push({ microbatch: i, chunk: 0, kind: "F" });
    for (let i = 0; i < m; i++) ops.push({ microbatch: i, chunk: 0, kind: "B" });
    return ops;
  }
  const total = m * v;
  const forwardAt = (k: number): PlannedOp => {
    const inGroup = k % (p * v);
    return { microbatch: Math.floor(k / (p * v)) * p + (inGroup % p), chunk: Math.floor(inGroup / p), kind: "F" };
  };
  const backwardAt = (k: number): PlannedOp => {
    const f = forwardAt(k);
    return { microbatch: f.microbatch, chunk: v - 1 - f.chunk, kind: "B" };
  };
  const warmup =
    schedule === "1f1b" ? Math.min(p - device - 1, total) : Math.min(2 * (p - device - 1) + (v - 1) * p, total);
  for (let k = 0; k < warmup; k++) ops.push(forwardAt(k));
  for (let k = 0; k < total - warmup; k++) {
    ops.push(forwardAt(k + warmup));
    ops.push(backwardAt(k));
  }
  for (let k = total - warmup; k < total; k++) ops.push(backwardAt(k));
  return ops;
}

/**
 * Simulates a synchronous pipeline schedule on p devices. Model stage s = c·p + d (chunk c of device d) takes
 * forward[s] and backward[s]. Each device runs its ops in the schedule's order, each op as early as allowed:
 * after the device's previous op, after F(s − 1, i) for F(s, i), after F(s, i) and B(s + 1, i) for B(s, i); a
 * dependency on another device adds `comm`. Bubble fraction = total idle time / (p · makespan).
 */
export function pipelineSchedule(...args: Args): PipelineReport {
  validate(...args);
  const [schedule, p, m, v, forward, backward, comm] = args;
  const modelStages = p * v;
  const orders = Array.from({ length: p }, (_, d) => deviceOrder(schedule, p, m, v, d));
  // Finish time of F and B per (model stage, micro-batch); NaN until the op has been placed.
  const forwardEnd = Array.from({ length: modelStages }, () => new Array<number>(m).fill(Number.NaN));
  const backwardEnd = Array.from({ length: modelStages }, () => new Array<number>(m).fill(Number.NaN));
  const timeline: PipelineOp[][] = orders.map(() => []);
  const deviceFree = new Array<number>(p).fill(0);
  const next = new Array<number>(p).fill(0);
  let placed = 0;
  const totalOps = orders.reduce((sum, order) => sum + order.length, 0);

  // Ready time of an op, or NaN when a dependency has not been placed yet.
  const readyAt = (op: PlannedOp, device: number): number => {
    const stage = op.chunk * p + device;
    let ready = deviceFree[device] as number;
    const after = (end: number, fromStage: number): void => {
      const hop = fromStage % p === device ? 0 : comm;
      ready = Math.max(ready, end + hop);
    };
    if (op.kind === "F") {
      if (stage > 0) after((forwardEnd[stage - 1] as number[])[op.microbatch] as number, stage - 1);
    } else {
      after((forwardEnd[stage] as number[])[op.microbatch] as number, stage);
      if (stage < modelStages - 1) after((backwardEnd[stage + 1] as number[])[op.microbatch] as number, stage + 1);
    }
    return ready;
  };

  while (placed < totalOps) {
    let progressed = false;
    for (let d = 0; d < p; d++) {
      const order = orders[d] as PlannedOp[];
      for (;;) {
        const op = order[next[d] as number];
        if (op === undefined) break;
        const start = readyAt(op, d);
        if (Number.isNaN(start)) break;
        const stage = op.chunk * p + d;
        const duration = (op.kind === "F" ? forward[stage] : backward[stage]) as number;
        const end = start + duration;
        ((op.kind === "F" ? forwardEnd : backwardEnd)[stage] as number[])[op.microbatch] = end;
        (timeline[d] as PipelineOp[]).push({ ...op, start, end });
        deviceFree[d] = end;
        next[d] = (next[d] as number) + 1;
        placed += 1;
        progressed = true;
      }
    }
    if (!progressed) throw new Error("the schedule deadlocks: every device waits on an op that never runs");
  }

  const makespan = Math.max(...deviceFree);
  let busy = 0;
  for (const ops of timeline) for (const op of ops) busy += op.end - op.start;
  const bubbleFraction = 1 - busy / (p * makespan);
  const peakInFlight = orders.map((order) => {
    let held = 0;
    let peak = 0;
    for (const op of order) {
      held += op.kind === "F" ? 1 : -1;
      peak = Math.max(peak, held);
    }
    return peak;
  });
  return { timeline, makespan, bubbleFraction, peakInFlight };
}

function randomCase(rng: Rng): Args {
  const schedule = rng.pick(["gpipe", "1f1b", "interleaved"] as const);
  const p = rng.int(schedule === "interleaved" ? 2 : 1, 6);
  const v = schedule === "interleaved" ? rng.int(2, 3) : 1;
  const m = schedule === "interleaved" ? p * rng.int(1, 3) : rng.int(1, 12);
  const times = (lo: number, hi: number): number[] => Array.from({ length: p * v }, () => rng.int(lo, hi));
  const comm = rng.int(0, 1) === 0 ? 0 : rng.int(1, 3);
  return [schedule, p, m, v, times(1, 6), times(2, 9), comm];
}

const SIGNATURE_TYPES = `type PipelineOp = { microbatch: number; chunk: number; kind: "F" | "B"; start: number; end: number };
type PipelineReport = { timeline: PipelineOp[][]; makespan: number; bubbleFraction: number; peakInFlight: number[] };`;

export const pipelineScheduleKernel: KernelSpec<Args, PipelineReport> = {
  id: "pipeline-schedule",
  functionName: "pipelineSchedule",
  signature: `${SIGNATURE_TYPES}
function pipelineSchedule(
  schedule: "gpipe" | "1f1b" | "interleaved", stages: number, microbatches: number, chunks: number,
  forward: number[], backward: number[], comm: number,
): PipelineReport`,
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 3, hidden: 16, performance: 0 },
  reference: pipelineSchedule,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) return ["1f1b", 2, 3, 1, [1, 1], [2, 2], 0];
      if (index === 1) return ["gpipe", 3, 4, 1, [1, 2, 1], [2, 3, 2], 1];
      return ["interleaved", 2, 2, 2, [1, 1, 1, 1], [2, 2, 2, 2], 0];
    }
    switch (index) {
      case 0:
        // Uneven stages, more micro-batches than stages: the warm-up count and the backward's dependency on the
        // next stage's backward both change the order and the times.
        return ["1f1b", 4, 8, 1, [2, 3, 1, 2], [4, 5, 3, 6], 0];
      case 1:
        // GPipe holds all m micro-batches on every stage, not p.
        return ["gpipe", 3, 5, 1, [1, 2, 1], [3, 2, 4], 0];
      case 2:
        // Fewer micro-batches than stages: the warm-up is capped at m.
        return ["1f1b", 4, 2, 1, [1, 1, 1, 1], [2, 2, 2, 2], 0];
      case 3:
        // Interleaved, with the wrap-around hop from the last device back to device 0 paying comm.
        return ["interleaved", 4, 8, 2, [1, 2, 1, 1, 2, 1, 1, 2], [2, 3, 2, 2, 3, 2, 2, 4], 1];
      case 4:
        // A slow last stage and a link cost: comm is paid between devices only, never within a device.
        return ["1f1b", 3, 6, 1, [1, 1, 3], [2, 2, 5], 2];
      case 5:
        return ["interleaved", 2, 4, 3, [1, 1, 2, 1, 1, 2], [2, 3, 2, 2, 3, 3], 0];
      case 6:
        // One device: no pipeline, no bubble.
        return ["gpipe", 1, 3, 1, [2], [3], 5];
      case 7:
        // A fractional link cost.
        return ["1f1b", 3, 3, 1, [1, 2, 1], [2, 2, 3], 0.5];
      case 8:
        // Uniform times: GPipe's bubble (p − 1)/(m + p − 1), the backward order matters for the timeline only.
        return ["gpipe", 4, 6, 1, [1, 1, 1, 1], [2, 2, 2, 2], 0];
      case 9:
        return ["interleaved", 3, 6, 2, [1, 1, 1, 1, 1, 1], [2, 2, 2, 2, 2, 2], 0];
      default:
        return randomCase(rng);
    }
  },
  starterCode: `${SIGNATURE_TYPES}

function pipelineSchedule(
  schedule: "gpipe" | "1f1b" | "interleaved", stages: number, microbatches: number, chunks: number,
  forward: number[], backward: number[], comm: number,
): PipelineReport {
  // 1. Per device, the order of its ops (which micro-batch, which chunk, F or B) from the schedule's rule.
  // 2. Place each op as early as its device and its dependencies allow; 3. makespan, bubble, peak in flight.
  return { timeline: [], makespan: 0, bubbleFraction: 0, peakInFlight: [] };
}
`,
  solutionCode: `${SIGNATURE_TYPES}

type Planned = { microbatch: number; chunk: number; kind: "F" | "B" };

function pipelineSchedule(
  schedule: "gpipe" | "1f1b" | "interleaved", stages: number, microbatches: number, chunks: number,
  forward: number[], backward: number[], comm: number,
): PipelineReport {
  const p = stages;
  const m = microbatches;
  const v = chunks;
  const total = m * v;
  const forwardAt = (k: number): Planned => {
    const inGroup = k % (p * v);
    return { microbatch: Math.floor(k / (p * v)) * p + (inGroup % p), chunk: Math.floor(inGroup / p), kind: "F" };
  };
  const backwardAt = (k: number): Planned => ({ ...forwardAt(k), chunk: v - 1 - forwardAt(k).chunk, kind: "B" });
  const orders: Planned[][] = [];
  for (let d = 0; d < p; d++) {
    const ops: Planned[] = [];
    if (schedule === "gpipe") {
      for (let i = 0; i < m; i++) ops.push({ microbatch: i, chunk: 0, kind: "F" });
      for (let i = 0; i < m; i++) ops.push({ microbatch: i, chunk: 0, kind: "B" });
    } else {
      const warmup = schedule === "1f1b" ? Math.min(p - d - 1, total) : Math.min(2 * (p - d - 1) + (v - 1) * p, total);
      for (let k = 0; k < warmup; k++) ops.push(forwardAt(k));
      for (let k = 0; k < total - warmup; k++) {
        ops.push(forwardAt(k + warmup));
        ops.push(backwardAt(k));
      }
      for (let k = total - warmup; k < total; k++) ops.push(backwardAt(k));
    }
    orders.push(ops);
  }

  const n = p * v;
  const fEnd: number[][] = Array.from({ length: n }, () => new Array(m).fill(Number.NaN));
  const bEnd: number[][] = Array.from({ length: n }, () => new Array(m).fill(Number.NaN));
  const timeline: PipelineOp[][] = orders.map(() => []);
  const free = new Array(p).fill(0);
  const next = new Array(p).fill(0);
  let remaining = orders.reduce((sum, ops) => sum + ops.length, 0);
  while (remaining > 0) {
    let progressed = false;
    for (let d = 0; d < p; d++) {
      while (next[d] < orders[d].length) {
        const op = orders[d][next[d]];
        const s = op.chunk * p + d;
        let start = free[d];
        const after = (end: number, from: number) => {
          start = Math.max(start, end + (from % p === d ? 0 : comm));
        };
        if (op.kind === "F") {
          if (s > 0) after(fEnd[s - 1][op.microbatch], s - 1);
        } else {
          after(fEnd[s][op.microbatch], s);
          if (s < n - 1) after(bEnd[s + 1][op.microbatch], s + 1);
        }
        if (Number.isNaN(start)) break;
        const end = start + (op.kind === "F" ? forward[s] : backward[s]);
        (op.kind === "F" ? fEnd : bEnd)[s][op.microbatch] = end;
        timeline[d].push({ ...op, start, end });
        free[d] = end;
        next[d]++;
        remaining--;
        progressed = true;
      }
    }
    if (!progressed) throw new Error("the schedule deadlocks");
  }

  const makespan = Math.max(...free);
  let busy = 0;
  for (const ops of timeline) for (const op of ops) busy += op.end - op.start;
  const bubbleFraction = 1 - busy / (p * makespan);
  const peakInFlight = orders.map((ops) => {
    let held = 0;
    let peak = 0;
    for (const op of ops) {
      held += op.kind === "F" ? 1 : -1;
      peak = Math.max(peak, held);
    }
    return peak;
  });
  return { timeline, makespan, bubbleFraction, peakInFlight };
}
`,
};
