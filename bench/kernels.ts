import { randomBytes } from "node:crypto";
import { Rng } from "../src/kernels/rng.ts";
import { generateTests } from "../src/kernels/suite.ts";
import type { AnyKernelSpec, TestCase } from "../src/kernels/types.ts";
import { hiddenTestStates } from "../src/lib/hidden-test-secret.ts";
import { type Conv2dDims, conv2d, conv2dDirect } from "../src/problems/conv2d/kernel.ts";
import { matmulBlocked, matmulNaive } from "../src/problems/matmul/kernel.ts";
import { kernels } from "../src/problems/registry.ts";
import { attentionNaive, scaledDotProductAttention } from "../src/problems/scaled-dot-product-attention/kernel.ts";

// Any secret will do for timing references: hidden tests are drawn the same way under every secret.
const benchHiddenStates = hiddenTestStates(randomBytes(32).toString("hex"));

/**
 * Reference kernels vs naive loops, measured side by side in one run: warm-up, then the median of several timed
 * runs of each. FLOP counts: matmul 2nkm, conv2d 2·N·O·outH·outW·C·KH·KW, attention 2·seqQ·seqK·(dK + dV).
 */

type Row = { case: string; flops: number; reference: number; naive: number };

function medianMs(run: () => unknown, repeats: number): number {
  for (let i = 0; i < 2; i++) run(); // warm the JIT
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function gflops(flops: number, ms: number): string {
  return (flops / (ms * 1e6)).toFixed(2);
}

function matmulRows(rng: Rng): Row[] {
  return [128, 256, 512].map((n) => {
    const a = rng.float64Array(n * n);
    const b = rng.float64Array(n * n);
    const repeats = n >= 512 ? 3 : 7;
    return {
      case: `matmul n=${n}`,
      flops: 2 * n ** 3,
      reference: medianMs(() => matmulBlocked(a, b, n, n, n), repeats),
      naive: medianMs(() => matmulNaive(a, b, n, n, n), repeats),
    };
  });
}

function convRows(rng: Rng): Row[] {
  const shapes: [string, Conv2dDims][] = [
    [
      "conv2d 1×16×32×32 → 32, 3×3 s1 p1",
      {
        batch: 1,
        inChannels: 16,
        height: 32,
        width: 32,
        outChannels: 32,
        kernelH: 3,
        kernelW: 3,
        stride: 1,
        padding: 1,
      },
    ],
    [
      "conv2d 4×3×64×64 → 16, 5×5 s2 p2",
      {
        batch: 4,
        inChannels: 3,
        height: 64,
        width: 64,
        outChannels: 16,
        kernelH: 5,
        kernelW: 5,
        stride: 2,
        padding: 2,
      },
    ],
  ];
  return shapes.map(([label, d]) => {
    const outH = Math.floor((d.height + 2 * d.padding - d.kernelH) / d.stride) + 1;
    const outW = Math.floor((d.width + 2 * d.padding - d.kernelW) / d.stride) + 1;
    const input = rng.float64Array(d.batch * d.inChannels * d.height * d.width);
    const weight = rng.float64Array(d.outChannels * d.inChannels * d.kernelH * d.kernelW);
    const bias = rng.float64Array(d.outChannels);
    return {
      case: label,
      flops: 2 * d.batch * d.outChannels * outH * outW * d.inChannels * d.kernelH * d.kernelW,
      reference: medianMs(() => conv2d(input, weight, bias, d), 7),
      naive: medianMs(() => conv2dDirect(input, weight, bias, d), 7),
    };
  });
}

function attentionRows(rng: Rng): Row[] {
  const shapes: [number, number, boolean][] = [
    [256, 64, false],
    [512, 64, true],
  ];
  return shapes.map(([seq, d, causal]) => {
    const q = rng.float64Array(seq * d);
    const k = rng.float64Array(seq * d);
    const v = rng.float64Array(seq * d);
    return {
      case: `attention seq=${seq} d=${d}${causal ? " causal" : ""}`,
      flops: 2 * seq * seq * 2 * d * (causal ? 0.5 : 1),
      reference: medianMs(() => scaledDotProductAttention(q, k, v, seq, seq, d, d, causal ? "top-left" : "none"), 7),
      naive: medianMs(() => attentionNaive(q, k, v, seq, seq, d, d, causal ? "top-left" : "none"), 7),
    };
  });
}

/**
 * CPU time of this process for one pass of the reference over `tests`, best of `rounds` warm passes: CPU rather than
 * wall time, because other processes share the cores and wall time would measure them as much as the kernel.
 */
function bestReferenceCpuMs(kernel: AnyKernelSpec, tests: readonly TestCase[], rounds: number): number {
  for (const test of tests) kernel.reference(...test.args);
  let bestMs = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const start = process.cpuUsage();
    for (const test of tests) kernel.reference(...test.args);
    const used = process.cpuUsage(start);
    bestMs = Math.min(bestMs, (used.user + used.system) / 1000);
  }
  return bestMs;
}

// Every expected output is computed by the reference on the trusted side when a problem's tests are built; the
// slowest kernel (attention) took 20.4 ms on a busy 2-core machine, so the budget is a figure to watch, not a test.
const REFERENCE_BUDGET_MS = 20;

function printReferenceCpu(): void {
  const rows = [...kernels.values()]
    .map((kernel) => ({
      id: kernel.id,
      ms: bestReferenceCpuMs(kernel, generateTests(kernel, 20261129, kernel.testCounts, benchHiddenStates), 10),
    }))
    .sort((a, b) => b.ms - a.ms);
  const width = Math.max(...rows.map((row) => row.id.length));
  console.log(
    `\nReference over all its generated tests (CPU ms, best of 10 warm passes; budget ${REFERENCE_BUDGET_MS} ms)`,
  );
  for (const row of rows) {
    const mark = row.ms < REFERENCE_BUDGET_MS ? "" : "  over budget";
    console.log(`${row.id.padEnd(width)}  ${row.ms.toFixed(2).padStart(7)}${mark}`);
  }
}

export async function runKernelsBench(): Promise<void> {
  const rng = new Rng(20261129);
  const rows = [...matmulRows(rng), ...convRows(rng), ...attentionRows(rng)];
  const header = ["case", "reference ms", "GFLOP/s", "naive ms", "GFLOP/s", "speed-up"];
  const table = rows.map((row) => [
    row.case,
    row.reference.toFixed(2),
    gflops(row.flops, row.reference),
    row.naive.toFixed(2),
    gflops(row.flops, row.naive),
    `${(row.naive / row.reference).toFixed(2)}×`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((cells) => cells[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  console.log("Reference kernels vs naive loops (median of timed runs after warm-up; float64, one thread)");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const cells of table) console.log(line(cells));
  const big = rows.find((row) => row.case === "matmul n=512");
  if (big) {
    const speedUp = big.naive / big.reference;
    console.log(
      `\nmatmul n=512: blocked is ${speedUp.toFixed(2)}× the naive ijk loop (target ≥ 3×: ${speedUp >= 3 ? "met" : "NOT met"})`,
    );
  }
  printReferenceCpu();
}

if (import.meta.main) await runKernelsBench();
