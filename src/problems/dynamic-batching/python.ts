import { camelKeys, nested, snakeKeys } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `def dynamic_batching(arrivals: list, max_batch_size: int, max_wait_ms: float) -> list:
    batches = []
    current = []
    deadline = 0
    for request, time in enumerate(arrivals):
        if current and time > deadline:
            batches.append({"requests": current, "dispatch_time": deadline})
            current = []
        if not current:
            deadline = time + max_wait_ms
        current.append(request)
        if len(current) == max_batch_size:
            batches.append({"requests": current, "dispatch_time": time})
            current = []
    if current:
        batches.append({"requests": current, "dispatch_time": deadline})
    return batches
`;

export const dynamicBatchingPython: PythonForm = {
  kernelId: "dynamic-batching",
  functionName: "dynamic_batching",
  signature:
    'def dynamic_batching(arrivals: list[float], max_batch_size: int, max_wait_ms: float) -> list[dict]  # [{"requests": [int], "dispatch_time": float}]',
  argKinds: ["list", "int", "float"],
  adapter: {
    args: (kernelArgs) => [...kernelArgs],
    result: (value) => (Array.isArray(value) ? value.map(camelKeys) : nested(value)),
    present: (batches) =>
      Array.isArray(batches)
        ? batches.map((batch) => snakeKeys(batch, ["requests", "dispatch_time"]))
        : nested(batches),
  },
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `def dynamic_batching(arrivals: list, max_batch_size: int, max_wait_ms: float) -> list:
    # The first request into an empty queue opens a batch with deadline arrival + max_wait_ms. Dispatch when
    # the batch is full (at the filling request's arrival) or at the deadline; arrivals at the deadline join.
    # Requests are identified by their index in arrivals. Return [{"requests": [...], "dispatch_time": t}, ...].
    return []
`,
  solutionCode,
};
