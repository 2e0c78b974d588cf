import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { KernelInputError } from "../../src/kernels/types.ts";
import { checkpointInterval } from "../../src/problems/checkpoint-interval/kernel.ts";
import { collectiveCost, type Network } from "../../src/problems/collective-cost-model/kernel.ts";
import { dynamicLossScaler, FP16_MAX } from "../../src/problems/dynamic-loss-scaler/kernel.ts";
import { type RooflineOp, roofline } from "../../src/problems/roofline/kernel.ts";
import { gelu, tensorParallelMlp } from "../../src/problems/tensor-parallel-mlp/kernel.ts";
import { type TrainingLayout, zeroMemoryPlanner } from "../../src/problems/zero-memory-planner/kernel.ts";

// A failing property reports within 20 s instead of shrinking for minutes; a busy machine runs fewer cases in
// that time instead of failing (a counterexample found still fails the test, a slow machine does not).
fc.configureGlobal({ interruptAfterTimeLimit: 20_000, markInterruptAsFailure: false });

const H100 = { peakFlops: 989e12, memoryBandwidth: 3.35e12 };

describe("roofline", () => {
  const hardwareArb = fc.record({
    peakFlops: fc.double({ min: 1e9, max: 1e16, noNaN: true }),
    memoryBandwidth: fc.double({ min: 1e8, max: 1e13, noNaN: true }),
  });
  const gemmArb = fc.record({
    kind: fc.constant("gemm" as const),
    m: fc.integer({ min: 1, max: 8192 }),
    n: fc.integer({ min: 1, max: 8192 }),
    k: fc.integer({ min: 1, max: 8192 }),
    bytesPerElement: fc.constantFrom(1, 2, 4),
  });

  it("never exceeds the peak, and time · attainable equals the FLOPs", () => {
    fc.assert(
      fc.property(hardwareArb, fc.array(gemmArb, { maxLength: 4 }), (hardware, ops) => {
        const result = roofline(hardware, ops);
        for (const op of result.ops) {
          expect(op.attainable).toBeLessThanOrEqual(hardware.peakFlops);
          expect(op.time * op.attainable).toBeCloseTo(op.flops, -Math.log10(op.flops) + 9);
          // The bound names the term that sets the time.
          const computeTime = op.flops / hardware.peakFlops;
          const memoryTime = op.bytes / hardware.memoryBandwidth;
          expect(op.time).toBe(Math.max(computeTime, memoryTime));
          if (op.bound === "compute") expect(computeTime).toBeGreaterThanOrEqual(memoryTime * (1 - 1e-12));
          else expect(memoryTime).toBeGreaterThanOrEqual(computeTime * (1 - 1e-12));
        }
      }),
    );
  });

  it("gives a decode GEMM (M ≪ N, K) an intensity close to 2M / bytesPerElement", () => {
    for (const m of [1, 8, 64]) {
      const [estimate] = roofline(H100, [{ kind: "gemm", m, n: 8192, k: 8192, bytesPerElement: 2 }]).ops;
      // 2·M·N·K / ((M·K + K·N + M·N)·2) = M·N / (N + 2M) here: within 2 % of M while M ≤ 64 ≪ N.
      expect(Math.abs((estimate?.intensity ?? 0) / m - 1)).toBeLessThan(0.02);
      expect(estimate?.bound).toBe("memory");
    }
  });

  it("makes GQA decode attention cheaper in bytes by the head-sharing factor, FLOPs unchanged", () => {
    const op = (kvHeads: number): RooflineOp => ({
      kind: "attention",
      batch: 4,
      heads: 32,
      kvHeads,
      queryLen: 1,
      keyLen: 4096,
      headDim: 128,
      bytesPerElement: 2,
    });
    const [mha, gqa] = roofline(H100, [op(32), op(8)]).ops;
    expect(gqa?.flops).toBe(mha?.flops);
    // K/V dominate decode traffic: 4x fewer KV heads is nearly 4x fewer bytes.
    expect((mha?.bytes ?? 0) / (gqa?.bytes ?? 1)).toBeGreaterThan(3.9);
  });

  it("rejects malformed hardware and ops with a clear error", () => {
    expect(() => roofline({ peakFlops: 0, memoryBandwidth: 1 }, [])).toThrow(KernelInputError);
    expect(() => roofline(H100, [{ kind: "gemm", m: 0, n: 1, k: 1, bytesPerElement: 2 }])).toThrow(KernelInputError);
    const badGqa: RooflineOp = {
      kind: "attention",
      batch: 1,
      heads: 32,
      kvHeads: 5,
      queryLen: 1,
      keyLen: 1,
      headDim: 64,
      bytesPerElement: 2,
    };
    expect(() => roofline(H100, [badGqa])).toThrow(/kvHeads must divide heads/);
  });
});

