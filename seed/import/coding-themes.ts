/**
 * The article's "编写…" coding exercises and the kernels of the reference suite that grade them.
 * Coding problems are folders under src/problems (named by kernel id); the importer only checks they exist.
 */
export type CodingTheme = { theme: string; pattern: RegExp; kernelIds: string[] };

export const CODING_THEMES: CodingTheme[] = [
  { theme: "forward propagation", pattern: /前向传播/, kernelIds: ["matmul", "linear-forward", "mlp-forward"] },
  { theme: "back-propagation", pattern: /反向传播|梯度计算/, kernelIds: ["linear-backward", "softmax-cross-entropy"] },
  { theme: "convolution", pattern: /卷积/, kernelIds: ["conv2d", "max-pool2d", "conv-classifier"] },
  { theme: "RNN sequence classification", pattern: /循环神经网络|rnn/i, kernelIds: ["rnn-forward"] },
];

export function codingThemeOf(heading: string): CodingTheme | undefined {
  return CODING_THEMES.find((theme) => theme.pattern.test(heading));
}
