import { uniformFloat64 } from "pure-rand/distribution/uniformFloat64";
import { uniformInt } from "pure-rand/distribution/uniformInt";
import { xoroshiro128plus, xoroshiro128plusFromState } from "pure-rand/generator/xoroshiro128plus";

/** A seeded, platform-independent PRNG for test generation (never Math.random). */
export class Rng {
  readonly #gen: ReturnType<typeof xoroshiro128plus>;

  /** From a 32-bit seed, or from a full 128-bit state (four 32-bit words, not all zero). */
  constructor(seed: number | readonly number[]) {
    this.#gen = typeof seed === "number" ? xoroshiro128plus(seed | 0) : xoroshiro128plusFromState(seed);
  }

  /** Integer in [from, to], both inclusive. */
  int(from: number, to: number): number {
    return uniformInt(this.#gen, from, to);
  }

  /** Float in [0, 1). */
  unit(): number {
    return uniformFloat64(this.#gen);
  }

  /** Float in [lo, hi). */
  float(lo: number, hi: number): number {
    return lo + (hi - lo) * this.unit();
  }

  /** Standard normal via Box–Muller. */
  normal(mean = 0, std = 1): number {
    const u1 = 1 - this.unit();
    const u2 = this.unit();
    return mean + std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  floats(length: number, lo = -1, hi = 1): number[] {
    return Array.from({ length }, () => this.float(lo, hi));
  }

  float64Array(length: number, lo = -1, hi = 1): Float64Array {
    const out = new Float64Array(length);
    for (let i = 0; i < length; i++) out[i] = this.float(lo, hi);
    return out;
  }

  matrix(rows: number, cols: number, lo = -1, hi = 1): number[][] {
    return Array.from({ length: rows }, () => this.floats(cols, lo, hi));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError("pick from an empty list");
    return items[this.int(0, items.length - 1)] as T;
  }
}

/** Derives an independent seed per test so inserting a test never shifts the others. */
export function testSeed(baseSeed: number, kind: string, index: number): number {
  let h = 2166136261 ^ baseSeed;
  for (const ch of `${kind}#${index}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 16777619);
  }
  return h | 0;
}
