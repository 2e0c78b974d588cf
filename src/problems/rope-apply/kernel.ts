import { requireArray, requireFinite, requireInteger, requireVector } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type RopeLayout = "interleaved" | "half";
export type RopeScaling = { type: "none" | "linear" | "ntk"; factor: number };
type Args = [x: number[][][], positionOffset: number, base: number, layout: RopeLayout, scaling: RopeScaling];

/** x as seq × heads × d with d even and ≥ 4; returns [seq, heads, d]. */
function shapeOf(x: unknown): [number, number, number] {
  requireArray(x, "x");
  if (x.length === 0) throw new KernelInputError("x must hold at least one token");
  let heads = -1;
  let d = -1;
  x.forEach((token, t) => {
    requireArray(token, `x[${t}]`);
    if (heads === -1) heads = token.length;
    if (token.length !== heads || heads === 0) throw new KernelInputError(`x[${t}] must hold ${heads} heads`);
    token.forEach((head, h) => {
      if (d === -1) d = Array.isArray(head) ? head.length : 0;
      requireVector(head, `x[${t}][${h}]`, { length: d });
    });
  });
  if (d < 4 || d % 2 !== 0) throw new KernelInputError(`the head dimension must be even and ≥ 4, got ${d}`);
  return [x.length, heads, d];
}

/**
 * Rotary position embedding (RoFormer) of every head of every token. Token t sits at position
 * p = positionOffset + t (divided by the factor under linear scaling, i.e. position interpolation); pair i of
 * the head rotates by the angle p·θ_i with θ_i = base'^(−2i/d), where base' = base·factor^(d/(d−2)) under
 * NTK-aware scaling and base otherwise. The pairs are (2i, 2i+1) in the interleaved (GPT-J, Meta Llama) layout
 * and (i, i + d/2) in the half-split (GPT-NeoX, Hugging Face rotate_half) layout.
 */
export function ropeApply(
  x: number[][][],
  positionOffset: number,
  base: number,
  layout: RopeLayout,
  scaling: RopeScaling,
): number[][][] {
  const [, , d] = shapeOf(x);
  requireInteger(positionOffset, "positionOffset", 0);
  requireFinite(base, "base");
  if (base <= 1) throw new KernelInputError(`base must be > 1, got ${base}`);
  if (layout !== "interleaved" && layout !== "half") {
    throw new KernelInputError(`layout must be "interleaved" or "half", got ${String(layout)}`);
  }
  if (typeof scaling !== "object" || scaling === null || !["none", "linear", "ntk"].includes(scaling.type)) {
    throw new KernelInputError('scaling must be { type: "none" | "linear" | "ntk", factor }');
  }
  requireFinite(scaling.factor, "scaling.factor");
  if (scaling.factor < 1) throw new KernelInputError(`scaling.factor must be ≥ 1, got ${scaling.factor}`);
  const half = d / 2;
  const rotaryBase = scaling.type === "ntk" ? base * scaling.factor ** (d / (d - 2)) : base;
  const thetas = Array.from({ length: half }, (_, i) => rotaryBase ** ((-2 * i) / d));
  return x.map((token, t) => {
    const position = scaling.type === "linear" ? (positionOffset + t) / scaling.factor : positionOffset + t;
    const cos = thetas.map((theta) => Math.cos(position * theta));
    const sin = thetas.map((theta) => Math.sin(position * theta));
    return token.map((head) => {
      const out = new Array<number>(d);
      for (let i = 0; i < half; i++) {
        const [first, second] = layout === "interleaved" ? [2 * i, 2 * i + 1] : [i, i + half];
        out[first] = head[first] * cos[i] - head[second] * sin[i];
        out[second] = head[first] * sin[i] + head[second] * cos[i];
      }
      return out;
    });
  });
}

function randomX(rng: Rng, seq: number, heads: number, d: number): number[][][] {
  return Array.from({ length: seq }, () => rng.matrix(heads, d, -2, 2));
}

const NONE: RopeScaling = { type: "none", factor: 1 };

