import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def pipeline_schedule(schedule: str, stages: int, microbatches: int, chunks: int,
                      forward: np.ndarray, backward: np.ndarray, comm: float) -> dict:
    p, m, v = stages, microbatches, chunks
    total = m * v

    def forward_at(k):
        in_group = k % (p * v)
        return (k // (p * v) * p + in_group % p, in_group // p, "F")

    def backward_at(k):
        microbatch, chunk, _ = forward_at(k)
        return (microbatch, v - 1 - chunk, "B")

    orders = []
    for d in range(p):
        ops = []
        if schedule == "gpipe":
            ops += [(i, 0, "F") for i in range(m)]
            ops += [(i, 0, "B") for i in range(m)]
        else:
            if schedule == "1f1b":
                warmup = min(p - d - 1, total)
            else:
                warmup = min(2 * (p - d - 1) + (v - 1) * p, total)
            ops += [forward_at(k) for k in range(warmup)]
            for k in range(total - warmup):
                ops.append(forward_at(k + warmup))
                ops.append(backward_at(k))
            ops += [backward_at(k) for k in range(total - warmup, total)]
        orders.append(ops)

    f_end, b_end = {}, {}
    timeline = [[] for _ in range(p)]
    free = [0.0] * p
    nxt = [0] * p
    remaining = sum(len(ops) for ops in orders)
    while remaining > 0:
        progressed = False
        for d in range(p):
            while nxt[d] < len(orders[d]):
                microbatch, chunk, kind = orders[d][nxt[d]]
                s = chunk * p + d
                deps = []
                if kind == "F":
                    if s > 0:
                        deps.append((f_end, s - 1))
                else:
                    deps.append((f_end, s))
                    if s < p * v - 1:
                        deps.append((b_end, s + 1))
                if any((stage, microbatch) not in ends for ends, stage in deps):
                    break
                start = free[d]
                for ends, stage in deps:
                    hop = 0.0 if stage % p == d else comm
                    start = max(start, ends[(stage, microbatch)] + hop)
                end = start + float(forward[s] if kind == "F" else backward[s])
                (f_end if kind == "F" else b_end)[(s, microbatch)] = end
                timeline[d].append({"microbatch": microbatch, "chunk": chunk, "kind": kind,
                                    "start": start, "end": end})
                free[d] = end
                nxt[d] += 1
                remaining -= 1
                progressed = True
        if not progressed:
            raise RuntimeError("the schedule deadlocks")

    makespan = max(free)
    busy = sum(op["end"] - op["start"] for ops in timeline for op in ops)
    bubble_fraction = 1 - busy / (p * makespan)
    peak_in_flight = []
    for ops in orders:
        held = peak = 0
        for _, _, kind in ops:
            held += 1 if kind == "F" else -1
            peak = max(peak, held)
        peak_in_flight.append(peak)
    return {"timeline": timeline, "makespan": makespan, "bubble_fraction": bubble_fraction,
            "peak_in_flight": peak_in_flight}
`;

export const pipelineSchedulePython: PythonForm = {
  kernelId: "pipeline-schedule",
  functionName: "pipeline_schedule",
  signature: `# schedule: "gpipe" | "1f1b" | "interleaved"; forward, backward: (stages * chunks,) float64, model stage c*stages + d
def pipeline_schedule(schedule: str, stages: int, microbatches: int, chunks: int,
                      forward: np.ndarray, backward: np.ndarray, comm: float) -> dict
# {"timeline": [[{"microbatch": int, "chunk": int, "kind": "F" | "B", "start": float, "end": float}, ...] per device],
#  "makespan": float, "bubble_fraction": float, "peak_in_flight": [int] per device}`,
  argKinds: ["str", "int", "int", "int", "ndarray1d", "ndarray1d", "float"],
  adapter: dictResult(["timeline", "makespan", "bubble_fraction", "peak_in_flight"]),
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `import numpy as np


def pipeline_schedule(schedule: str, stages: int, microbatches: int, chunks: int,
                      forward: np.ndarray, backward: np.ndarray, comm: float) -> dict:
    # 1. Per device, the order of its ops (micro-batch, chunk, "F"/"B") from the schedule's rule.
    # 2. Place each op as early as its device and its dependencies allow; 3. makespan, bubble, peak in flight.
    return {"timeline": [[] for _ in range(stages)], "makespan": 0.0, "bubble_fraction": 0.0,
            "peak_in_flight": [0] * stages}
`,
  solutionCode,
};
