// Property tests of kv-block-manager (src/problems/kv-block-manager): on random valid event lists from the
// problem's own generator, every reported step satisfies the allocator's invariants, and invalid events are refused.
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { Rng } from "../../src/kernels/rng.ts";
import { KernelInputError } from "../../src/kernels/types.ts";
import { type KvEvent, kvBlockManager, kvBlockManagerKernel } from "../../src/problems/kv-block-manager/kernel.ts";

const FIRST_RANDOM_HIDDEN = 11;

describe("kv-block-manager", () => {
  it("keeps reference counts, free count, table lengths and copies consistent at every step", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const [numBlocks, blockSize, events] = kvBlockManagerKernel.generate(
          "hidden",
          FIRST_RANDOM_HIDDEN,
          new Rng(seed),
        );
        const steps = kvBlockManager(numBlocks, blockSize, events);
        expect(steps).toHaveLength(events.length);
        let previousRefs = new Array<number>(numBlocks).fill(0);
        let previousLive = new Set<number>();
        steps.forEach((step, t) => {
          const holders = new Array<number>(numBlocks).fill(0);
          for (const table of step.tables) {
            expect(table.blocks).toHaveLength(Math.ceil(table.tokens / blockSize));
            expect(new Set(table.blocks).size).toBe(table.blocks.length);
            for (const block of table.blocks) holders[block] = (holders[block] as number) + 1;
          }
          expect(step.refs).toEqual(holders);
          expect(step.free).toBe(holders.filter((count) => count === 0).length);
          const live = new Set(step.tables.map((table) => table.seq));
          for (const id of step.preempted) {
            expect(previousLive.has(id)).toBe(true);
            expect(live.has(id)).toBe(false);
          }
          const event = events[t] as KvEvent;
          for (const id of previousLive) {
            const gone = step.preempted.includes(id) || (event.op === "finish" && event.seq === id);
            expect(live.has(id)).toBe(!gone);
          }
          for (const [source, destination] of step.copies) {
            // The copy's source was shared before the write; its destination was a free block.
            expect(previousRefs[source as number]).toBeGreaterThan(1);
            expect(step.refs[destination as number]).toBe(1);
          }
          previousRefs = step.refs;
          previousLive = live;
        });
      }),
      { numRuns: 60 },
    );
  });

  it("refuses events that name a sequence in the wrong state or a prompt larger than the pool", () => {
    const prefill = (seq: number, tokens: number): KvEvent => ({ op: "prefill", seq, tokens });
    expect(() => kvBlockManager(4, 2, [{ op: "append", seq: 0 }])).toThrow(KernelInputError);
    expect(() => kvBlockManager(4, 2, [prefill(0, 2), prefill(0, 2)])).toThrow(KernelInputError);
    expect(() => kvBlockManager(4, 2, [prefill(0, 9)])).toThrow(KernelInputError);
    expect(() => kvBlockManager(4, 2, [prefill(0, 2), prefill(1, 2), { op: "fork", seq: 0, child: 1 }])).toThrow(
      KernelInputError,
    );
    expect(() => kvBlockManager(4, 2, [prefill(0, 2), { op: "finish", seq: 0 }, { op: "finish", seq: 0 }])).toThrow(
      KernelInputError,
    );
    expect(() => kvBlockManager(0, 2, [])).toThrow(KernelInputError);
  });
});
