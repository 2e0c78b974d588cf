import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { continuousBatchingKernel } from "./kernel.ts";
import { continuousBatchingPython } from "./python.ts";

const { solutionCode } = continuousBatchingKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "schedules new prefills before the running decodes: a long prompt starves the decodes", [
    ["    scheduleRunning();\n    admitWaiting();", "    admitWaiting();\n    scheduleRunning();"],
  ]),
  edited(solutionCode, "does not cap chunks at the token budget: a step batches more than maxNumBatchedTokens", [
    ["const tokens = Math.min(known(id) - computed[id], budget);", "const tokens = known(id) - computed[id];"],
    ["const tokens = Math.min(known(id), budget);", "const tokens = known(id);"],
  ]),
  edited(
    solutionCode,
    "takes the first output token from the first decode step, not the last prefill chunk (TTFT a step late)",
    [
      [
        "ttft: requests.map((request, id) => tokenTimes[id][0] - request.arrival)",
        "ttft: requests.map((request, id) => tokenTimes[id][Math.min(1, tokenTimes[id].length - 1)] - request.arrival)",
      ],
    ],
  ),
  edited(solutionCode, "TPOT includes the first token: (last token − arrival) / outputLen", [
    [
      "(times[times.length - 1] - times[0]) / (request.outputLen - 1)",
      "(times[times.length - 1] - request.arrival) / request.outputLen",
    ],
  ]),
  edited(solutionCode, "preempts the oldest running request instead of the newest", [
    ["preempt(running[running.length - 1])", "preempt(running[0])"],
  ]),
  edited(solutionCode, "puts a preempted request at the back of the waiting queue instead of the front", [
    ["waiting.unshift(victim);", "waiting.push(victim);"],
  ]),
  edited(solutionCode, "static batching: new requests join only when the whole running batch has finished", [
    ["const admitWaiting = () => {", "const admitWaiting = () => {\n      if (running.length > 0) return;"],
  ]),
  edited(solutionCode, "a preempted request keeps its computed tokens although its KV blocks were freed", [
    ["      computed[victim] = 0;\n", ""],
  ]),
];

const pythonSolution = continuousBatchingPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "schedules new prefills before the running decodes: a long prompt starves the decodes", [
    ["        schedule_running()\n        admit_waiting()", "        admit_waiting()\n        schedule_running()"],
  ]),
  edited(pythonSolution, "does not cap chunks at the token budget: a step batches more than max_num_batched_tokens", [
    ["tokens = min(known(i) - computed[i], budget)", "tokens = known(i) - computed[i]"],
    ["tokens = min(known(i), budget)", "tokens = known(i)"],
  ]),
  edited(
    pythonSolution,
    "takes the first output token from the first decode step, not the last prefill chunk (TTFT a step late)",
    [
      [
        'ttft = [token_times[i][0] - requests[i]["arrival"] for i in range(count)]',
        'ttft = [token_times[i][min(1, len(token_times[i]) - 1)] - requests[i]["arrival"] for i in range(count)]',
      ],
    ],
  ),
  edited(pythonSolution, "TPOT includes the first token: (last token − arrival) / output_len", [
    ["(times[-1] - times[0]) / (n - 1)", '(times[-1] - requests[i]["arrival"]) / n'],
  ]),
  edited(pythonSolution, "preempts the oldest running request instead of the newest", [
    ["preempt(running[-1])", "preempt(running[0])"],
  ]),
  edited(pythonSolution, "puts a preempted request at the back of the waiting queue instead of the front", [
    ["waiting.insert(0, victim)", "waiting.append(victim)"],
  ]),
  edited(pythonSolution, "static batching: new requests join only when the whole running batch has finished", [
    [
      "            nonlocal budget, free_blocks\n            while not preempted",
      "            nonlocal budget, free_blocks\n            if running:\n                return\n            while not preempted",
    ],
  ]),
  edited(pythonSolution, "a preempted request keeps its computed tokens although its KV blocks were freed", [
    ["            computed[victim] = 0\n", ""],
  ]),
];