describe("dynamic-loss-scaler", () => {
  const configArb = fc.record({
    initScale: fc.integer({ min: 0, max: 24 }).map((k) => 2 ** k),
    growthFactor: fc.constantFrom(2, 4),
    backoffFactor: fc.constantFrom(0.5, 0.25),
    growthInterval: fc.integer({ min: 1, max: 10 }),
  });
  const gradArb = fc.oneof(
    fc.double({ min: 0, max: 1e4, noNaN: true }),
    fc.constant(Number.POSITIVE_INFINITY),
    fc.constant(Number.NaN),
  );

  it("takes exactly the steps whose scaled gradients fit in FP16, and each step's scale follows from the last", () => {
    fc.assert(
      fc.property(configArb, fc.array(gradArb, { maxLength: 60 }), (config, grads) => {
        const trace = dynamicLossScaler(config, grads);
        expect(trace.scales).toHaveLength(grads.length);
        expect(trace.stepsTaken).toBe(trace.skipped.filter((s) => !s).length);
        grads.forEach((a, t) => {
          const scale = trace.scales[t] as number;
          expect(trace.skipped[t]).toBe(!(Number.isFinite(a) && a * scale <= FP16_MAX));
          const next = t + 1 < grads.length ? (trace.scales[t + 1] as number) : trace.finalScale;
          // The scale only ever moves by one factor per step: back off after a skip, grow or stay after a clean step.
          if (trace.skipped[t]) expect(next).toBe(scale * config.backoffFactor);
          else expect([scale, scale * config.growthFactor]).toContain(next);
        });
      }),
    );
  });

  it("grows once per growthInterval clean steps: S0 · growth^floor(n / G) after n clean steps", () => {
    fc.assert(
      fc.property(configArb, fc.integer({ min: 0, max: 40 }), (config, n) => {
        const trace = dynamicLossScaler(
          config,
          Array.from({ length: n }, () => 0),
        );
        expect(trace.finalScale).toBe(config.initScale * config.growthFactor ** Math.floor(n / config.growthInterval));
      }),
    );
  });

  it("rejects a negative gradient maximum and a backoff of 1 or more", () => {
    const config = { initScale: 1, growthFactor: 2, backoffFactor: 0.5, growthInterval: 1 };
    expect(() => dynamicLossScaler(config, [-1])).toThrow(KernelInputError);
    expect(() => dynamicLossScaler({ ...config, backoffFactor: 1 }, [1])).toThrow(KernelInputError);
  });
});

