import { requireArray } from "../../kernels/guards.ts";
import { roundHalfEven } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [x: number[], scale: number | null];
export type Fp8Cast = { bytes: number[]; decoded: number[]; scale: number };

const E4M3_MAX = 448;
const NAN_BYTE = 0x7f;

/**
 * One value to OCP FP8 E4M3 (the "FN" variant: exponent bias 7, no infinities, S.1111.111 is NaN, so the largest
 * finite value is 1.75·2^8 = 448), rounding to nearest even and saturating to ±448. Subnormals (exponent field
 * 0) are m·2^-9 for m = 1..7; the smallest normal is 2^-6.
 */
export function encodeE4m3(v: number): number {
  if (Number.isNaN(v)) return NAN_BYTE;
  const sign = v < 0 || Object.is(v, -0) ? 0x80 : 0;
  const a = Math.min(Math.abs(v), E4M3_MAX);
  if (a < 2 ** -6) return sign | roundHalfEven(a / 2 ** -9); // 8 (= 2^-6) encodes as exponent 1, mantissa 0
  let exponent = Math.floor(Math.log2(a));
  if (2 ** exponent > a) exponent -= 1; // log2 rounding just below a power of two
  if (2 ** (exponent + 1) <= a) exponent += 1;
  let mantissa = roundHalfEven(a / 2 ** (exponent - 3)); // 8..16
  if (mantissa === 16) {
    mantissa = 8;
    exponent += 1;
  }
  return sign | ((exponent + 7) << 3) | (mantissa - 8);
}

export function decodeE4m3(byte: number): number {
  const sign = byte & 0x80 ? -1 : 1;
  const exponent = (byte >> 3) & 0x0f;
  const mantissa = byte & 0x07;
  if (exponent === 0x0f && mantissa === 0x07) return Number.NaN;
  if (exponent === 0) return sign * mantissa * 2 ** -9;
  return sign * (1 + mantissa / 8) * 2 ** (exponent - 7);
}

/**
 * Per-tensor scaled cast to FP8 E4M3, as FP8 training and inference do it: the tensor is divided by `scale` so its
 * largest magnitude lands on 448 (scale = amax / 448 over the finite values; 1 when amax is 0), or by a given
 * scale (delayed scaling, from earlier steps' amax: values beyond ±448 then saturate). Returns the bytes, the
 * values they stand for (decode · scale) and the scale.
 */
function castFp8E4m3(x: number[], scale: number | null): Fp8Cast {
  requireArray(x, "x");
  for (const [i, v] of x.entries()) {
    if (typeof v !== "number") throw new KernelInputError(`x[${i}] must be a number`);
  }
  let used: number;
  if (scale === null) {
    let amax = 0;
    for (const v of x) if (Number.isFinite(v)) amax = Math.max(amax, Math.abs(v));
    used = amax > 0 ? amax / E4M3_MAX : 1;
  } else {
    if (typeof scale !== "number" || !Number.isFinite(scale) || scale <= 0) {
      throw new KernelInputError("scale must be a positive finite number or null");
    }
    used = scale;
  }
  const bytes = x.map((v) => encodeE4m3(v / used));
  return { bytes, decoded: bytes.map((b) => decodeE4m3(b) * used), scale: used };
}

const ULP = 2 ** -9;

