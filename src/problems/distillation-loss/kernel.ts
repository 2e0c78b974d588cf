import { requireFinite, requireLabels, requireMatrix, requireSameLength } from "../../kernels/guards.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [
  studentLogits: number[][],
  teacherLogits: number[][],
  labels: number[],
  temperature: number,
  alpha: number,
];
export type DistillationResult = { loss: number; softLoss: number; hardLoss: number };

/** log(softmax(z / T)) with the max subtracted first so exp never overflows. */
function logSoftmax(logits: readonly number[], temperature: number): number[] {
  let max = Number.NEGATIVE_INFINITY;
  for (const z of logits) max = Math.max(max, z / temperature);
  let sum = 0;
  for (const z of logits) sum += Math.exp(z / temperature - max);
  const logSum = max + Math.log(sum);
  return logits.map((z) => z / temperature - logSum);
}

/**
 * Hinton-style knowledge distillation, averaged over the batch:
 * softLoss = T² · mean_i KL(softmax(teacher_i/T) ‖ softmax(student_i/T)),
 * hardLoss = mean_i −log softmax(student_i)[label_i] (at temperature 1),
 * loss = alpha · softLoss + (1 − alpha) · hardLoss. The T² keeps the soft gradients' scale independent of T.
 */
function distillationLoss(
  studentLogits: number[][],
  teacherLogits: number[][],
  labels: number[],
  temperature: number,
  alpha: number,
): DistillationResult {
  const classes = requireMatrix(studentLogits, "studentLogits");
  const teacherClasses = requireMatrix(teacherLogits, "teacherLogits");
  requireSameLength(studentLogits, teacherLogits, "studentLogits", "teacherLogits");
  if (teacherClasses !== classes) {
    throw new KernelInputError(`teacherLogits has ${teacherClasses} classes, studentLogits has ${classes}`);
  }
  requireLabels(labels, "labels", classes);
  requireSameLength(studentLogits, labels, "studentLogits", "labels");
  requireFinite(temperature, "temperature");
  if (temperature <= 0) throw new KernelInputError(`temperature must be > 0, got ${temperature}`);
  requireFinite(alpha, "alpha");
  if (alpha < 0 || alpha > 1) throw new KernelInputError(`alpha must be in [0, 1], got ${alpha}`);
  const n = studentLogits.length;
  let kl = 0;
  let crossEntropy = 0;
  for (let i = 0; i < n; i++) {
    const studentSoft = logSoftmax(studentLogits[i], temperature);
    const teacherSoft = logSoftmax(teacherLogits[i], temperature);
    for (let c = 0; c < classes; c++) {
      // A teacher probability that underflows to 0 contributes 0 (the limit of p log p).
      kl += Math.exp(teacherSoft[c]) * (teacherSoft[c] - studentSoft[c]);
    }
    crossEntropy -= logSoftmax(studentLogits[i], 1)[labels[i]];
  }
  const softLoss = (temperature * temperature * kl) / n;
  const hardLoss = crossEntropy / n;
  return { loss: alpha * softLoss + (1 - alpha) * hardLoss, softLoss, hardLoss };
}

export const distillationLossKernel: KernelSpec<Args, DistillationResult> = {
  id: "distillation-loss",
  functionName: "distillationLoss",
  signature:
    "function distillationLoss(studentLogits: number[][], teacherLogits: number[][], labels: number[], temperature: number, alpha: number): { loss: number; softLoss: number; hardLoss: number }",
  tolerance: { atol: 1e-9, rtol: 1e-6 },
  testCounts: { sample: 2, hidden: 10, performance: 0 },
  reference: distillationLoss,
  generate(kind, index, rng) {
    if (kind === "sample") {
      return index === 0
        ? [[[1, 2, 0.5]], [[2, 1, 0]], [1], 2, 0.5]
        : [
            [
              [0.2, -1],
              [3, 1],
            ],
            [
              [1, -1],
              [2, 2],
            ],
            [0, 0],
            4,
            0.9,
          ];
    }
    switch (index) {
      case 0:
        return [[[1, 2, 3]], [[1, 2, 3]], [2], 3, 1]; // identical logits: KL is 0
      case 1:
        return [[[0.5, 0.5]], [[4, -4]], [0], 1, 0]; // alpha 0: only cross-entropy
      case 2:
        return [[[500, -500, 0]], [[-600, 600, 0]], [1], 1, 0.5]; // large logits, still inside exp's range
      case 4:
        // exp overflows from 710: without the max shift every term is Infinity / Infinity
        return [
          [
            [1000, -1000, 0],
            [720, 710, 0],
          ],
          [
            [-900, 900, 0],
            [710, 730, 0],
          ],
          [1, 0],
          1,
          0.5,
        ];
      case 5:
        return [[[400, -400, 300]], [[380, 0, 420]], [2], 0.5, 0.7]; // logits / T reach 840
      case 3:
        return [
          [
            [1, 2],
            [3, 4],
          ],
          [
            [0, 0],
            [0, 0],
          ],
          [1, 0],
          0.5,
          0.3,
        ]; // T < 1 sharpens
      default: {
        const n = rng.int(1, 16);
        const classes = rng.int(2, 10);
        const teacher = rng.matrix(n, classes, -6, 6);
        const student = teacher.map((row) => row.map((z) => z * 0.5 + rng.normal(0, 1)));
        const labels = Array.from({ length: n }, () => rng.int(0, classes - 1));
        return [student, teacher, labels, rng.pick([1, 2, 4, 8, 20]), rng.pick([0, 0.25, 0.5, 0.9, 1])];
      }
    }
  },
  starterCode: `function distillationLoss(
  studentLogits: number[][],
  teacherLogits: number[][],
  labels: number[],
  temperature: number,
  alpha: number,
): { loss: number; softLoss: number; hardLoss: number } {
  // softLoss = T^2 * mean over rows of KL(softmax(teacher / T) || softmax(student / T));
  // hardLoss = mean over rows of -log softmax(student)[label]; loss = alpha * softLoss + (1 - alpha) * hardLoss.
  // Use a numerically stable log-softmax.
  return { loss: 0, softLoss: 0, hardLoss: 0 };
}
`,
  solutionCode: `function logSoftmaxRow(z: number[]): number[] {
  const m = Math.max(...z);
  const lse = m + Math.log(z.reduce((s, v) => s + Math.exp(v - m), 0));
  return z.map((v) => v - lse);
}

function distillationLoss(
  studentLogits: number[][],
  teacherLogits: number[][],
  labels: number[],
  temperature: number,
  alpha: number,
): { loss: number; softLoss: number; hardLoss: number } {
  const T = temperature;
  let soft = 0;
  let hard = 0;
  studentLogits.forEach((s, i) => {
    const ls = logSoftmaxRow(s.map((v) => v / T));
    const lt = logSoftmaxRow(teacherLogits[i].map((v) => v / T));
    lt.forEach((l, c) => {
      const p = Math.exp(l);
      if (p > 0) soft += p * (l - ls[c]);
    });
    hard += -logSoftmaxRow(s)[labels[i]];
  });
  const n = studentLogits.length;
  const softLoss = (soft / n) * T * T;
  const hardLoss = hard / n;
  return { loss: alpha * softLoss + (1 - alpha) * hardLoss, softLoss, hardLoss };
}
`,
};
