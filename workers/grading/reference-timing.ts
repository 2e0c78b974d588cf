import type { AnyKernelSpec } from "../../src/kernels/types.ts";

const WARM_UP_RUNS = 2;
const TIMED_RUNS = 5;
/** Below this a timer's resolution dominates; ratios against it would be noise. */
const MIN_REFERENCE_MS = 0.001;

/** Fastest wall time of the reference kernel on these arguments, in this (trusted) process, after warm-up. */
export function measureReferenceMs(kernel: AnyKernelSpec, args: readonly unknown[]): number {
  for (let i = 0; i < WARM_UP_RUNS; i++) kernel.reference(...structuredClone(args));
  const samples: number[] = [];
  for (let i = 0; i < TIMED_RUNS; i++) {
    const copy = structuredClone(args);
    const start = process.hrtime.bigint();
    kernel.reference(...copy);
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return Math.max(Math.min(...samples), MIN_REFERENCE_MS);
}
