import { classWeightsWrongSolutions } from "./class_weights.ts";
import { classificationMetricsWrongSolutions } from "./classification_metrics.ts";
import { convClassifierWrongSolutions } from "./conv_classifier.ts";
import { conv2dWrongSolutions } from "./conv2d.ts";
import { distillationLossWrongSolutions } from "./distillation_loss.ts";
import { dpClipAndNoiseWrongSolutions } from "./dp_clip_and_noise.ts";
import { dynamicBatchingWrongSolutions } from "./dynamic_batching.ts";
import { earlyStoppingWrongSolutions } from "./early_stopping.ts";
import { fgsmWrongSolutions } from "./fgsm.ts";
import { finetuneHeadStepWrongSolutions } from "./finetune_head_step.ts";
import { kfoldIndicesWrongSolutions } from "./kfold_indices.ts";
import { l2RegularizedGradWrongSolutions } from "./l2_regularized_grad.ts";
import { layerNormWrongSolutions } from "./layer_norm.ts";
import { linearBackwardWrongSolutions } from "./linear_backward.ts";
import { linearForwardWrongSolutions } from "./linear_forward.ts";
import { lrScheduleWrongSolutions } from "./lr_schedule.ts";
import { luDecomposeWrongSolutions } from "./lu_decompose.ts";
import { magnitudePruneWrongSolutions } from "./magnitude_prune.ts";
import { matmulWrongSolutions } from "./matmul.ts";
import { maxPool2dWrongSolutions } from "./max_pool2d.ts";
import { mlpForwardWrongSolutions } from "./mlp_forward.ts";
import { onlineSoftmaxWrongSolutions } from "./online_softmax.ts";
import { quantizeInt8WrongSolutions } from "./quantize_int8.ts";
import { ringAllreduceWrongSolutions } from "./ring_allreduce.ts";
import { rnnForwardWrongSolutions } from "./rnn_forward.ts";
import { rocAucWrongSolutions } from "./roc_auc.ts";
import { saliencyWrongSolutions } from "./saliency.ts";
import { scaledDotProductAttentionWrongSolutions } from "./scaled_dot_product_attention.ts";
import { smoteWrongSolutions } from "./smote.ts";
import { softmaxWrongSolutions } from "./softmax.ts";
import { softmaxCrossEntropyWrongSolutions } from "./softmax_cross_entropy.ts";
import { successiveHalvingWrongSolutions } from "./successive_halving.ts";
import { twoProportionZtestWrongSolutions } from "./two_proportion_ztest.ts";
import type { WrongSolution } from "./types.ts";

/**
 * Known wrong solutions by kernel id. Every registered kernel must have at least four: a test grades each one
 * through the real grader with the production test plan and fails if any is accepted.
 */
export const wrongSolutionsByKernel: ReadonlyMap<string, readonly WrongSolution[]> = new Map([
  ["class_weights", classWeightsWrongSolutions],
  ["classification_metrics", classificationMetricsWrongSolutions],
  ["conv2d", conv2dWrongSolutions],
  ["conv_classifier", convClassifierWrongSolutions],
  ["distillation_loss", distillationLossWrongSolutions],
  ["dp_clip_and_noise", dpClipAndNoiseWrongSolutions],
  ["dynamic_batching", dynamicBatchingWrongSolutions],
  ["early_stopping", earlyStoppingWrongSolutions],
  ["fgsm", fgsmWrongSolutions],
  ["finetune_head_step", finetuneHeadStepWrongSolutions],
  ["kfold_indices", kfoldIndicesWrongSolutions],
  ["l2_regularized_grad", l2RegularizedGradWrongSolutions],
  ["layer_norm", layerNormWrongSolutions],
  ["linear_backward", linearBackwardWrongSolutions],
  ["linear_forward", linearForwardWrongSolutions],
  ["lr_schedule", lrScheduleWrongSolutions],
  ["lu_decompose", luDecomposeWrongSolutions],
  ["magnitude_prune", magnitudePruneWrongSolutions],
  ["matmul", matmulWrongSolutions],
  ["max_pool2d", maxPool2dWrongSolutions],
  ["mlp_forward", mlpForwardWrongSolutions],
  ["online_softmax", onlineSoftmaxWrongSolutions],
  ["quantize_int8", quantizeInt8WrongSolutions],
  ["ring_allreduce", ringAllreduceWrongSolutions],
  ["rnn_forward", rnnForwardWrongSolutions],
  ["roc_auc", rocAucWrongSolutions],
  ["saliency", saliencyWrongSolutions],
  ["scaled_dot_product_attention", scaledDotProductAttentionWrongSolutions],
  ["smote", smoteWrongSolutions],
  ["softmax", softmaxWrongSolutions],
  ["softmax_cross_entropy", softmaxCrossEntropyWrongSolutions],
  ["successive_halving", successiveHalvingWrongSolutions],
  ["two_proportion_ztest", twoProportionZtestWrongSolutions],
]);

export type { WrongSolution } from "./types.ts";
