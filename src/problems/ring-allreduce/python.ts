import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def ring_allreduce(buffers: np.ndarray) -> np.ndarray:
    n, length = buffers.shape
    sizes = [length // n + (1 if c < length % n else 0) for c in range(n)]
    starts = np.concatenate(([0], np.cumsum(sizes))).astype(int)
    held = buffers.copy()

    def chunk(c):
        return slice(starts[c], starts[c + 1])

    for s in range(n - 1):
        outgoing = [((i - s) % n, held[i, chunk((i - s) % n)].copy()) for i in range(n)]
        for i, (c, values) in enumerate(outgoing):
            held[(i + 1) % n, chunk(c)] += values
    for i in range(n):
        held[i, chunk((i + 1) % n)] /= n
    for s in range(n - 1):
        outgoing = [((i + 1 - s) % n, held[i, chunk((i + 1 - s) % n)].copy()) for i in range(n)]
        for i, (c, values) in enumerate(outgoing):
            held[(i + 1) % n, chunk(c)] = values
    return held
`;

export const ringAllreducePython: PythonForm = {
  kernelId: "ring-allreduce",
  functionName: "ring_allreduce",
  signature: "def ring_allreduce(buffers: np.ndarray) -> np.ndarray  # workers × length",
  argKinds: ["ndarray2d"],
  forbiddenNames: [],
  allowed: `${NUMPY_ALLOWED} Simulate the ring: buffers.mean(axis=0) adds in another order and fails the order-sensitive tests.`,
  starterCode: `import numpy as np


def ring_allreduce(buffers: np.ndarray) -> np.ndarray:
    # Simulate N workers in a ring (buffers is N×length). Split each buffer into N chunks (the first
    # length % N chunks get one extra element). Reduce-scatter: N-1 steps, worker i sends chunk (i - s) mod N
    # to worker (i + 1) mod N, which adds it. Divide each owned chunk by N. All-gather: N-1 steps forwarding
    # the reduced chunks. Return what every worker holds at the end (N×length): the element-wise mean, added
    # in the ring's order (chunk c's sum starts with worker c's value).
    return np.zeros_like(buffers)
`,
  solutionCode,
};
