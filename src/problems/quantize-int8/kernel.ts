import { compareValues } from "../../kernels/compare.ts";
import { requireVector } from "../../kernels/guards.ts";
import { round2 } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type QuantMode = "symmetric" | "affine";
type Args = [x: number[], mode: QuantMode];
export type QuantizeResult = { q: number[]; scale: number; zeroPoint: number; dequantized: number[] };

type Parameters = { scale: number; zeroPoint: number; qMin: number; qMax: number };

/** Below the smallest normal double a scale loses precision (or underflows to 0): treat the range as empty. */
const MIN_SCALE = 2 ** -1022;

/** The exact formulas of the statement; the values before rounding are exposed for the generator. */
function quantParameters(x: readonly number[], mode: QuantMode): Parameters & { zeroPointRaw: number } {
  if (mode === "symmetric") {
    let maxAbs = 0;
    for (const v of x) maxAbs = Math.max(maxAbs, Math.abs(v));
    const scale = maxAbs / 127;
    return { scale: scale < MIN_SCALE ? 1 : scale, zeroPoint: 0, zeroPointRaw: 0, qMin: -127, qMax: 127 };
  }
  // The affine range always contains 0 so that 0 is represented exactly.
  let lo = 0;
  let hi = 0;
  for (const v of x) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  if (!Number.isFinite(hi - lo)) throw new KernelInputError("the range max(x) − min(x) overflows a double");
  const scale = (hi - lo) / 255;
  if (scale < MIN_SCALE) return { scale: 1, zeroPoint: 0, zeroPointRaw: 0, qMin: -128, qMax: 127 };
  const zeroPointRaw = -128 - lo / scale;
  // "+ 0" turns Math.round's −0 (for a raw value in (−0.5, 0)) into 0.
  const zeroPoint = Math.min(127, Math.max(-128, Math.round(zeroPointRaw))) + 0;
  return { scale, zeroPoint, zeroPointRaw, qMin: -128, qMax: 127 };
}

/**
 * Per-tensor int8 quantisation. symmetric: scale = max|x|/127, zeroPoint 0, q in [−127, 127].
 * affine: [lo, hi] = [min(min x, 0), max(max x, 0)], scale = (hi − lo)/255,
 * zeroPoint = round(−128 − lo/scale), q in [−128, 127]. Both: q = clamp(round(x/scale) + zeroPoint),
 * dequantized = (q − zeroPoint)·scale. A scale below 2^−1022 (an all-zero input, or subnormal values) is
 * replaced by scale 1 with zeroPoint 0. round is Math.round.
 */
function quantizeInt8(x: number[], mode: QuantMode): QuantizeResult {
  requireVector(x, "x");
  if (mode !== "symmetric" && mode !== "affine") throw new KernelInputError(`mode must be "symmetric" or "affine"`);
  const { scale, zeroPoint, qMin, qMax } = quantParameters(x, mode);
  const q = x.map((v) => Math.min(qMax, Math.max(qMin, Math.round(v / scale) + zeroPoint)));
  return { q, scale, zeroPoint, dequantized: q.map((level) => (level - zeroPoint) * scale) };
}

/** Distance of v from the nearest rounding boundary (k + 0.5). */
const boundaryDistance = (v: number): number => Math.abs(v - Math.floor(v) - 0.5);

/**
 * True when no rounding in the test sits within 1e-6 of a .5 boundary, where an equivalent formula
 * (x·(1/scale), or reordering) could legitimately round the other way. Exported for the tests.
 */
export function unambiguousQuantization(x: readonly number[], mode: QuantMode): boolean {
  const { scale, zeroPointRaw } = quantParameters(x, mode);
  if (mode === "affine" && boundaryDistance(zeroPointRaw) < 1e-6) return false;
  return x.every((v) => boundaryDistance(v / scale) >= 1e-6);
}

/** Redraws (range included) until the test is unambiguous; a fixed range could be ambiguous for every draw. */
function drawUnambiguous(mode: QuantMode, draw: () => number[]): number[] {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const x = draw();
    if (unambiguousQuantization(x, mode)) return x;
  }
  throw new Error("quantize_int8 generator found no unambiguous test in 1000 draws");
}

