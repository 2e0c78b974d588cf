import { edited, type WrongSolution } from "../../kernels/wrong-solutions.ts";
import { gangTopologySchedulerKernel } from "./kernel.ts";
import { gangTopologySchedulerPython } from "./python.ts";

const { solutionCode } = gangTopologySchedulerKernel;

/** Known wrong TypeScript solutions: each must be rejected by the problem's tests. */
export const typescript: readonly WrongSolution[] = [
  edited(solutionCode, "FIFO without backfill: nothing behind a blocked head starts, idle GPUs stay idle", [
    ["for (let q = 1; q < queue.length; q++) {", "for (let q = 1; q < 1; q++) {"],
  ]),
  edited(solutionCode, "backfill ignores the reservation: any job that fits now starts and can delay the head", [
    ["if (!endsInTime && job.gpus > extra) continue;", ""],
  ]),
  edited(solutionCode, "the extra GPUs are never used up: two long backfill jobs together delay the head", [
    ["if (!endsInTime) extra -= job.gpus;", ""],
  ]),
  edited(
    solutionCode,
    "the shadow time taken at the first end that frees enough, missing jobs ending at the same instant",
    [["if (avail >= need && lastAtThisTime) shadow = ends[i].end;", "if (avail >= need) shadow = ends[i].end;"]],
  ),
  edited(solutionCode, "a backfill job ending exactly at the shadow time treated as late (< instead of ≤)", [
    ["const endsInTime = now + job.duration <= shadow;", "const endsInTime = now + job.duration < shadow;"],
  ]),
  edited(solutionCode, "worst fit on one node (the emptiest node): spreads small jobs and fragments the nodes", [
    ["(best === -1 || free[n] < free[best])", "(best === -1 || free[n] > free[best])"],
  ]),
  edited(solutionCode, "first fit on one node (the lowest id that fits) instead of best fit", [
    ["(best === -1 || free[n] < free[best])", "best === -1"],
  ]),
  edited(solutionCode, "no rack level: a gang that does not fit on one node is spread over the whole cluster", [
    ['if (rackPlacement !== null) return { placement: rackPlacement, topology: "rack" };', ""],
  ]),
  edited(solutionCode, "the first rack that can hold the gang instead of the one needing the fewest nodes", [
    [
      "if (rackPlacement === null || taken.length < rackPlacement.length) rackPlacement = taken;",
      "if (rackPlacement === null) rackPlacement = taken;",
    ],
  ]),
  edited(solutionCode, "multi-node fill in node id order instead of most free GPUs first: more nodes than needed", [
    [
      "const sorted = candidates.filter((n) => free[n] > 0).sort((a, b) => free[b] - free[a] || a - b);",
      "const sorted = candidates.filter((n) => free[n] > 0).sort((a, b) => a - b);",
    ],
  ]),
  edited(solutionCode, "the queue ordered by job id instead of arrival time", [
    ["queue.push(byArrival[next++]);", "{ queue.push(byArrival[next++]); queue.sort((a, b) => a - b); }"],
  ]),
  edited(solutionCode, "no all-or-nothing: the head starts on whatever GPUs are free, a partial gang", [
    [
      "while (queue.length > 0 && jobs[queue[0]].gpus <= freeTotal()) start(queue.shift() as number, now);",
      "while (queue.length > 0 && freeTotal() > 0) start(queue.shift() as number, now);",
    ],
  ]),
  edited(solutionCode, "the placement never takes the GPUs off the free counts: GPUs released at start, jobs overlap", [
    ["for (const [n, k] of placement) free[n] -= k;", ""],
  ]),
];

const pythonSolution = gangTopologySchedulerPython.solutionCode;

/** Known wrong Python solutions: each must be rejected by the problem's tests. */
export const python: readonly WrongSolution[] = [
  edited(pythonSolution, "FIFO without backfill: nothing behind a blocked head starts", [
    ['if job["gpus"] > sum(free) or (not ends_in_time and job["gpus"] > extra):', "if True:"],
  ]),
  edited(pythonSolution, "backfill ignores the reservation: any job that fits now starts and can delay the head", [
    ['if job["gpus"] > sum(free) or (not ends_in_time and job["gpus"] > extra):', 'if job["gpus"] > sum(free):'],
  ]),
  edited(pythonSolution, "the extra GPUs are never used up", [['extra -= job["gpus"]', "pass"]]),
  edited(
    pythonSolution,
    "the shadow time taken at the first end that frees enough, missing jobs ending at the same instant",
    [
      [
        "if avail >= need and shadow == math.inf:\n                shadow = end",
        "if avail >= need and shadow == math.inf:\n                shadow = end\n                break",
      ],
    ],
  ),
  edited(pythonSolution, "worst fit on one node (the emptiest node)", [
    ["(best == -1 or free[n] < free[best])", "(best == -1 or free[n] > free[best])"],
  ]),
  edited(pythonSolution, "no rack level: a gang that does not fit on one node is spread over the whole cluster", [
    ["if rack_placement is not None:", "if False:"],
  ]),
  edited(pythonSolution, "the queue ordered by job id instead of arrival time", [
    ["queue.append(by_arrival[nxt])", "queue.append(by_arrival[nxt])\n            queue.sort()"],
  ]),
  edited(pythonSolution, "no all-or-nothing: the head starts on whatever GPUs are free, a partial gang", [
    ['while queue and jobs[queue[0]]["gpus"] <= sum(free):', "while queue and sum(free) > 0:"],
  ]),
  edited(
    pythonSolution,
    "the placement never takes the GPUs off the free counts: GPUs released at start, jobs overlap",
    [["for n, k in placement:\n            free[n] -= k", "for n, k in placement:\n            pass"]],
  ),
];
