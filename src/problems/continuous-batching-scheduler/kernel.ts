import { requireArray, requireFinite, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type ServingRequest = { arrival: number; promptLen: number; outputLen: number };
export type SchedulerConfig = {
  maxNumSeqs: number;
  maxNumBatchedTokens: number;
  chunkedPrefill: boolean;
  numBlocks: number;
  blockSize: number;
  stepBase: number;
  costPerToken: number;
  costPerSeq: number;
};
export type ScheduledRequest = { id: number; tokens: number; kind: "prefill" | "decode" };
export type SchedulerStep = { start: number; end: number; batch: ScheduledRequest[]; preempted: number[] };
export type SchedulerReport = { steps: SchedulerStep[]; ttft: number[]; tpot: number[] };

type Args = [requests: ServingRequest[], config: SchedulerConfig];

function requireNonNegative(value: unknown, name: string): number {
  requireFinite(value, name);
  if (value < 0) throw new KernelInputError(`${name} must be >= 0, got ${value}`);
  return value;
}

function validate(requests: ServingRequest[], config: SchedulerConfig): void {
  if (typeof config !== "object" || config === null) throw new KernelInputError("config must be an object");
  requireInteger(config.maxNumSeqs, "config.maxNumSeqs", 1);
  requireInteger(config.maxNumBatchedTokens, "config.maxNumBatchedTokens", 1);
  if (typeof config.chunkedPrefill !== "boolean") throw new KernelInputError("config.chunkedPrefill must be a boolean");
  requireInteger(config.numBlocks, "config.numBlocks", 1);
  requireInteger(config.blockSize, "config.blockSize", 1);
  requireNonNegative(config.stepBase, "config.stepBase");
  requireNonNegative(config.costPerToken, "config.costPerToken");
  requireNonNegative(config.costPerSeq, "config.costPerSeq");
  if (config.stepBase + config.costPerToken + config.costPerSeq <= 0)
    throw new KernelInputError("a step must take time: stepBase, costPerToken and costPerSeq are all 0");
  requireArray(requests, "requests");
  if (requests.length === 0) throw new KernelInputError("requests must not be empty");
  requests.forEach((request, i) => {
    if (typeof request !== "object" || request === null) throw new KernelInputError(`requests[${i}] must be an object`);
    requireNonNegative(request.arrival, `requests[${i}].arrival`);
    if (i > 0 && request.arrival < requests[i - 1].arrival)
      throw new KernelInputError(`arrivals must be non-decreasing (requests[${i}])`);
    requireInteger(request.promptLen, `requests[${i}].promptLen`, 1);
    requireInteger(request.outputLen, `requests[${i}].outputLen`, 1);
    // The most KV a request ever holds: its prompt and every output token but the last (never fed back).
    const peak = request.promptLen + request.outputLen - 1;
    if (Math.ceil(peak / config.blockSize) > config.numBlocks)
      throw new KernelInputError(`requests[${i}] needs ${peak} tokens of KV, more than numBlocks · blockSize`);
    if (!config.chunkedPrefill && peak > config.maxNumBatchedTokens)
      throw new KernelInputError(
        `requests[${i}]: without chunked prefill promptLen + outputLen - 1 (${peak}) must fit in maxNumBatchedTokens`,
      );
  });
}

/**
 * Iteration-level (continuous) batching as in Orca and vLLM: every step schedules running decodes, then running
 * prefill chunks, then waiting requests FCFS, under a sequence cap, a token budget and a paged KV cache; out of KV, the
 * newest running request is preempted by recompute (its KV freed, back to the front of the waiting queue).
 */
function continuousBatching(requests: ServingRequest[], config: SchedulerConfig): SchedulerReport {
  validate(requests, config);
  const count = requests.length;
  const { maxNumSeqs, maxNumBatchedTokens, chunkedPrefill, blockSize } = config;
  const computed = new Array<number>(count).fill(0); // tokens whose KV is in the cache
  const generated = new Array<number>(count).fill(0); // output tokens sampled so far
  const held = new Array<number>(count).fill(0); // KV blocks held
  const prefilled = new Array<boolean>(count).fill(false); // (re)prefill complete: the request decodes
  const tokenTimes: number[][] = requests.map(() => []);
  let running: number[] = []; // ids in arrival order
  const waiting: number[] = []; // arrived, not running; preempted requests go to the front
  let freeBlocks = config.numBlocks;
  let arrived = 0;
  let finished = 0;
  let now = 0;
  const steps: SchedulerStep[] = [];
  const known = (id: number) => requests[id].promptLen + generated[id];

  while (finished < count) {
    while (arrived < count && requests[arrived].arrival <= now) waiting.push(arrived++);
    if (running.length === 0 && waiting.length === 0) {
      now = requests[arrived].arrival; // idle until the next arrival
      continue;
    }
    let budget = maxNumBatchedTokens;
    const batch: ScheduledRequest[] = [];
    const preempted: number[] = [];
    const preempt = (victim: number) => {
      running = running.filter((id) => id !== victim);
      freeBlocks += held[victim];
      held[victim] = 0;
      computed[victim] = 0;
      prefilled[victim] = false;
      waiting.unshift(victim);
      preempted.push(victim);
    };

    // 1. running decodes, 2. running prefill chunks, each in arrival order.
    const order = [...running.filter((id) => prefilled[id]), ...running.filter((id) => !prefilled[id])];
    for (const id of order) {
      if (budget === 0) break;
      if (!running.includes(id)) continue; // preempted earlier in this step
      const tokens = Math.min(known(id) - computed[id], budget);
      const needed = Math.ceil((computed[id] + tokens) / blockSize) - held[id];
      while (needed > freeBlocks && running.includes(id)) preempt(running[running.length - 1]);
      if (!running.includes(id)) break; // it was the newest itself: stop scheduling running requests
      freeBlocks -= needed;
      held[id] += needed;
      budget -= tokens;
      batch.push({ id, tokens, kind: prefilled[id] ? "decode" : "prefill" });
    }

    // 3. waiting requests FCFS, only in a step without preemption; the first that does not fit stops the queue.
    while (preempted.length === 0 && waiting.length > 0 && budget > 0 && running.length < maxNumSeqs) {
      const id = waiting[0];
      if (!chunkedPrefill && known(id) > budget) break;
      const tokens = Math.min(known(id), budget);
      const needed = Math.ceil(tokens / blockSize);
      if (needed > freeBlocks) break;
      waiting.shift();
      freeBlocks -= needed;
      held[id] = needed;
      budget -= tokens;
      running = [...running, id].sort((a, b) => a - b);
      batch.push({ id, tokens, kind: "prefill" });
    }

    const batchedTokens = batch.reduce((sum, entry) => sum + entry.tokens, 0);
    const end = now + (config.stepBase + config.costPerToken * batchedTokens + config.costPerSeq * batch.length);
    for (const { id, tokens } of batch) {
      computed[id] += tokens;
      if (computed[id] < known(id)) continue; // a prefill chunk that does not reach the end samples nothing
      prefilled[id] = true;
      generated[id] += 1;
      tokenTimes[id].push(end);
      if (generated[id] === requests[id].outputLen) {
        finished += 1;
        freeBlocks += held[id];
        held[id] = 0;
        running = running.filter((other) => other !== id);
      }
    }
    steps.push({ start: now, end, batch, preempted });
    now = end;
  }

  return {
    steps,
    ttft: requests.map((request, id) => tokenTimes[id][0] - request.arrival),
    tpot: requests.map((request, id) => {
      const times = tokenTimes[id];
      return request.outputLen > 1 ? (times[times.length - 1] - times[0]) / (request.outputLen - 1) : 0;
    }),
  };
}

const DEFAULT_COST = { stepBase: 10, costPerToken: 0.5, costPerSeq: 1 };

function randomCase(rng: Rng): Args {
  const chunkedPrefill = rng.unit() < 0.6;
  const blockSize = rng.pick([1, 4, 8, 16]);
  const maxPrompt = rng.pick([8, 32, 96]);
  const maxOutput = rng.pick([1, 6, 24]);
  const count = rng.int(1, 24);
  const meanGap = rng.pick([0, 5, 20, 60]);
  let arrival = rng.int(0, 10);
  const requests: ServingRequest[] = [];
  for (let i = 0; i < count; i++) {
    if (i > 0) arrival += Math.floor(-Math.log(1 - rng.unit()) * meanGap);
    requests.push({ arrival, promptLen: rng.int(1, maxPrompt), outputLen: rng.int(1, maxOutput) });
  }
  const peak = Math.max(...requests.map((r) => r.promptLen + r.outputLen - 1));
  const peakBlocks = Math.ceil(peak / blockSize);
  // From barely one request's worth of KV (preemption storms) to plenty.
  const numBlocks = peakBlocks + rng.int(0, rng.pick([0, 2, peakBlocks, 4 * peakBlocks]));
  const minBudget = chunkedPrefill ? 1 : peak;
  const maxNumBatchedTokens = Math.max(minBudget, rng.pick([4, 16, 64, 256]));
  return [
    requests,
    {
      maxNumSeqs: rng.int(1, 8),
      maxNumBatchedTokens,
      chunkedPrefill,
      numBlocks,
      blockSize,
      stepBase: rng.int(0, 20),
      costPerToken: rng.pick([0, 0.25, 0.5, 1, 2]),
      costPerSeq: rng.int(1, 5),
    },
  ];
}

const SIGNATURE_TYPES = `type ServingRequest = { arrival: number; promptLen: number; outputLen: number };
type SchedulerConfig = {
  maxNumSeqs: number; maxNumBatchedTokens: number; chunkedPrefill: boolean;
  numBlocks: number; blockSize: number;
  stepBase: number; costPerToken: number; costPerSeq: number;
};
type ScheduledRequest = { id: number; tokens: number; kind: "prefill" | "decode" };
type SchedulerStep = { start: number; end: number; batch: ScheduledRequest[]; preempted: number[] };
type SchedulerReport = { steps: SchedulerStep[]; ttft: number[]; tpot: number[] };`;

const config = (fields: Partial<SchedulerConfig>): SchedulerConfig => ({
  maxNumSeqs: 4,
  maxNumBatchedTokens: 16,
  chunkedPrefill: true,
  numBlocks: 64,
  blockSize: 4,
  ...DEFAULT_COST,
  ...fields,
});

export const continuousBatchingKernel: KernelSpec<Args, SchedulerReport> = {
  id: "continuous-batching-scheduler",
  functionName: "continuousBatching",
  signature: `${SIGNATURE_TYPES}
function continuousBatching(requests: ServingRequest[], config: SchedulerConfig): SchedulerReport`,
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 24, performance: 0 },
  reference: continuousBatching,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        // A long prompt is chunked around a running decode; a one-token answer has TPOT 0.
        return [
          [
            { arrival: 0, promptLen: 6, outputLen: 3 },
            { arrival: 0, promptLen: 20, outputLen: 2 },
            { arrival: 25, promptLen: 3, outputLen: 1 },
          ],
          config({ maxNumBatchedTokens: 8 }),
        ];
      // Eight blocks of 4 tokens run out while two requests decode: the newer one is preempted and recomputed.
      return [
        [
          { arrival: 0, promptLen: 8, outputLen: 10 },
          { arrival: 0, promptLen: 8, outputLen: 10 },
        ],
        config({ numBlocks: 8, maxNumBatchedTokens: 32 }),
      ];
    }
    switch (index) {
      case 0:
        // A tight budget: decodes must be scheduled before a new long prefill takes the budget.
        return [
          [
            { arrival: 0, promptLen: 4, outputLen: 6 },
            { arrival: 12, promptLen: 40, outputLen: 2 },
          ],
          config({ maxNumBatchedTokens: 8 }),
        ];
      case 1:
        // A prompt longer than the token budget, chunked: no step may exceed maxNumBatchedTokens.
        return [[{ arrival: 0, promptLen: 50, outputLen: 3 }], config({ maxNumBatchedTokens: 16 })];
      case 2:
        // Every request answers with one token: TTFT only, TPOT 0.
        return [
          [
            { arrival: 0, promptLen: 5, outputLen: 1 },
            { arrival: 1, promptLen: 7, outputLen: 1 },
            { arrival: 40, promptLen: 2, outputLen: 1 },
          ],
          config({}),
        ];
      case 3:
        // Out of KV with three requests decoding: the newest is preempted first, the oldest keeps going.
        return [
          [
            { arrival: 0, promptLen: 6, outputLen: 12 },
            { arrival: 0, promptLen: 6, outputLen: 12 },
            { arrival: 0, promptLen: 6, outputLen: 12 },
          ],
          config({ numBlocks: 10, maxNumBatchedTokens: 32 }),
        ];
      case 4:
        // A preempted request goes back in front of a request that was already waiting (maxNumSeqs = 2).
        return [
          [
            { arrival: 0, promptLen: 8, outputLen: 12 },
            { arrival: 0, promptLen: 8, outputLen: 12 },
            { arrival: 1, promptLen: 4, outputLen: 4 },
          ],
          config({ numBlocks: 9, maxNumBatchedTokens: 32, maxNumSeqs: 2 }),
        ];
      case 5:
        // Staggered arrivals: a new request joins the running batch at the next step (no static batching).
        return [
          [
            { arrival: 0, promptLen: 4, outputLen: 20 },
            { arrival: 15, promptLen: 4, outputLen: 3 },
            { arrival: 30, promptLen: 4, outputLen: 3 },
          ],
          config({}),
        ];
      case 6:
        // No chunked prefill: a waiting prompt that does not fit in the remaining budget blocks the queue (FCFS).
        return [
          [
            { arrival: 0, promptLen: 3, outputLen: 8 },
            { arrival: 0, promptLen: 3, outputLen: 8 },
            { arrival: 1, promptLen: 29, outputLen: 2 },
            { arrival: 1, promptLen: 2, outputLen: 2 },
          ],
          config({ chunkedPrefill: false, maxNumBatchedTokens: 30 }),
        ];
      case 7:
        // maxNumSeqs = 1: one request at a time, the others wait in arrival order.
        return [
          [
            { arrival: 0, promptLen: 5, outputLen: 3 },
            { arrival: 0, promptLen: 5, outputLen: 3 },
            { arrival: 2, promptLen: 5, outputLen: 3 },
          ],
          config({ maxNumSeqs: 1 }),
        ];
      case 8:
        // An idle gap: the clock jumps to the next arrival.
        return [
          [
            { arrival: 5, promptLen: 3, outputLen: 2 },
            { arrival: 500, promptLen: 3, outputLen: 2 },
          ],
          config({}),
        ];
      case 9:
        // A preempted request recomputes its prompt and its output so far, chunked, before it decodes again.
        return [
          [
            { arrival: 0, promptLen: 10, outputLen: 14 },
            { arrival: 0, promptLen: 10, outputLen: 14 },
          ],
          config({ numBlocks: 12, blockSize: 2, maxNumBatchedTokens: 6 }),
        ];
      case 10:
        // blockSize 1: KV counted per token, exactly one request's peak fits.
        return [
          [
            { arrival: 0, promptLen: 3, outputLen: 5 },
            { arrival: 0, promptLen: 3, outputLen: 5 },
          ],
          config({ numBlocks: 7, blockSize: 1 }),
        ];
      default:
        return randomCase(rng);
    }
  },
  starterCode: `${SIGNATURE_TYPES}

function continuousBatching(requests: ServingRequest[], config: SchedulerConfig): SchedulerReport {
  // Each step: admit arrivals, schedule running decodes, then running prefill chunks, then waiting requests FCFS
  // under maxNumSeqs, the token budget and the free KV blocks; out of KV, preempt the newest running request.
  return { steps: [], ttft: requests.map(() => 0), tpot: requests.map(() => 0) };
}
`,
  solutionCode: `${SIGNATURE_TYPES}

function continuousBatching(requests: ServingRequest[], config: SchedulerConfig): SchedulerReport {
  const count = requests.length;
  const { maxNumSeqs, maxNumBatchedTokens, chunkedPrefill, blockSize } = config;
  const computed: number[] = new Array(count).fill(0); // tokens whose KV is cached
  const generated: number[] = new Array(count).fill(0); // output tokens sampled so far
  const held: number[] = new Array(count).fill(0); // KV blocks held
  const prefilled: boolean[] = new Array(count).fill(false); // (re)prefill done: decoding
  const tokenTimes: number[][] = requests.map(() => []);
  let running: number[] = []; // ids in arrival order
  const waiting: number[] = [];
  let freeBlocks = config.numBlocks;
  let arrived = 0;
  let finished = 0;
  let now = 0;
  const steps: SchedulerStep[] = [];
  const known = (id: number) => requests[id].promptLen + generated[id];

  while (finished < count) {
    while (arrived < count && requests[arrived].arrival <= now) waiting.push(arrived++);
    if (running.length === 0 && waiting.length === 0) {
      now = requests[arrived].arrival;
      continue;
    }
    let budget = maxNumBatchedTokens;
    const batch: ScheduledRequest[] = [];
    const preempted: number[] = [];
    const preempt = (victim: number) => {
      running = running.filter((id) => id !== victim);
      freeBlocks += held[victim];
      held[victim] = 0;
      computed[victim] = 0;
      prefilled[victim] = false;
      waiting.unshift(victim);
      preempted.push(victim);
    };

    const scheduleRunning = () => {
      const order = [...running.filter((id) => prefilled[id]), ...running.filter((id) => !prefilled[id])];
      for (const id of order) {
        if (budget === 0) break;
        if (!running.includes(id)) continue;
        const tokens = Math.min(known(id) - computed[id], budget);
        const needed = Math.ceil((computed[id] + tokens) / blockSize) - held[id];
        while (needed > freeBlocks && running.includes(id)) preempt(running[running.length - 1]);
        if (!running.includes(id)) break;
        freeBlocks -= needed;
        held[id] += needed;
        budget -= tokens;
        batch.push({ id, tokens, kind: prefilled[id] ? "decode" : "prefill" });
      }
    };
    const admitWaiting = () => {
      while (preempted.length === 0 && waiting.length > 0 && budget > 0 && running.length < maxNumSeqs) {
        const id = waiting[0];
        if (!chunkedPrefill && known(id) > budget) break;
        const tokens = Math.min(known(id), budget);
        const needed = Math.ceil(tokens / blockSize);
        if (needed > freeBlocks) break;
        waiting.shift();
        freeBlocks -= needed;
        held[id] = needed;
        budget -= tokens;
        running = [...running, id].sort((a, b) => a - b);
        batch.push({ id, tokens, kind: "prefill" });
      }
    };
    scheduleRunning();
    admitWaiting();

    const batchedTokens = batch.reduce((sum, entry) => sum + entry.tokens, 0);
    const end = now + (config.stepBase + config.costPerToken * batchedTokens + config.costPerSeq * batch.length);
    for (const { id, tokens } of batch) {
      computed[id] += tokens;
      if (computed[id] < known(id)) continue;
      prefilled[id] = true;
      generated[id] += 1;
      tokenTimes[id].push(end);
      if (generated[id] === requests[id].outputLen) {
        finished += 1;
        freeBlocks += held[id];
        held[id] = 0;
        running = running.filter((other) => other !== id);
      }
    }
    steps.push({ start: now, end, batch, preempted });
    now = end;
  }

  return {
    steps,
    ttft: requests.map((request, id) => tokenTimes[id][0] - request.arrival),
    tpot: requests.map((request, id) => {
      const times = tokenTimes[id];
      return request.outputLen > 1 ? (times[times.length - 1] - times[0]) / (request.outputLen - 1) : 0;
    }),
  };
}
`,
};
