import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { dynamicBatchingKernel } from "./kernel.ts";

const { solutionCode } = dynamicBatchingKernel;

export const dynamicBatchingWrongSolutions: readonly WrongSolution[] = [
  edited(solutionCode, "a request arriving exactly at the deadline does not join", [
    ["time > deadline", "time >= deadline"],
  ]),
  edited(solutionCode, "a full batch is dispatched at its deadline instead of when it fills", [
    [
      "out.push({ requests: current, dispatchTime: time });",
      "out.push({ requests: current, dispatchTime: deadline });",
    ],
  ]),
  edited(solutionCode, "every arrival restarts the timer", [
    ["if (current.length === 0) deadline = time + maxWaitMs;", "deadline = time + maxWaitMs;"],
  ]),
  edited(solutionCode, "off-by-one batch size: dispatches at maxBatchSize + 1 requests", [
    ["current.length === maxBatchSize", "current.length === maxBatchSize + 1"],
  ]),
  edited(solutionCode, "drops the last, partly filled batch", [
    ["  if (current.length > 0) out.push({ requests: current, dispatchTime: deadline });\n", ""],
  ]),
];
