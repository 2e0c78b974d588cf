import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { checkpointIntervalKernel } from "./kernel.ts";
import { checkpointIntervalPython } from "./python.ts";

const { solutionCode } = checkpointIntervalKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "Young's interval without the factor 2: √(δM)", [
    ["const young = Math.sqrt(2 * delta * mtbf);", "const young = Math.sqrt(delta * mtbf);"],
  ]),
  edited(solutionCode, "Daly's interval without subtracting δ (the series alone)", [
    ["daly = young * (1 + Math.sqrt(x) / 3 + x / 9) - delta;", "daly = young * (1 + Math.sqrt(x) / 3 + x / 9);"],
  ]),
  edited(solutionCode, "a checkpoint after the final segment too: every completion time δ too late", [
    ["const end = now + segment + (last ? 0 : delta);", "const end = now + segment + delta;"],
  ]),
  edited(solutionCode, "a failure during a checkpoint treated as after it: the segment is kept", [
    [
      "if (next < failureTimes.length && failureTimes[next] < end) {",
      "if (next < failureTimes.length && failureTimes[next] < now + segment) {",
    ],
  ]),
  edited(solutionCode, "failures during a restart ignored: the restart always finishes R after the first failure", [
    ["while (next < failureTimes.length && failureTimes[next] < now + restartCost) {", "while (next < 0) {"],
  ]),
  edited(solutionCode, "a failure loses the whole segment even when it strikes halfway through the compute", [
    ["lostWork += Math.min(segment, failureTimes[next] - now);", "lostWork += segment;"],
  ]),
  edited(solutionCode, "closed intervals: a failure at the very instant an activity ends still interrupts it", [
    [
      "if (next < failureTimes.length && failureTimes[next] < end) {",
      "if (next < failureTimes.length && failureTimes[next] <= end) {",
    ],
  ]),
  edited(solutionCode, "expected waste without the restart cost R/M", [
    ["(interval / 2 + restartCost) / mtbf", "(interval / 2) / mtbf"],
  ]),
];

const pythonSolution = checkpointIntervalPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "Young's interval without the factor 2: √(δM)", [
    ["young = math.sqrt(2 * delta * mtbf)", "young = math.sqrt(delta * mtbf)"],
  ]),
  edited(pythonSolution, "Daly's interval without subtracting δ", [
    ["daly = young * (1 + math.sqrt(x) / 3 + x / 9) - delta", "daly = young * (1 + math.sqrt(x) / 3 + x / 9)"],
  ]),
  edited(pythonSolution, "a checkpoint after the final segment too", [
    ["end = now + segment + (0 if last else delta)", "end = now + segment + delta"],
  ]),
  edited(pythonSolution, "a failure during a checkpoint treated as after it: the segment is kept", [
    [
      "if nxt < len(failures_left) and failures_left[nxt] < end:",
      "if nxt < len(failures_left) and failures_left[nxt] < now + segment:",
    ],
  ]),
  edited(pythonSolution, "failures during a restart ignored", [
    ["while nxt < len(failures_left) and failures_left[nxt] < now + restart:", "while False:"],
  ]),
  edited(pythonSolution, "a failure loses the whole segment even halfway through the compute", [
    ["lost_work += min(segment, failures_left[nxt] - now)", "lost_work += segment"],
  ]),
  edited(pythonSolution, "closed intervals: a failure at the instant an activity ends still interrupts it", [
    [
      "if nxt < len(failures_left) and failures_left[nxt] < end:",
      "if nxt < len(failures_left) and failures_left[nxt] <= end:",
    ],
  ]),
];
