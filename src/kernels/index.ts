import type { AnyKernelSpec } from "./types.ts";

// Every kernel of the suite, by id. Each kernel module exports its spec.
const specs: AnyKernelSpec[] = [
  // neural-network and linear-algebra kernels
  // training, evaluation, compression and serving kernels
];

export const kernels: ReadonlyMap<string, AnyKernelSpec> = new Map(specs.map((spec) => [spec.id, spec]));

export function getKernel(id: string): AnyKernelSpec | undefined {
  return kernels.get(id);
}

export { compareValues } from "./compare.ts";
export { Rng } from "./rng.ts";
export { checkResult, generateTests } from "./suite.ts";
export * from "./types.ts";