describe("checkpoint-interval", () => {
  const jobArb = fc.record({
    work: fc.integer({ min: 1, max: 500 }),
    interval: fc.integer({ min: 1, max: 100 }),
    checkpointCost: fc.integer({ min: 1, max: 20 }),
    restartCost: fc.integer({ min: 0, max: 30 }),
    mtbf: fc.integer({ min: 50, max: 2000 }),
  });
  const failuresArb = fc
    .uniqueArray(fc.integer({ min: 0, max: 1500 }), { maxLength: 8 })
    .map((times) => times.sort((a, b) => a - b));

  it("accounts for the time: completion − work − lost − completed checkpoints·δ is between 0 and (R + δ) per failure", () => {
    fc.assert(
      fc.property(jobArb, failuresArb, (job, failures) => {
        const report = checkpointInterval(job, failures);
        const idle = report.completionTime - job.work - report.lostWork - report.checkpoints * job.checkpointCost;
        // What is left is restart time (possibly cut short by failures during restarts, and work lost inside
        // interrupted checkpoints is already in lostWork): between 0 and one full restart per failure.
        expect(idle).toBeGreaterThanOrEqual(-1e-9);
        expect(idle).toBeLessThanOrEqual(
          report.failures * job.restartCost + report.failures * job.checkpointCost + 1e-9,
        );
        expect(report.goodput).toBeLessThanOrEqual(1);
        expect(report.failures).toBeLessThanOrEqual(failures.length);
      }),
    );
  });

  it("without failures takes ceil(W/τ) − 1 checkpoints and W + that·δ seconds", () => {
    fc.assert(
      fc.property(jobArb, (job) => {
        const report = checkpointInterval(job, []);
        const checkpoints = Math.ceil(job.work / job.interval) - 1;
        expect(report.checkpoints).toBe(checkpoints);
        expect(report.completionTime).toBe(job.work + checkpoints * job.checkpointCost);
        expect(report.lostWork).toBe(0);
      }),
    );
  });

  it("puts Young's interval at the minimum of the first-order waste δ/τ + τ/(2M)", () => {
    fc.assert(
      fc.property(jobArb, (job) => {
        const { young } = checkpointInterval(job, []);
        const waste = (tau: number) => job.checkpointCost / tau + tau / (2 * job.mtbf);
        expect(waste(young)).toBeLessThanOrEqual(waste(young * 1.05));
        expect(waste(young)).toBeLessThanOrEqual(waste(young * 0.95));
      }),
    );
  });

  it("reproduces Daly's published optima (117, 57 and 9.1 minutes for δ = 5 min)", () => {
    const daly = (mtbf: number) =>
      checkpointInterval({ work: 1, interval: 1, checkpointCost: 5, restartCost: 10, mtbf }, []).daly;
    expect(daly(24 * 60)).toBeCloseTo(117, 0);
    expect(daly(6 * 60)).toBeCloseTo(57, 0);
    expect(daly(15)).toBeCloseTo(9.1, 1);
  });

  it("rejects failure times that are not strictly increasing", () => {
    const job = { work: 10, interval: 5, checkpointCost: 1, restartCost: 1, mtbf: 100 };
    expect(() => checkpointInterval(job, [5, 5])).toThrow(KernelInputError);
  });
});

