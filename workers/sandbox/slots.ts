// A fixed number of slots, each holding one sandboxed process (replaced in place when it fails). Work takes a
// free slot or waits in line for one; closing waits until no slot is busy. Used by the executor pool and by
// the Python runtime's zygotes.

export class Slots<S extends { busy: boolean }> {
  readonly all: S[];
  readonly #waiting: ((slot: S) => void)[] = [];
  readonly #idleWaiters: (() => void)[] = [];

  constructor(size: number, create: () => S) {
    if (!Number.isInteger(size) || size < 1) throw new Error("pool size must be a positive integer");
    this.all = Array.from({ length: size }, create);
  }

  /** Starts every slot's process; when one cannot start, `onFailure` runs and the error is rethrown. */
  async fill(start: (slot: S) => Promise<void>, onFailure: () => Promise<void>): Promise<void> {
    try {
      await Promise.all(this.all.map(start));
    } catch (error) {
      await onFailure();
      throw error;
    }
  }

  acquire(): Promise<S> {
    const free = this.all.find((slot) => !slot.busy);
    if (free) {
      free.busy = true;
      return Promise.resolve(free);
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  /** Hands the slot to the next in line, or frees it. */
  release(slot: S): void {
    const next = this.#waiting.shift();
    if (next) {
      next(slot);
      return;
    }
    slot.busy = false;
    for (const notify of this.#idleWaiters.splice(0)) notify();
  }

  /** Resolves once no slot is busy. */
  async idle(): Promise<void> {
    while (this.all.some((slot) => slot.busy)) await new Promise<void>((resolve) => this.#idleWaiters.push(resolve));
  }
}