export const quantizeInt8Kernel: KernelSpec<Args, QuantizeResult> = {
  id: "quantize-int8",
  functionName: "quantizeInt8",
  signature:
    'function quantizeInt8(x: number[], mode: "symmetric" | "affine"): { q: number[]; scale: number; zeroPoint: number; dequantized: number[] }',
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 9, performance: 0 },
  reference: quantizeInt8,
  generate(kind, index, rng) {
    if (kind === "sample") return index === 0 ? [[0.5, -1.27, 0.3, 1.0], "symmetric"] : [[0, 0.7, 2.55, 1.1], "affine"];
    switch (index) {
      case 0:
        return [[0, 0, 0], "symmetric"]; // all zeros: scale 1
      case 1:
        return [[0, 0], "affine"];
      case 2:
        return [[-3.3], "symmetric"]; // a single value maps to -127
      case 3:
        return [[0.25, 1.5, 3.75], "affine"]; // all positive: lo = 0, zeroPoint = -128
      case 4:
        return [[-1, 1.78, 0.3], "affine"]; // zeroPoint −128 − lo/scale ≈ −36.27 rounds to −36 (floor gives −37)
      default: {
        const mode: QuantMode = index % 2 === 0 ? "symmetric" : "affine";
        const n = rng.int(1, 64);
        const draw = () => {
          const lo = rng.float(-10, 1);
          const hi = lo + rng.float(0.01, 10);
          return rng.floats(n, lo, hi).map((v) => (index === 5 ? round2(v) : v));
        };
        return [drawUnambiguous(mode, draw), mode];
      }
    }
  },
  check(got, want, tolerance) {
    if (typeof got !== "object" || got === null) return { ok: false, message: "result must be an object" };
    const record = got as Record<string, unknown>;
    const levels = compareValues(
      { q: record.q, zeroPoint: record.zeroPoint },
      { q: want.q, zeroPoint: want.zeroPoint },
      {
        ...tolerance,
        exact: true,
      },
    );
    if (!levels.ok) return levels;
    return compareValues(got, { scale: want.scale, dequantized: want.dequantized }, tolerance);
  },
  starterCode: `function quantizeInt8(
  x: number[],
  mode: "symmetric" | "affine",
): { q: number[]; scale: number; zeroPoint: number; dequantized: number[] } {
  // symmetric: scale = max|x| / 127, zeroPoint = 0, q in [-127, 127].
  // affine: lo = min(min x, 0), hi = max(max x, 0), scale = (hi - lo) / 255,
  //   zeroPoint = Math.round(-128 - lo / scale), q in [-128, 127].
  // q = clamp(Math.round(x / scale) + zeroPoint); dequantized = (q - zeroPoint) * scale.
  // If scale < 2 ** -1022 (e.g. all-zero x), use scale = 1 and zeroPoint = 0.
  return { q: x.map(() => 0), scale: 1, zeroPoint: 0, dequantized: x.map(() => 0) };
}
`,
  solutionCode: `function quantizeInt8(
  x: number[],
  mode: "symmetric" | "affine",
): { q: number[]; scale: number; zeroPoint: number; dequantized: number[] } {
  let scale: number;
  let zeroPoint: number;
  let qMin: number;
  if (mode === "symmetric") {
    const maxAbs = Math.max(...x.map(Math.abs));
    scale = maxAbs / 127 >= 2 ** -1022 ? maxAbs / 127 : 1;
    zeroPoint = 0;
    qMin = -127;
  } else {
    const lo = Math.min(0, ...x);
    const hi = Math.max(0, ...x);
    const degenerate = (hi - lo) / 255 < 2 ** -1022;
    scale = degenerate ? 1 : (hi - lo) / 255;
    zeroPoint = degenerate ? 0 : Math.max(-128, Math.min(127, Math.round(-128 - lo / scale)));
    qMin = -128;
  }
  const q = x.map((v) => Math.max(qMin, Math.min(127, Math.round(v / scale) + zeroPoint)));
  return { q, scale, zeroPoint, dequantized: q.map((level) => (level - zeroPoint) * scale) };
}
`,
};
