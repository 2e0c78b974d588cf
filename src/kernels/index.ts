import { classWeightsKernel } from "./class_weights.ts";
import { classificationMetricsKernel } from "./classification_metrics.ts";
import { distillationLossKernel } from "./distillation_loss.ts";
import { dpClipAndNoiseKernel } from "./dp_clip_and_noise.ts";
import { dynamicBatchingKernel } from "./dynamic_batching.ts";
import { earlyStoppingKernel } from "./early_stopping.ts";
import { kfoldIndicesKernel } from "./kfold_indices.ts";
import { l2RegularizedGradKernel } from "./l2_regularized_grad.ts";
import { lrScheduleKernel } from "./lr_schedule.ts";
import { magnitudePruneKernel } from "./magnitude_prune.ts";
import { quantizeInt8Kernel } from "./quantize_int8.ts";
import { ringAllreduceKernel } from "./ring_allreduce.ts";
import { rocAucKernel } from "./roc_auc.ts";
import { smoteKernel } from "./smote.ts";
import { successiveHalvingKernel } from "./successive_halving.ts";
import { twoProportionZtestKernel } from "./two_proportion_ztest.ts";
import type { AnyKernelSpec } from "./types.ts";

// Every kernel of the suite, by id. Each kernel module exports its spec.
const specs: AnyKernelSpec[] = [
  // neural-network and linear-algebra kernels
  // training, evaluation, compression and serving kernels
  ringAllreduceKernel,
  earlyStoppingKernel,
  l2RegularizedGradKernel,
  lrScheduleKernel,
  classificationMetricsKernel,
  rocAucKernel,
  kfoldIndicesKernel,
  successiveHalvingKernel,
  classWeightsKernel,
  smoteKernel,
  quantizeInt8Kernel,
  magnitudePruneKernel,
  distillationLossKernel,
  dpClipAndNoiseKernel,
  dynamicBatchingKernel,
  twoProportionZtestKernel,
];

export const kernels: ReadonlyMap<string, AnyKernelSpec> = new Map(specs.map((spec) => [spec.id, spec]));

export function getKernel(id: string): AnyKernelSpec | undefined {
  return kernels.get(id);
}

export { compareValues } from "./compare.ts";
export { Rng } from "./rng.ts";
export { checkResult, generateTests } from "./suite.ts";
export * from "./types.ts";