describe("zero-memory-planner", () => {
  const base: TrainingLayout = {
    parameters: 7e9,
    layers: 32,
    hidden: 4096,
    heads: 32,
    seqLen: 4096,
    microBatch: 1,
    microBatches: 8,
    dataParallel: 8,
    tensorParallel: 1,
    pipelineParallel: 1,
    zeroStage: 0,
    sequenceParallel: false,
    recompute: "none",
    hbmBytes: 80e9,
  };
  const layoutArb = fc.record({
    zeroStage: fc.integer({ min: 0, max: 3 }),
    dataParallel: fc.constantFrom(1, 2, 8, 64),
    tensorParallel: fc.constantFrom(1, 2, 4, 8),
    pipelineParallel: fc.constantFrom(1, 2, 4, 8),
    microBatches: fc.integer({ min: 1, max: 32 }),
    sequenceParallel: fc.boolean(),
    recompute: fc.constantFrom("none" as const, "selective" as const, "full" as const),
  });

  it("never needs more model state per GPU at a higher ZeRO stage, and 16Ψ/(t·p) at stage 0", () => {
    fc.assert(
      fc.property(layoutArb, (overrides) => {
        const layout = { ...base, ...overrides };
        const plans = [0, 1, 2, 3].map((zeroStage) => zeroMemoryPlanner({ ...layout, zeroStage }));
        const state = plans.map((plan) => plan.params + plan.grads + plan.optimizer);
        for (let k = 1; k < 4; k++) expect(state[k]).toBeLessThanOrEqual((state[k - 1] as number) * (1 + 1e-12));
        const shard = layout.parameters / (layout.tensorParallel * layout.pipelineParallel);
        expect(state[0]).toBeCloseTo(16 * shard, -3);
        expect(state[3]).toBeCloseTo((16 * shard) / layout.dataParallel, -3);
      }),
    );
  });

  it("orders activations: full ≤ selective ≤ none, and sequence parallelism never adds memory", () => {
    fc.assert(
      fc.property(layoutArb, (overrides) => {
        const layout = { ...base, ...overrides };
        const acts = (recompute: TrainingLayout["recompute"], sequenceParallel: boolean) =>
          zeroMemoryPlanner({ ...layout, recompute, sequenceParallel }).activations;
        for (const sp of [false, true]) {
          expect(acts("full", sp)).toBeLessThanOrEqual(acts("selective", sp));
          expect(acts("selective", sp)).toBeLessThanOrEqual(acts("none", sp));
        }
        expect(acts("none", true)).toBeLessThanOrEqual(acts("none", false));
        // With 1F1B and m ≥ p, pipeline parallelism does not reduce the first stage's activations (p × L/p = L layers).
        if (layout.microBatches >= layout.pipelineParallel) {
          expect(acts("none", true)).toBeCloseTo(
            zeroMemoryPlanner({ ...layout, pipelineParallel: 1, sequenceParallel: true, recompute: "none" })
              .activations,
            -3,
          );
        }
      }),
    );
  });

  it("rejects a tensor-parallel size that does not divide the heads", () => {
    expect(() => zeroMemoryPlanner({ ...base, tensorParallel: 3 })).toThrow(KernelInputError);
  });
});

describe("collective-cost-model", () => {
  const networkArb = fc
    .record({
      gpusPerNode: fc.constantFrom(1, 2, 4, 8),
      nodes: fc.integer({ min: 1, max: 64 }),
      intraAlpha: fc.double({ min: 1e-7, max: 1e-4, noNaN: true }),
      intraBeta: fc.double({ min: 1e-13, max: 1e-9, noNaN: true }),
      interAlpha: fc.double({ min: 1e-7, max: 1e-4, noNaN: true }),
      interBeta: fc.double({ min: 1e-13, max: 1e-9, noNaN: true }),
    })
    .filter(({ gpusPerNode, nodes }) => gpusPerNode * nodes >= 2)
    .map(({ nodes, ...rest }): Network => ({ ...rest, ranks: rest.gpusPerNode * nodes }));
  const bytesArb = fc.integer({ min: 1, max: 2 ** 32 });

  it("makes an all-reduce cost exactly a reduce-scatter plus an all-gather on the ring", () => {
    fc.assert(
      fc.property(networkArb, bytesArb, (network, bytes) => {
        const ring = (c: "allreduce" | "reducescatter" | "allgather") =>
          collectiveCost(network, c, bytes).algorithms.find((a) => a.name === "ring")?.time ?? Number.NaN;
        expect(ring("allreduce")).toBeCloseTo(ring("reducescatter") + ring("allgather"), 12);
      }),
    );
  });

  it("picks the minimum, and its busbw never exceeds 2·S/t (the all-reduce factor is below 2)", () => {
    fc.assert(
      fc.property(
        networkArb,
        bytesArb,
        fc.constantFrom("allreduce" as const, "alltoall" as const),
        (network, bytes, c) => {
          const result = collectiveCost(network, c, bytes);
          expect(result.time).toBe(Math.min(...result.algorithms.map((a) => a.time)));
          expect(result.algbw).toBeCloseTo(bytes / result.time, 6);
          expect(result.busbw).toBeLessThan(2 * result.algbw);
        },
      ),
    );
  });

  it("on one node with β → large messages, ring busbw approaches the link bandwidth 1/β", () => {
    const network: Network = {
      ranks: 8,
      gpusPerNode: 8,
      intraAlpha: 1e-6,
      intraBeta: 1 / 450e9,
      interAlpha: 1e-5,
      interBeta: 1 / 50e9,
    };
    const { busbw, fastest } = collectiveCost(network, "allreduce", 2 ** 34);
    expect(fastest).toBe("ring");
    expect(busbw / 450e9).toBeGreaterThan(0.999);
  });

  it("rejects a node size that does not divide the ranks", () => {
    const network: Network = { ranks: 6, gpusPerNode: 4, intraAlpha: 0, intraBeta: 0, interAlpha: 0, interBeta: 0 };
    expect(() => collectiveCost(network, "allreduce", 1)).toThrow(KernelInputError);
  });
});

