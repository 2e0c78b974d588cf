// Every kernel's Python form, by kernel id (one module per kernel in this folder).

import { nested } from "./adapter.ts";
import { classWeightsPython } from "./class_weights.ts";
import { classificationMetricsPython } from "./classification_metrics.ts";
import { convClassifierPython } from "./conv_classifier.ts";
import { conv2dPython } from "./conv2d.ts";
import { distillationLossPython } from "./distillation_loss.ts";
import { dpClipAndNoisePython } from "./dp_clip_and_noise.ts";
import { dynamicBatchingPython } from "./dynamic_batching.ts";
import { earlyStoppingPython } from "./early_stopping.ts";
import { fgsmPython } from "./fgsm.ts";
import { finetuneHeadStepPython } from "./finetune_head_step.ts";
import type { PythonForm } from "./form.ts";
import { kfoldIndicesPython } from "./kfold_indices.ts";
import { l2RegularizedGradPython } from "./l2_regularized_grad.ts";
import { layerNormPython } from "./layer_norm.ts";
import { linearBackwardPython } from "./linear_backward.ts";
import { linearForwardPython } from "./linear_forward.ts";
import { lrSchedulePython } from "./lr_schedule.ts";
import { luDecomposePython } from "./lu_decompose.ts";
import { magnitudePrunePython } from "./magnitude_prune.ts";
import { matmulPython } from "./matmul.ts";
import { maxPool2dPython } from "./max_pool2d.ts";
import { mlpForwardPython } from "./mlp_forward.ts";
import { onlineSoftmaxPython } from "./online_softmax.ts";
import { quantizeInt8Python } from "./quantize_int8.ts";
import { ringAllreducePython } from "./ring_allreduce.ts";
import { rnnForwardPython } from "./rnn_forward.ts";
import { rocAucPython } from "./roc_auc.ts";
import { saliencyPython } from "./saliency.ts";
import { scaledDotProductAttentionPython } from "./scaled_dot_product_attention.ts";
import { smotePython } from "./smote.ts";
import { softmaxPython } from "./softmax.ts";
import { softmaxCrossEntropyPython } from "./softmax_cross_entropy.ts";
import { successiveHalvingPython } from "./successive_halving.ts";
import { twoProportionZtestPython } from "./two_proportion_ztest.ts";

const forms: PythonForm[] = [
  classWeightsPython,
  classificationMetricsPython,
  conv2dPython,
  convClassifierPython,
  distillationLossPython,
  dpClipAndNoisePython,
  dynamicBatchingPython,
  earlyStoppingPython,
  fgsmPython,
  finetuneHeadStepPython,
  kfoldIndicesPython,
  l2RegularizedGradPython,
  layerNormPython,
  linearBackwardPython,
  linearForwardPython,
  lrSchedulePython,
  luDecomposePython,
  magnitudePrunePython,
  matmulPython,
  maxPool2dPython,
  mlpForwardPython,
  onlineSoftmaxPython,
  quantizeInt8Python,
  ringAllreducePython,
  rnnForwardPython,
  rocAucPython,
  saliencyPython,
  scaledDotProductAttentionPython,
  smotePython,
  softmaxPython,
  softmaxCrossEntropyPython,
  successiveHalvingPython,
  twoProportionZtestPython,
];

export const pythonForms: ReadonlyMap<string, PythonForm> = new Map(forms.map((form) => [form.kernelId, form]));

export function pythonFormOf(kernelId: string): PythonForm | undefined {
  return pythonForms.get(kernelId);
}

/**
 * A test's kernel arguments as the Python function receives them, as plain data (arrays nested): what a
 * Python learner is shown as a sample's input. Undefined when the kernel has no Python form.
 */
export function pythonArguments(kernelId: string, kernelArgs: readonly unknown[]): unknown[] | undefined {
  const form = pythonForms.get(kernelId);
  if (!form) return undefined;
  const args = form.adapter ? form.adapter.args(kernelArgs) : [...kernelArgs];
  return args.map(nested);
}

export type { PythonForm, PythonWrongSolution } from "./form.ts";