export const fp8E4m3CastKernel: KernelSpec<Args, Fp8Cast> = {
  id: "fp8-e4m3-cast",
  functionName: "castFp8E4m3",
  signature:
    "function castFp8E4m3(x: number[], scale: number | null): { bytes: number[]; decoded: number[]; scale: number }",
  tolerance: { atol: 0, rtol: 1e-12 },
  testCounts: { sample: 2, hidden: 12, performance: 0 },
  reference: castFp8E4m3,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) return [[1, -2.5, 0.3, 448], null];
      return [rng.floats(6, -4, 4).map((v) => Math.round(v * 1000) / 1000), null];
    }
    switch (index) {
      case 0:
        // ties between normal neighbours (448 keeps the scale at 1): 1.0625 → 1, 1.1875 → 1.25, 3.25 stays
        return [[1.0625, 1.1875, -1.0625, 3.25, 26, 448], null];
      case 1:
        // subnormal ties: 0.5, 1.5, 2.5 and 7.5 units of 2^-9 round to 0, 2, 2 and 8 (= the smallest normal)
        return [[0.5 * ULP, 1.5 * ULP, 2.5 * ULP, -2.5 * ULP, 7.5 * ULP, 3 * ULP, 448], null];
      case 2:
        // a stale (delayed) scale: values beyond 448·scale saturate, infinities too
        return [[300, -1000, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 10, 0.001], 0.5];
      case 3:
        return [[0, 0, 0], null]; // amax 0: scale 1, every byte 0
      case 4:
        return [[Number.NaN, 1, -2, 0.5], null]; // NaN is 0x7F and ignored for amax
      case 5:
        return [[1e6, 1e-3, -1e-3, 2.5e3], null]; // tiny values flush to ±0 under a large scale
      case 6:
        return [[464, 463.9, 447.9, 440, 432, 420, 400, -464, 480], 1]; // the top of the range: ties at 432 and 400
      case 7:
        return [[2 ** -6, 2 ** -6 * 0.999, 2 ** -7, 0.015625 * 1.0625, 448], null]; // around the smallest normal
      default: {
        const n = rng.int(1, 64);
        const outlier = rng.pick([1, 10, 100, 1000]);
        const values = Array.from({ length: n }, () => rng.normal(0, 1) * rng.pick([1, 1, 1, outlier]));
        return [values, rng.pick([null, null, 0.01, 1])];
      }
    }
  },
  starterCode: `function castFp8E4m3(x: number[], scale: number | null): { bytes: number[]; decoded: number[]; scale: number } {
  // E4M3 (bias 7, max 448, S.1111.111 = NaN, subnormals m * 2^-9), round to nearest even, saturate to ±448.
  // scale null: scale = max |finite x| / 448 (1 when that is 0). bytes[i] encodes x[i] / scale;
  // decoded[i] = value(bytes[i]) * scale.
  return { bytes: x.map(() => 0), decoded: x.map(() => 0), scale: scale ?? 1 };
}
`,
  solutionCode: `function castFp8E4m3(x: number[], scale: number | null): { bytes: number[]; decoded: number[]; scale: number } {
  const roundEven = (v: number): number => {
    const f = Math.floor(v);
    const d = v - f;
    return d > 0.5 ? f + 1 : d < 0.5 ? f : f % 2 === 0 ? f : f + 1;
  };
  const encode = (v: number): number => {
    if (Number.isNaN(v)) return 0x7f;
    const sign = v < 0 || Object.is(v, -0) ? 0x80 : 0;
    const a = Math.min(Math.abs(v), 448);
    if (a < 2 ** -6) return sign | roundEven(a / 2 ** -9);
    let e = Math.floor(Math.log2(a));
    if (2 ** e > a) e -= 1;
    if (2 ** (e + 1) <= a) e += 1;
    let m = roundEven(a / 2 ** (e - 3));
    if (m === 16) {
      m = 8;
      e += 1;
    }
    return sign | ((e + 7) << 3) | (m - 8);
  };
  const decode = (b: number): number => {
    const s = b & 0x80 ? -1 : 1;
    const e = (b >> 3) & 15;
    const m = b & 7;
    if (e === 15 && m === 7) return NaN;
    return e === 0 ? s * m * 2 ** -9 : s * (1 + m / 8) * 2 ** (e - 7);
  };
  let used = scale ?? 1;
  if (scale === null) {
    let amax = 0;
    for (const v of x) if (Number.isFinite(v)) amax = Math.max(amax, Math.abs(v));
    used = amax > 0 ? amax / 448 : 1;
  }
  const bytes = x.map((v) => encode(v / used));
  return { bytes, decoded: bytes.map((b) => decode(b) * used), scale: used };
}
`,
};
