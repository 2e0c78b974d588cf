/**
 * The article's "编写…" coding exercises and the kernels of the reference suite that grade them.
 * Coding problems are written per kernel in seed/content/coding/; the importer only checks they exist.
 */
export type CodingTheme = { theme: string; pattern: RegExp; kernelIds: string[] };

export const CODING_THEMES: CodingTheme[] = [
  { theme: "forward propagation", pattern: /前向传播/, kernelIds: ["matmul", "linear_forward", "mlp_forward"] },
  { theme: "back-propagation", pattern: /反向传播|梯度计算/, kernelIds: ["linear_backward", "softmax_cross_entropy"] },
  { theme: "convolution", pattern: /卷积/, kernelIds: ["conv2d", "max_pool2d", "conv_classifier"] },
  { theme: "RNN sequence classification", pattern: /循环神经网络|rnn/i, kernelIds: ["rnn_forward"] },
];

export function codingThemeOf(heading: string): CodingTheme | undefined {
  return CODING_THEMES.find((theme) => theme.pattern.test(heading));
}
