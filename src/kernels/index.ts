import { classWeightsKernel } from "./class_weights.ts";
import { classificationMetricsKernel } from "./classification_metrics.ts";
import { convClassifierKernel } from "./conv_classifier.ts";
import { conv2dKernel } from "./conv2d.ts";
import { distillationLossKernel } from "./distillation_loss.ts";
import { dpClipAndNoiseKernel } from "./dp_clip_and_noise.ts";
import { dynamicBatchingKernel } from "./dynamic_batching.ts";
import { earlyStoppingKernel } from "./early_stopping.ts";
import { fgsmKernel } from "./fgsm.ts";
import { finetuneHeadStepKernel } from "./finetune_head_step.ts";
import { kfoldIndicesKernel } from "./kfold_indices.ts";
import { l2RegularizedGradKernel } from "./l2_regularized_grad.ts";
import { layerNormKernel } from "./layer_norm.ts";
import { linearBackwardKernel } from "./linear_backward.ts";
import { linearForwardKernel } from "./linear_forward.ts";
import { lrScheduleKernel } from "./lr_schedule.ts";
import { luDecomposeKernel } from "./lu_decompose.ts";
import { magnitudePruneKernel } from "./magnitude_prune.ts";
import { matmulKernel } from "./matmul.ts";
import { maxPool2dKernel } from "./max_pool2d.ts";
import { mlpForwardKernel } from "./mlp_forward.ts";
import { onlineSoftmaxKernel } from "./online_softmax.ts";
import { quantizeInt8Kernel } from "./quantize_int8.ts";
import { ringAllreduceKernel } from "./ring_allreduce.ts";
import { rnnForwardKernel } from "./rnn_forward.ts";
import { rocAucKernel } from "./roc_auc.ts";
import { saliencyKernel } from "./saliency.ts";
import { scaledDotProductAttentionKernel } from "./scaled_dot_product_attention.ts";
import { smoteKernel } from "./smote.ts";
import { softmaxKernel } from "./softmax.ts";
import { softmaxCrossEntropyKernel } from "./softmax_cross_entropy.ts";
import { successiveHalvingKernel } from "./successive_halving.ts";
import { twoProportionZtestKernel } from "./two_proportion_ztest.ts";
import type { AnyKernelSpec } from "./types.ts";

// Every kernel of the suite, by id. Each kernel module exports its spec.
const specs: AnyKernelSpec[] = [
  // neural-network and linear-algebra kernels
  matmulKernel,
  linearForwardKernel,
  mlpForwardKernel,
  linearBackwardKernel,
  softmaxCrossEntropyKernel,
  conv2dKernel,
  maxPool2dKernel,
  convClassifierKernel,
  rnnForwardKernel,
  luDecomposeKernel,
  softmaxKernel,
  onlineSoftmaxKernel,
  layerNormKernel,
  scaledDotProductAttentionKernel,
  saliencyKernel,
  fgsmKernel,
  finetuneHeadStepKernel,
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
