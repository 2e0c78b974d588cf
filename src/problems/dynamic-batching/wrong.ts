import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { dynamicBatchingKernel } from "./kernel.ts";
import { dynamicBatchingPython } from "./python.ts";

const { solutionCode } = dynamicBatchingKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
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

const pythonSolution = dynamicBatchingPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "an arrival exactly at the deadline opens a new batch instead of joining", [
    ["if current and time > deadline:", "if current and time >= deadline:"],
  ]),
  edited(pythonSolution, "a full batch is dispatched at its deadline instead of when it fills", [
    [
      '            batches.append({"requests": current, "dispatch_time": time})',
      '            batches.append({"requests": current, "dispatch_time": deadline})',
    ],
  ]),
  edited(pythonSolution, "every arrival restarts the timer", [
    ["        if not current:\n            deadline = time + max_wait_ms", "        deadline = time + max_wait_ms"],
  ]),
  edited(pythonSolution, "off-by-one batch size: dispatches at max_batch_size + 1 requests", [
    ["if len(current) == max_batch_size:", "if len(current) == max_batch_size + 1:"],
  ]),
  edited(pythonSolution, "the last batch is dispatched at its last arrival instead of its deadline", [
    [
      '    if current:\n        batches.append({"requests": current, "dispatch_time": deadline})',
      '    if current:\n        batches.append({"requests": current, "dispatch_time": arrivals[current[-1]]})',
    ],
  ]),
];
