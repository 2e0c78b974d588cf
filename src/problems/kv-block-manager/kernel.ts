import { compareValues } from "../../kernels/compare.ts";
import { requireArray, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type KvEvent =
  | { op: "prefill"; seq: number; tokens: number }
  | { op: "append"; seq: number }
  | { op: "fork"; seq: number; child: number }
  | { op: "finish"; seq: number };

export type SeqTable = { seq: number; tokens: number; blocks: number[] };

export type KvStep = {
  tables: SeqTable[];
  free: number;
  refs: number[];
  copies: number[][];
  preempted: number[];
};

type Args = [numBlocks: number, blockSize: number, events: KvEvent[]];

type LiveSeq = { tokens: number; blocks: number[]; lastTouch: number };

const MAX_BLOCKS = 4096;
const MAX_EVENTS = 20_000;

/**
 * A paged KV-cache block allocator (vLLM's block manager, reduced to its bookkeeping): per event, allocate,
 * append with copy-on-write, fork by sharing, free by reference count, and preempt the least recently touched
 * sequence (recompute: its blocks are dropped) when an allocation cannot be met.
 */
export function kvBlockManager(numBlocks: number, blockSize: number, events: KvEvent[]): KvStep[] {
  requireInteger(numBlocks, "numBlocks", 1, MAX_BLOCKS);
  requireInteger(blockSize, "blockSize", 1, 1 << 20);
  requireArray(events, "events");
  if (events.length > MAX_EVENTS) throw new KernelInputError(`at most ${MAX_EVENTS} events`);

  const refs = new Array<number>(numBlocks).fill(0);
  const live = new Map<number, LiveSeq>();
  let freeCount = numBlocks;
  const steps: KvStep[] = [];

  const allocate = (): number => {
    const id = refs.indexOf(0); // the free list hands out the lowest free id
    refs[id] = 1;
    freeCount -= 1;
    return id;
  };
  const release = (block: number): void => {
    refs[block] = (refs[block] as number) - 1;
    if (refs[block] === 0) freeCount += 1;
  };
  const leastRecent = (except: number): number | undefined => {
    let victim: number | undefined;
    let victimTouch = Number.POSITIVE_INFINITY;
    for (const [id, seq] of live) {
      if (id === except) continue;
      if (seq.lastTouch < victimTouch || (seq.lastTouch === victimTouch && id < (victim as number))) {
        victim = id;
        victimTouch = seq.lastTouch;
      }
    }
    return victim;
  };

  events.forEach((event, step) => {
    if (typeof event !== "object" || event === null) throw new KernelInputError(`events[${step}] must be an object`);
    const copies: number[][] = [];
    const preempted: number[] = [];
    const preempt = (id: number): void => {
      for (const block of (live.get(id) as LiveSeq).blocks) release(block);
      live.delete(id);
      preempted.push(id);
    };
    const seqId = requireInteger(event.seq, `events[${step}].seq`, 0);
    const current = live.get(seqId);
    switch (event.op) {
      case "prefill": {
        if (current) throw new KernelInputError(`events[${step}]: sequence ${seqId} is already live`);
        const tokens = requireInteger(event.tokens, `events[${step}].tokens`, 1);
        const needed = Math.ceil(tokens / blockSize);
        if (needed > numBlocks)
          throw new KernelInputError(`events[${step}]: ${tokens} tokens need ${needed} blocks, more than ${numBlocks}`);
        while (freeCount < needed) preempt(leastRecent(seqId) as number);
        const blocks: number[] = [];
        for (let i = 0; i < needed; i++) blocks.push(allocate());
        live.set(seqId, { tokens, blocks, lastTouch: step });
        break;
      }
      case "append": {
        if (!current) throw new KernelInputError(`events[${step}]: sequence ${seqId} is not live`);
        // A new block when the last one is full, a copy when it is shared; recomputed after every preemption,
        // since preempting a sequence that shares the last block can make the copy unnecessary.
        const blocksNeeded = () => {
          const last = current.blocks[current.blocks.length - 1] as number;
          return current.tokens % blockSize === 0 || (refs[last] as number) > 1 ? 1 : 0;
        };
        let self = false;
        while (freeCount < blocksNeeded()) {
          const victim = leastRecent(seqId);
          if (victim === undefined) {
            preempt(seqId);
            self = true;
            break;
          }
          preempt(victim);
        }
        if (self) break;
        const lastIndex = current.blocks.length - 1;
        const last = current.blocks[lastIndex] as number;
        if (current.tokens % blockSize === 0) current.blocks.push(allocate());
        else if ((refs[last] as number) > 1) {
          const copy = allocate();
          copies.push([last, copy]);
          release(last);
          current.blocks[lastIndex] = copy;
        }
        current.tokens += 1;
        current.lastTouch = step;
        break;
      }
      case "fork": {
        if (!current) throw new KernelInputError(`events[${step}]: sequence ${seqId} is not live`);
        const child = requireInteger(event.child, `events[${step}].child`, 0);
        if (live.has(child)) throw new KernelInputError(`events[${step}]: child ${child} is already live`);
        for (const block of current.blocks) refs[block] = (refs[block] as number) + 1;
        live.set(child, { tokens: current.tokens, blocks: [...current.blocks], lastTouch: step });
        current.lastTouch = step;
        break;
      }
      case "finish": {
        if (!current) throw new KernelInputError(`events[${step}]: sequence ${seqId} is not live`);
        for (const block of current.blocks) release(block);
        live.delete(seqId);
        break;
      }
      default:
        throw new KernelInputError(`events[${step}].op must be prefill, append, fork or finish`);
    }
    const tables = [...live.entries()]
      .sort(([a], [b]) => a - b)
      .map(([seq, state]) => ({ seq, tokens: state.tokens, blocks: [...state.blocks] }));
    steps.push({ tables, free: freeCount, refs: [...refs], copies, preempted });
  });
  return steps;
}

// ------------------------------------------------------------------------------------------------ tests

const prefill = (seq: number, tokens: number): KvEvent => ({ op: "prefill", seq, tokens });
const append = (seq: number, times = 1): KvEvent[] => Array.from({ length: times }, () => ({ op: "append", seq }));
const fork = (seq: number, child: number): KvEvent => ({ op: "fork", seq, child });
const finish = (seq: number): KvEvent => ({ op: "finish", seq });

/** The statement's example: prefill, append into a partial block, fork, copy-on-write, finish. */
const EXAMPLE: Args = [8, 4, [prefill(0, 6), append(0)[0] as KvEvent, fork(0, 1), ...append(1), finish(0)]];

/**
 * A random but valid event list: the events are drawn one at a time against the state the reference reaches, so
 * appends, forks and finishes name live sequences and preempted sequences come back by a re-prefill of all their
 * tokens (recompute).
 */
function randomEvents(rng: Rng, numBlocks: number, blockSize: number, count: number): KvEvent[] {
  const events: KvEvent[] = [];
  const waiting = new Map<number, number>(); // preempted sequence → its tokens, to be re-prefilled
  let nextId = 0;
  let live: SeqTable[] = [];
  const capacity = numBlocks * blockSize;
  for (let i = 0; i < count; i++) {
    const roll = rng.int(0, 99);
    let event: KvEvent;
    if (live.length === 0 || roll < 14) {
      const back = [...waiting.entries()].find(([, tokens]) => tokens <= capacity);
      if (back && rng.int(0, 1) === 0) {
        event = prefill(back[0], back[1]);
        waiting.delete(back[0]);
      } else {
        event = prefill(nextId++, rng.int(1, Math.min(capacity, 4 * blockSize + 3)));
      }
    } else {
      const target = rng.pick(live);
      if (roll < 80) event = { op: "append", seq: target.seq };
      else if (roll < 92) event = fork(target.seq, nextId++);
      else event = finish(target.seq);
    }
    events.push(event);
    const steps = kvBlockManager(numBlocks, blockSize, events);
    const last = steps[steps.length - 1] as KvStep;
    const before = new Map(live.map((table) => [table.seq, table.tokens]));
    for (const id of last.preempted) waiting.set(id, before.get(id) ?? 0);
    live = last.tables;
  }
  return events;
}

const SIGNATURE_TYPES = `type KvEvent =
  | { op: "prefill"; seq: number; tokens: number }
  | { op: "append"; seq: number }
  | { op: "fork"; seq: number; child: number }
  | { op: "finish"; seq: number };
type SeqTable = { seq: number; tokens: number; blocks: number[] };
type KvStep = { tables: SeqTable[]; free: number; refs: number[]; copies: number[][]; preempted: number[] };`;

export const kvBlockManagerKernel: KernelSpec<Args, KvStep[]> = {
  id: "kv-block-manager",
  functionName: "kvBlockManager",
  signature: `${SIGNATURE_TYPES}
function kvBlockManager(numBlocks: number, blockSize: number, events: KvEvent[]): KvStep[]`,
  tolerance: { atol: 0, rtol: 0 },
  testCounts: { sample: 2, hidden: 16, performance: 0 },
  reference: kvBlockManager,
  check(got, want, tolerance) {
    return compareValues(got, want, { ...tolerance, exact: true });
  },
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) return [EXAMPLE[0], EXAMPLE[1], [...EXAMPLE[2]]];
      // Three sequences in four blocks: the third prefill preempts the least recently touched one.
      return [4, 2, [prefill(0, 3), prefill(1, 2), ...append(0), prefill(2, 3), ...append(2, 2)]];
    }
    switch (index) {
      case 0:
        // Token counts on and off block boundaries: ceil, not floor or floor + 1.
        return [16, 4, [prefill(0, 8), prefill(1, 5), prefill(2, 1), prefill(3, 4), ...append(0), ...append(3)]];
      case 1:
        // Copy-on-write of a shared partial block; afterwards the parent writes in place.
        return [8, 4, [prefill(0, 6), fork(0, 1), ...append(1), ...append(0), ...append(1, 3), finish(0), finish(1)]];
      case 2:
        // A full shared last block: a new block, no copy; the shared blocks stay shared.
        return [8, 4, [prefill(0, 4), fork(0, 1), ...append(1), ...append(0), finish(1), ...append(0, 4)]];
      case 3:
        // Finishing one of two sharers frees nothing; finishing the other frees all.
        return [6, 2, [prefill(0, 5), fork(0, 1), fork(1, 2), finish(0), prefill(3, 6), finish(2), finish(1)]];
      case 4:
        // Least recently touched, not most recently admitted: sequence 0 keeps decoding, 1 sits idle.
        return [6, 2, [prefill(0, 4), prefill(1, 4), prefill(2, 2), ...append(0, 4), ...append(2)]];
      case 5:
        // A lone sequence that fills the pool preempts itself, then comes back by a re-prefill.
        return [3, 2, [prefill(0, 5), ...append(0, 2), prefill(0, 6), ...append(0)]];
      case 6:
        // Preempting the parent makes the copy unnecessary: stop preempting as soon as the need is met.
        return [3, 4, [prefill(0, 6), fork(0, 1), prefill(2, 3), ...append(1), ...append(1)]];
      case 7:
        // A fork touches its parent too: afterwards the untouched sequence 1 is the least recent.
        return [5, 2, [prefill(0, 4), prefill(1, 4), fork(0, 2), prefill(3, 3), ...append(2)]];
      case 8:
        // The free list hands out the lowest ids: holes left by a finish are filled first, in order.
        return [
          10,
          2,
          [prefill(0, 4), prefill(1, 4), prefill(2, 4), finish(1), finish(0), prefill(3, 7), ...append(2)],
        ];
      case 9:
        // Ties in last touch (a fork touches both) go to the lower id; several victims in one step.
        return [4, 1, [prefill(0, 1), fork(0, 1), prefill(2, 2), prefill(3, 3)]];
      case 10:
        // Block size 1: every append needs a block; forks then copy nothing.
        return [6, 1, [prefill(0, 2), fork(0, 1), ...append(0), ...append(1), ...append(0, 3)]];
      default: {
        const numBlocks = rng.int(4, 16);
        const blockSize = rng.pick([1, 2, 3, 4, 8, 16]);
        return [numBlocks, blockSize, randomEvents(rng, numBlocks, blockSize, rng.int(30, 100))];
      }
    }
  },
  starterCode: `${SIGNATURE_TYPES}

function kvBlockManager(numBlocks: number, blockSize: number, events: KvEvent[]): KvStep[] {
  // Keep a ref count per physical block and, per live sequence, its token count, block table and last touch.
  // Each event: allocate (lowest free id first), append (new block or copy-on-write), fork (share), finish (free),
  // preempting the least recently touched sequence while the free blocks do not cover the need.
  return events.map(() => ({ tables: [], free: numBlocks, refs: new Array(numBlocks).fill(0), copies: [], preempted: [] }));
}
`,
  solutionCode: `${SIGNATURE_TYPES}

function kvBlockManager(numBlocks: number, blockSize: number, events: KvEvent[]): KvStep[] {
  const refs: number[] = new Array(numBlocks).fill(0);
  const live = new Map<number, { tokens: number; blocks: number[]; touch: number }>();
  let free = numBlocks;
  const steps: KvStep[] = [];

  const allocate = (): number => {
    const id = refs.indexOf(0);
    refs[id] = 1;
    free--;
    return id;
  };
  const release = (block: number): void => {
    refs[block] -= 1;
    if (refs[block] === 0) free++;
  };
  const victimFor = (requester: number): number | undefined => {
    let best: number | undefined;
    for (const [id, s] of live) {
      if (id === requester) continue;
      if (best === undefined) best = id;
      else {
        const b = live.get(best)!;
        if (s.touch < b.touch || (s.touch === b.touch && id < best)) best = id;
      }
    }
    return best;
  };

  events.forEach((event, step) => {
    const copies: number[][] = [];
    const preempted: number[] = [];
    const preempt = (id: number): void => {
      for (const block of live.get(id)!.blocks) release(block);
      live.delete(id);
      preempted.push(id);
    };
    if (event.op === "prefill") {
      const needed = Math.ceil(event.tokens / blockSize);
      while (free < needed) preempt(victimFor(event.seq)!);
      const blocks: number[] = [];
      for (let i = 0; i < needed; i++) blocks.push(allocate());
      live.set(event.seq, { tokens: event.tokens, blocks, touch: step });
    } else if (event.op === "append") {
      const s = live.get(event.seq)!;
      const need = (): number => {
        const last = s.blocks[s.blocks.length - 1];
        return s.tokens % blockSize === 0 || refs[last] > 1 ? 1 : 0;
      };
      let selfPreempted = false;
      while (free < need()) {
        const victim = victimFor(event.seq);
        if (victim === undefined) {
          preempt(event.seq);
          selfPreempted = true;
          break;
        }
        preempt(victim);
      }
      if (!selfPreempted) {
        const lastIndex = s.blocks.length - 1;
        const last = s.blocks[lastIndex];
        if (s.tokens % blockSize === 0) {
          s.blocks.push(allocate());
        } else if (refs[last] > 1) {
          const copy = allocate();
          copies.push([last, copy]);
          release(last);
          s.blocks[lastIndex] = copy;
        }
        s.tokens += 1;
        s.touch = step;
      }
    } else if (event.op === "fork") {
      const parent = live.get(event.seq)!;
      for (const block of parent.blocks) refs[block] += 1;
      live.set(event.child, { tokens: parent.tokens, blocks: [...parent.blocks], touch: step });
      parent.touch = step;
    } else {
      for (const block of live.get(event.seq)!.blocks) release(block);
      live.delete(event.seq);
    }
    const tables = [...live.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([seq, s]) => ({ seq, tokens: s.tokens, blocks: [...s.blocks] }));
    steps.push({ tables, free, refs: [...refs], copies, preempted });
  });
  return steps;
}
`,
};
