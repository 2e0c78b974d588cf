import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def ddp_overlap(param_bytes: list, ready_times: np.ndarray, first_bucket_cap: int, bucket_cap: int,
                ranks: int, alpha: float, bandwidth: float) -> dict:
    buckets, bucket_bytes = [], []
    current, size, cap = [], 0, first_bucket_cap
    for i in reversed(range(len(param_bytes))):
        current.append(i)
        size += param_bytes[i]
        if size >= cap:
            buckets.append(current)
            bucket_bytes.append(size)
            current, size, cap = [], 0, bucket_cap
    if current:
        buckets.append(current)
        bucket_bytes.append(size)
    ready = [float(np.max(ready_times[bucket])) for bucket in buckets]
    start, end = [], []
    stream_free = 0.0
    for b in range(len(buckets)):
        begin = max(ready[b], stream_free)
        cost = 2 * (ranks - 1) * alpha + 2 * (ranks - 1) / ranks * (bucket_bytes[b] / bandwidth)
        start.append(begin)
        end.append(begin + cost)
        stream_free = begin + cost
    backward_end = float(np.max(ready_times))
    return {"buckets": buckets, "bucket_bytes": bucket_bytes, "ready": ready, "start": start, "end": end,
            "backward_end": backward_end, "comm_end": stream_free, "exposed": stream_free - backward_end}
`;

export const ddpOverlapPython: PythonForm = {
  kernelId: "ddp-bucketing-overlap",
  functionName: "ddp_overlap",
  signature: `def ddp_overlap(param_bytes: list, ready_times: np.ndarray, first_bucket_cap: int, bucket_cap: int,
                ranks: int, alpha: float, bandwidth: float) -> dict
# param_bytes: list[int] (P,), ready_times: float64 (P,), both in registration order
# -> {"buckets": list[list[int]], "bucket_bytes": list[int], "ready", "start", "end": list[float],
#     "backward_end", "comm_end", "exposed": float}`,
  argKinds: ["list", "ndarray1d", "int", "int", "int", "float", "float"],
  adapter: dictResult(["buckets", "bucket_bytes", "ready", "start", "end", "backward_end", "comm_end", "exposed"]),
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `import numpy as np


def ddp_overlap(param_bytes: list, ready_times: np.ndarray, first_bucket_cap: int, bucket_cap: int,
                ranks: int, alpha: float, bandwidth: float) -> dict:
    # Bucket the parameters from the last registered to the first, then run one ring all-reduce per bucket,
    # in bucket order on one stream, each starting once its gradients are ready and the stream is free.
    return {"buckets": [], "bucket_bytes": [], "ready": [], "start": [], "end": [],
            "backward_end": 0.0, "comm_end": 0.0, "exposed": 0.0}
`,
  solutionCode,
};
