import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";
import type { CheckpointJob } from "./kernel.ts";

const RESULT_KEYS = [
  "young",
  "daly",
  "expected_waste",
  "completion_time",
  "lost_work",
  "checkpoints",
  "failures",
  "goodput",
];

const solutionCode = `import math

import numpy as np


def checkpoint_interval(job: dict, failure_times: np.ndarray) -> dict:
    work, interval = job["work"], job["interval"]
    delta, restart, mtbf = job["checkpoint_cost"], job["restart_cost"], job["mtbf"]
    young = math.sqrt(2 * delta * mtbf)
    daly = mtbf
    if delta < 2 * mtbf:
        x = delta / (2 * mtbf)
        daly = young * (1 + math.sqrt(x) / 3 + x / 9) - delta
    expected_waste = delta / interval + (interval / 2 + restart) / mtbf

    failures_left = [float(t) for t in failure_times]
    now, saved, nxt = 0.0, 0.0, 0
    lost_work, checkpoints, failures = 0.0, 0, 0
    while saved < work:
        segment = min(interval, work - saved)
        last = saved + segment >= work
        end = now + segment + (0 if last else delta)
        if nxt < len(failures_left) and failures_left[nxt] < end:
            failures += 1
            lost_work += min(segment, failures_left[nxt] - now)
            now = failures_left[nxt]
            nxt += 1
            while nxt < len(failures_left) and failures_left[nxt] < now + restart:
                failures += 1
                now = failures_left[nxt]
                nxt += 1
            now += restart
            continue
        now = end
        saved += segment
        if not last:
            checkpoints += 1
    return {
        "young": young,
        "daly": daly,
        "expected_waste": expected_waste,
        "completion_time": now,
        "lost_work": lost_work,
        "checkpoints": checkpoints,
        "failures": failures,
        "goodput": work / now,
    }
`;

export const checkpointIntervalPython: PythonForm = {
  kernelId: "checkpoint-interval",
  functionName: "checkpoint_interval",
  signature: `# job: {"work", "interval", "checkpoint_cost", "restart_cost", "mtbf"} (seconds or any one time unit)
def checkpoint_interval(job: dict, failure_times: np.ndarray) -> dict
# {"young", "daly", "expected_waste", "completion_time", "lost_work", "checkpoints", "failures", "goodput"}`,
  argKinds: ["json", "ndarray1d"],
  adapter: {
    ...dictResult(RESULT_KEYS),
    args: ([job, failureTimes]) => {
      const { work, interval, checkpointCost, restartCost, mtbf } = job as CheckpointJob;
      return [
        { work, interval, checkpoint_cost: checkpointCost, restart_cost: restartCost, mtbf },
        Float64Array.from(failureTimes as number[]),
      ];
    },
  },
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `import numpy as np


def checkpoint_interval(job: dict, failure_times: np.ndarray) -> dict:
    # The formulas first (Young, Daly, first-order waste), then walk the timeline: compute a segment,
    # checkpoint it, and on a failure lose the work since the last checkpoint and pay the restart.
    return {"young": 0.0, "daly": 0.0, "expected_waste": 0.0, "completion_time": float(job["work"]),
            "lost_work": 0.0, "checkpoints": 0, "failures": 0, "goodput": 1.0}
`,
  solutionCode,
};
