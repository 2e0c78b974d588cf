import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { maxPool2dKernel } from "./kernel.ts";

const { solutionCode } = maxPool2dKernel;

export const maxPool2dWrongSolutions: readonly WrongSolution[] = [
  edited(solutionCode, "keeps windows that cross the border (ceil mode) instead of dropping them", [
    ["top + kernelSize <= channel.length;", "top < channel.length;"],
    ["left + kernelSize <= channel[0].length;", "left < channel[0].length;"],
    [
      "window.push(...channel[top + i].slice(left, left + kernelSize));",
      "window.push(...(channel[top + i] ?? []).slice(left, left + kernelSize));",
    ],
  ]),
  edited(solutionCode, "assumes the stride equals the window size", [
    ["top += stride", "top += kernelSize"],
    ["left += stride", "left += kernelSize"],
  ]),
  edited(solutionCode, "maximum starts at 0: an all-negative window gives 0", [
    ["row.push(Math.max(...window));", "row.push(Math.max(0, ...window));"],
  ]),
  edited(solutionCode, "average pooling instead of max pooling", [
    ["row.push(Math.max(...window));", "row.push(window.reduce((a, v) => a + v, 0) / window.length);"],
  ]),
  edited(solutionCode, "transposed window: rows and columns swapped", [
    [
      "window.push(...channel[top + i].slice(left, left + kernelSize));",
      "for (let j = 0; j < kernelSize; j++) window.push(channel[left + j]?.[top + i] ?? -Infinity);",
    ],
  ]),
];
