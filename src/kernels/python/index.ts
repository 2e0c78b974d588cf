// Every kernel's Python form, by kernel id (one module per kernel in this folder).

import { classWeightsPython } from "./class_weights.ts";
import { classificationMetricsPython } from "./classification_metrics.ts";
import { earlyStoppingPython } from "./early_stopping.ts";
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
import { mlpForwardPython } from "./mlp_forward.ts";
import { onlineSoftmaxPython } from "./online_softmax.ts";
import { ringAllreducePython } from "./ring_allreduce.ts";
import { rocAucPython } from "./roc_auc.ts";
import { softmaxPython } from "./softmax.ts";
import { softmaxCrossEntropyPython } from "./softmax_cross_entropy.ts";
import { successiveHalvingPython } from "./successive_halving.ts";

const forms: PythonForm[] = [
  classWeightsPython,
  classificationMetricsPython,
  earlyStoppingPython,
  kfoldIndicesPython,
  l2RegularizedGradPython,
  layerNormPython,
  linearBackwardPython,
  linearForwardPython,
  lrSchedulePython,
  luDecomposePython,
  magnitudePrunePython,
  matmulPython,
  mlpForwardPython,
  onlineSoftmaxPython,
  ringAllreducePython,
  rocAucPython,
  softmaxPython,
  softmaxCrossEntropyPython,
  successiveHalvingPython,
];

export const pythonForms: ReadonlyMap<string, PythonForm> = new Map(forms.map((form) => [form.kernelId, form]));

export function pythonFormOf(kernelId: string): PythonForm | undefined {
  return pythonForms.get(kernelId);
}

export type { PythonForm, PythonWrongSolution } from "./form.ts";
