import { requireArray, requireFinite, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type Hardware = { peakFlops: number; memoryBandwidth: number };

export type RooflineOp =
  | { kind: "gemm"; m: number; n: number; k: number; bytesPerElement: number }
  | { kind: "elementwise"; n: number; flopsPerElement: number; bytesMovedPerElement: number }
  | {
      kind: "attention";
      batch: number;
      heads: number;
      kvHeads: number;
      queryLen: number;
      keyLen: number;
      headDim: number;
      bytesPerElement: number;
    };

export type OpEstimate = {
  flops: number;
  bytes: number;
  intensity: number;
  bound: "memory" | "compute";
  time: number;
  attainable: number;
};

export type RooflineResult = { ridge: number; ops: OpEstimate[] };

type Args = [hardware: Hardware, ops: RooflineOp[]];

function requirePositive(value: unknown, name: string): number {
  requireFinite(value, name);
  if (value <= 0) throw new KernelInputError(`${name} must be > 0, got ${value}`);
  return value;
}

/** FLOPs and bytes of one operation, as the statement counts them (each operand read once, the output written once). */
function work(op: RooflineOp, name: string): { flops: number; bytes: number } {
  if (typeof op !== "object" || op === null) throw new KernelInputError(`${name} must be an object`);
  switch (op.kind) {
    case "gemm": {
      const m = requireInteger(op.m, `${name}.m`, 1);
      const n = requireInteger(op.n, `${name}.n`, 1);
      const k = requireInteger(op.k, `${name}.k`, 1);
      const size = requirePositive(op.bytesPerElement, `${name}.bytesPerElement`);
      return { flops: 2 * m * n * k, bytes: (m * k + k * n + m * n) * size };
    }
    case "elementwise": {
      const n = requireInteger(op.n, `${name}.n`, 1);
      requireFinite(op.flopsPerElement, `${name}.flopsPerElement`);
      if (op.flopsPerElement < 0) throw new KernelInputError(`${name}.flopsPerElement must be >= 0`);
      const moved = requirePositive(op.bytesMovedPerElement, `${name}.bytesMovedPerElement`);
      return { flops: n * op.flopsPerElement, bytes: n * moved };
    }
    case "attention": {
      const batch = requireInteger(op.batch, `${name}.batch`, 1);
      const heads = requireInteger(op.heads, `${name}.heads`, 1);
      const kvHeads = requireInteger(op.kvHeads, `${name}.kvHeads`, 1, heads);
      if (heads % kvHeads !== 0) throw new KernelInputError(`${name}.kvHeads must divide heads`);
      const queryLen = requireInteger(op.queryLen, `${name}.queryLen`, 1);
      const keyLen = requireInteger(op.keyLen, `${name}.keyLen`, 1);
      const headDim = requireInteger(op.headDim, `${name}.headDim`, 1);
      const size = requirePositive(op.bytesPerElement, `${name}.bytesPerElement`);
      // Q·Kᵀ and P·V: two matrix products of 2·queryLen·keyLen·headDim FLOPs per query head.
      const flops = 4 * batch * heads * queryLen * keyLen * headDim;
      // Fused (FlashAttention-style): read Q, K, V and write O once; the score matrix never reaches memory.
      const bytes = (2 * batch * heads * queryLen * headDim + 2 * batch * kvHeads * keyLen * headDim) * size;
      return { flops, bytes };
    }
    default:
      throw new KernelInputError(`${name}.kind must be "gemm", "elementwise" or "attention"`);
  }
}

/**
 * The roofline of each operation: intensity = flops/bytes against the ridge peakFlops/memoryBandwidth
 * (compute-bound when intensity ≥ ridge), time = max(flops/peak, bytes/bandwidth), attainable = min(peak, intensity·bandwidth).
 */
export function roofline(hardware: Hardware, ops: RooflineOp[]): RooflineResult {
  if (typeof hardware !== "object" || hardware === null) throw new KernelInputError("hardware must be an object");
  const peak = requirePositive(hardware.peakFlops, "hardware.peakFlops");
  const bandwidth = requirePositive(hardware.memoryBandwidth, "hardware.memoryBandwidth");
  requireArray(ops, "ops");
  const ridge = peak / bandwidth;
  return {
    ridge,
    ops: ops.map((op, index) => {
      const { flops, bytes } = work(op, `ops[${index}]`);
      const intensity = flops / bytes;
      return {
        flops,
        bytes,
        intensity,
        bound: intensity >= ridge ? "compute" : "memory",
        time: Math.max(flops / peak, bytes / bandwidth),
        attainable: Math.min(peak, intensity * bandwidth),
      };
    }),
  };
}

const H100_SXM: Hardware = { peakFlops: 989e12, memoryBandwidth: 3.35e12 };
const A100_SXM: Hardware = { peakFlops: 312e12, memoryBandwidth: 2.039e12 };
const TOY: Hardware = { peakFlops: 1e12, memoryBandwidth: 1e11 };

function randomOp(rng: Rng): RooflineOp {
  const kind = rng.pick(["gemm", "gemm", "elementwise", "attention", "attention"] as const);
  if (kind === "gemm") {
    return {
      kind,
      m: rng.pick([1, 4, 16, 64, 256, 1024, 4096, rng.int(1, 5000)]),
      n: rng.pick([1024, 4096, 8192, 14336, rng.int(1, 9000)]),
      k: rng.pick([1024, 4096, 8192, rng.int(1, 9000)]),
      bytesPerElement: rng.pick([1, 2, 4]),
    };
  }
  if (kind === "elementwise") {
    return {
      kind,
      n: rng.int(1, 1 << 26),
      flopsPerElement: rng.pick([0, 1, 2, 5, 8, rng.int(1, 2000)]),
      bytesMovedPerElement: rng.pick([2, 4, 6, 8, 12]),
    };
  }
  const heads = rng.pick([8, 16, 32, 64]);
  const keyLen = rng.int(1, 16384);
  return {
    kind,
    batch: rng.int(1, 64),
    heads,
    kvHeads: rng.pick([heads, 8, 1].filter((h) => h <= heads && heads % h === 0)),
    queryLen: rng.pick([1, 1, keyLen, rng.int(1, keyLen)]),
    keyLen,
    headDim: rng.pick([64, 128]),
    bytesPerElement: rng.pick([1, 2]),
  };
}

/** Random operations, never within 1e-9 of the ridge (an exact tie is a fixed test, not a rounding accident). */
function randomOps(rng: Rng, hardware: Hardware, count: number): RooflineOp[] {
  const ops: RooflineOp[] = [];
  const ridge = hardware.peakFlops / hardware.memoryBandwidth;
  while (ops.length < count) {
    const op = randomOp(rng);
    const { flops, bytes } = work(op, "op");
    if (Math.abs(flops / bytes - ridge) > 1e-9 * ridge) ops.push(op);
  }
  return ops;
}

const SIGNATURE = `type Hardware = { peakFlops: number; memoryBandwidth: number };
type RooflineOp =
  | { kind: "gemm"; m: number; n: number; k: number; bytesPerElement: number }
  | { kind: "elementwise"; n: number; flopsPerElement: number; bytesMovedPerElement: number }
  | { kind: "attention"; batch: number; heads: number; kvHeads: number;
      queryLen: number; keyLen: number; headDim: number; bytesPerElement: number };
type OpEstimate = {
  flops: number; bytes: number; intensity: number;
  bound: "memory" | "compute"; time: number; attainable: number;
};`;

export const rooflineKernel: KernelSpec<Args, RooflineResult> = {
  id: "roofline",
  functionName: "roofline",
  signature: `${SIGNATURE}
function roofline(hardware: Hardware, ops: RooflineOp[]): { ridge: number; ops: OpEstimate[] }`,
  tolerance: { atol: 0, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 12, performance: 0 },
  reference: roofline,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) {
        return [
          TOY,
          [
            { kind: "gemm", m: 64, n: 64, k: 64, bytesPerElement: 2 },
            { kind: "elementwise", n: 1000, flopsPerElement: 1, bytesMovedPerElement: 8 },
          ],
        ];
      }
      // Llama-3-8B-like shapes on an H100 SXM: the same projection in prefill (4096 tokens) and decode (1 token).
      return [
        H100_SXM,
        [
          { kind: "gemm", m: 4096, n: 4096, k: 4096, bytesPerElement: 2 },
          { kind: "gemm", m: 1, n: 4096, k: 4096, bytesPerElement: 2 },
          {
            kind: "attention",
            batch: 1,
            heads: 32,
            kvHeads: 8,
            queryLen: 4096,
            keyLen: 4096,
            headDim: 128,
            bytesPerElement: 2,
          },
          {
            kind: "attention",
            batch: 1,
            heads: 32,
            kvHeads: 8,
            queryLen: 1,
            keyLen: 4096,
            headDim: 128,
            bytesPerElement: 2,
          },
        ],
      ];
    }
    switch (index) {
      case 0:
        // Exactly on the ridge (10 FLOP/byte, all values exact in binary): compute-bound by the ≥ rule.
        return [TOY, [{ kind: "elementwise", n: 1000, flopsPerElement: 20, bytesMovedPerElement: 2 }]];
      case 1:
        // GQA decode: K and V are read once per KV head, not once per query head.
        return [
          H100_SXM,
          [
            {
              kind: "attention",
              batch: 8,
              heads: 64,
              kvHeads: 8,
              queryLen: 1,
              keyLen: 8192,
              headDim: 128,
              bytesPerElement: 2,
            },
            {
              kind: "attention",
              batch: 8,
              heads: 64,
              kvHeads: 1,
              queryLen: 1,
              keyLen: 8192,
              headDim: 128,
              bytesPerElement: 2,
            },
          ],
        ];
      case 2:
        // Decode GEMMs as the batch grows: memory-bound until the batch approaches the ridge.
        return [
          A100_SXM,
          [1, 8, 64, 128, 256, 512].map((m) => ({ kind: "gemm" as const, m, n: 8192, k: 8192, bytesPerElement: 2 })),
        ];
      case 3:
        // An op with no FLOPs at all (a copy): intensity 0, memory-bound, attainable 0.
        return [H100_SXM, [{ kind: "elementwise", n: 1 << 20, flopsPerElement: 0, bytesMovedPerElement: 4 }]];
      case 4:
        // Small square GEMMs: the output write is a third of the traffic.
        return [
          TOY,
          [
            { kind: "gemm", m: 16, n: 16, k: 16, bytesPerElement: 4 },
            { kind: "gemm", m: 32, n: 32, k: 32, bytesPerElement: 1 },
          ],
        ];
      case 5:
        // Prefill attention, MHA and GQA, FP8.
        return [
          H100_SXM,
          [
            {
              kind: "attention",
              batch: 2,
              heads: 32,
              kvHeads: 32,
              queryLen: 2048,
              keyLen: 2048,
              headDim: 128,
              bytesPerElement: 1,
            },
            {
              kind: "attention",
              batch: 2,
              heads: 32,
              kvHeads: 4,
              queryLen: 512,
              keyLen: 2048,
              headDim: 64,
              bytesPerElement: 2,
            },
          ],
        ];
      case 6:
        return [H100_SXM, []];
      default: {
        const hardware = rng.pick([H100_SXM, A100_SXM, TOY]);
        return [hardware, randomOps(rng, hardware, rng.int(1, 6))];
      }
    }
  },
  starterCode: `${SIGNATURE}

function roofline(hardware: Hardware, ops: RooflineOp[]): { ridge: number; ops: OpEstimate[] } {
  // For each op: count its FLOPs and the bytes it must move, then place it on the roofline
  // (intensity vs the ridge peakFlops / memoryBandwidth) and take the slower of compute time and memory time.
  return { ridge: 0, ops: [] };
}
`,
  solutionCode: `${SIGNATURE}

function countWork(op: RooflineOp): { flops: number; bytes: number } {
  switch (op.kind) {
    case "gemm":
      return { flops: 2 * op.m * op.n * op.k, bytes: (op.m * op.k + op.k * op.n + op.m * op.n) * op.bytesPerElement };
    case "elementwise":
      return { flops: op.n * op.flopsPerElement, bytes: op.n * op.bytesMovedPerElement };
    case "attention": {
      const flops = 4 * op.batch * op.heads * op.queryLen * op.keyLen * op.headDim;
      const qAndO = 2 * op.batch * op.heads * op.queryLen * op.headDim;
      const kAndV = 2 * op.batch * op.kvHeads * op.keyLen * op.headDim;
      return { flops, bytes: (qAndO + kAndV) * op.bytesPerElement };
    }
  }
}

function roofline(hardware: Hardware, ops: RooflineOp[]): { ridge: number; ops: OpEstimate[] } {
  const peak = hardware.peakFlops;
  const bandwidth = hardware.memoryBandwidth;
  const ridge = peak / bandwidth;
  const estimates = ops.map((op): OpEstimate => {
    const { flops, bytes } = countWork(op);
    const intensity = flops / bytes;
    return {
      flops,
      bytes,
      intensity,
      bound: intensity >= ridge ? "compute" : "memory",
      time: Math.max(flops / peak, bytes / bandwidth),
      attainable: Math.min(peak, intensity * bandwidth),
    };
  });
  return { ridge, ops: estimates };
}
`,
};