describe("tensor-parallel-mlp", () => {
  const value = fc.double({ min: -2, max: 2, noNaN: true });
  const caseArb = fc
    .record({
      b: fc.integer({ min: 1, max: 4 }),
      h: fc.integer({ min: 1, max: 5 }),
      t: fc.integer({ min: 1, max: 4 }),
      k: fc.integer({ min: 1, max: 3 }),
    })
    .chain(({ b, h, t, k }) =>
      fc.record({
        x: fc.array(fc.array(value, { minLength: h, maxLength: h }), { minLength: b, maxLength: b }),
        w1: fc.array(fc.array(value, { minLength: t * k, maxLength: t * k }), { minLength: h, maxLength: h }),
        b1: fc.array(value, { minLength: t * k, maxLength: t * k }),
        w2: fc.array(fc.array(value, { minLength: h, maxLength: h }), { minLength: t * k, maxLength: t * k }),
        b2: fc.array(value, { minLength: h, maxLength: h }),
        t: fc.constant(t),
      }),
    );

  it("gives the dense MLP's output for every rank count that divides f", () => {
    fc.assert(
      fc.property(caseArb, ({ x, w1, b1, w2, b2, t }) => {
        const dense = x.map((row) =>
          b2.map((bias, c) => {
            let sum = bias;
            b1.forEach((b1j, j) => {
              const pre = row.reduce((acc, xk, k) => acc + xk * (w1[k]?.[j] as number), b1j);
              sum += gelu(pre) * (w2[j]?.[c] as number);
            });
            return sum;
          }),
        );
        const { output, partials } = tensorParallelMlp(x, w1, b1, w2, b2, t, 2);
        expect(partials).toHaveLength(t);
        output.forEach((row, r) => {
          row.forEach((v, c) => {
            expect(v).toBeCloseTo(dense[r]?.[c] as number, 9);
          });
        });
      }),
    );
  });

  it("sends nothing on one rank and approaches twice the output size as T grows", () => {
    const x = [[1, 2]];
    const w1 = [
      [1, 1, 1, 1, 1, 1, 1, 1],
      [1, 1, 1, 1, 1, 1, 1, 1],
    ];
    const w2 = Array.from({ length: 8 }, () => [1, 1]);
    const b1 = new Array(8).fill(0);
    expect(tensorParallelMlp(x, w1, b1, w2, [0, 0], 1, 2).bytesPerRank).toBe(0);
    expect(tensorParallelMlp(x, w1, b1, w2, [0, 0], 8, 2).bytesPerRank).toBe(2 * (7 / 8) * 2 * 2);
    expect(() => tensorParallelMlp(x, w1, b1, w2, [0, 0], 3, 2)).toThrow(KernelInputError);
  });
});
