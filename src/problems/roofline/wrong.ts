import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { rooflineKernel } from "./kernel.ts";
import { rooflinePython } from "./python.ts";

const { solutionCode } = rooflineKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "a multiply-add counted as one FLOP: GEMM flops m·n·k, every GEMM's intensity halved", [
    ["flops: 2 * op.m * op.n * op.k,", "flops: op.m * op.n * op.k,"],
  ]),
  edited(solutionCode, "the output write left out of a GEMM's traffic (only A and B read)", [
    [
      "(op.m * op.k + op.k * op.n + op.m * op.n) * op.bytesPerElement",
      "(op.m * op.k + op.k * op.n) * op.bytesPerElement",
    ],
  ]),
  edited(solutionCode, "GQA ignored: K and V read once per query head, so decode attention looks heavier on memory", [
    [
      "const kAndV = 2 * op.batch * op.kvHeads * op.keyLen * op.headDim;",
      "const kAndV = 2 * op.batch * op.heads * op.keyLen * op.headDim;",
    ],
  ]),
  edited(solutionCode, "attention FLOPs of Q·Kᵀ only (P·V forgotten)", [
    ["const flops = 4 * op.batch", "const flops = 2 * op.batch"],
  ]),
  edited(solutionCode, "time as the sum of compute and memory time (no overlap) instead of the slower of the two", [
    ["time: Math.max(flops / peak, bytes / bandwidth),", "time: flops / peak + bytes / bandwidth,"],
  ]),
  edited(solutionCode, "an op exactly on the ridge called memory-bound (> instead of ≥)", [
    ['bound: intensity >= ridge ? "compute" : "memory",', 'bound: intensity > ridge ? "compute" : "memory",'],
  ]),
  edited(solutionCode, "ridge inverted (bandwidth / peak): almost everything looks compute-bound", [
    ["const ridge = peak / bandwidth;", "const ridge = bandwidth / peak;"],
  ]),
];

const pythonSolution = rooflinePython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "a multiply-add counted as one FLOP: GEMM flops m·n·k", [
    ["return 2 * m * n * k,", "return m * n * k,"],
  ]),
  edited(pythonSolution, "the output write left out of a GEMM's traffic", [
    ['(m * k + k * n + m * n) * op["bytes_per_element"]', '(m * k + k * n) * op["bytes_per_element"]'],
  ]),
  edited(pythonSolution, "GQA ignored: K and V read once per query head", [
    ['k_and_v = 2 * b * op["kv_heads"]', 'k_and_v = 2 * b * op["heads"]'],
  ]),
  edited(pythonSolution, "attention FLOPs of Q·Kᵀ only (P·V forgotten)", [["flops = 4 * b *", "flops = 2 * b *"]]),
  edited(pythonSolution, "time as the sum of compute and memory time instead of the slower of the two", [
    ['"time": max(flops / peak, moved / bandwidth),', '"time": flops / peak + moved / bandwidth,'],
  ]),
  edited(pythonSolution, "an op exactly on the ridge called memory-bound (> instead of ≥)", [
    ['"compute" if intensity >= ridge else "memory"', '"compute" if intensity > ridge else "memory"'],
  ]),
  edited(pythonSolution, "attainable FLOP/s not capped by the peak: intensity · bandwidth for compute-bound ops", [
    ['"attainable": min(peak, intensity * bandwidth),', '"attainable": intensity * bandwidth,'],
  ]),
];