export const ropeApplyKernel: KernelSpec<Args, number[][][]> = {
  id: "rope-apply",
  functionName: "ropeApply",
  signature:
    'function ropeApply(x: number[][][], positionOffset: number, base: number, layout: "interleaved" | "half", scaling: { type: "none" | "linear" | "ntk"; factor: number }): number[][][]',
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 12, performance: 0 },
  reference: ropeApply,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) return [[[[1, 0, 0, 1]], [[1, 0, 0, 1]]], 0, 100, "half", NONE];
      return [[[[1, 2, 3, 4]], [[1, 2, 3, 4]]], 1, 100, "interleaved", NONE];
    }
    switch (index) {
      case 0:
        return [randomX(rng, 1, 2, 4), 0, 10000, "half", NONE]; // position 0: the identity
      case 1:
        return [randomX(rng, 1, 4, 8), 4093, 10000, "half", NONE]; // one decode token far into the sequence
      case 2:
        return [randomX(rng, 3, 2, 8), 17, 10000, "interleaved", NONE];
      case 3:
        return [randomX(rng, 4, 2, 8), 100, 10000, "half", { type: "linear", factor: 4 }];
      case 4:
        return [randomX(rng, 3, 1, 8), 50, 10000, "half", { type: "ntk", factor: 8 }]; // exponent 8/6 matters at small d
      case 5:
        return [randomX(rng, 2, 2, 16), 1000, 10000, "interleaved", { type: "ntk", factor: 4 }];
      case 6:
        return [randomX(rng, 2, 2, 64), 8000, 500000, "half", NONE]; // Llama 3's base, a long context
      case 7:
        return [randomX(rng, 5, 1, 4), 0, 10000, "interleaved", { type: "linear", factor: 2 }];
      default: {
        const scaling = rng.pick<RopeScaling>([NONE, { type: "linear", factor: 2 }, { type: "ntk", factor: 4 }]);
        const layout = rng.pick<RopeLayout>(["interleaved", "half"]);
        const d = 2 * rng.int(2, 16);
        return [randomX(rng, rng.int(1, 6), rng.int(1, 4), d), rng.int(0, 2048), 10000, layout, scaling];
      }
    }
  },
  starterCode: `function ropeApply(
  x: number[][][],
  positionOffset: number,
  base: number,
  layout: "interleaved" | "half",
  scaling: { type: "none" | "linear" | "ntk"; factor: number },
): number[][][] {
  // x is seq × heads × d. Token t is at position p = positionOffset + t (p / factor under linear scaling).
  // Pair i (0 ≤ i < d/2) rotates by p·θ_i, θ_i = base^(-2i/d) (base·factor^(d/(d-2)) under NTK scaling).
  // Pairs: (2i, 2i+1) when interleaved, (i, i + d/2) when half. (a, b) → (a·cos − b·sin, a·sin + b·cos).
  return x.map((token) => token.map((head) => head.slice()));
}
`,
  solutionCode: `function ropeApply(
  x: number[][][],
  positionOffset: number,
  base: number,
  layout: "interleaved" | "half",
  scaling: { type: "none" | "linear" | "ntk"; factor: number },
): number[][][] {
  const d = x[0][0].length;
  const half = d / 2;
  const rotaryBase = scaling.type === "ntk" ? base * Math.pow(scaling.factor, d / (d - 2)) : base;
  const invFreq: number[] = [];
  for (let i = 0; i < half; i++) invFreq.push(1 / Math.pow(rotaryBase, (2 * i) / d));
  return x.map((token, t) => {
    let p = positionOffset + t;
    if (scaling.type === "linear") p /= scaling.factor;
    return token.map((head) => {
      const out = new Array<number>(d);
      for (let i = 0; i < half; i++) {
        const a = layout === "interleaved" ? 2 * i : i;
        const b = layout === "interleaved" ? 2 * i + 1 : i + half;
        const c = Math.cos(p * invFreq[i]);
        const s = Math.sin(p * invFreq[i]);
        out[a] = head[a] * c - head[b] * s;
        out[b] = head[a] * s + head[b] * c;
      }
      return out;
    });
  });
}
`,
};
