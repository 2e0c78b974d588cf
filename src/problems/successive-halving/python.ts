import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import numpy as np


def successive_halving(scores: np.ndarray, eta: int) -> dict:
    rungs_count = scores.shape[1]
    pool = list(range(scores.shape[0]))
    rungs = []
    for r in range(rungs_count):
        rungs.append(sorted(pool))
        pool.sort(key=lambda c: (-scores[c, r], c))
        if r == rungs_count - 1:
            return {"rungs": rungs, "winner": pool[0]}
        pool = pool[: max(1, len(pool) // eta)]
`;

export const successiveHalvingPython: PythonForm = {
  kernelId: "successive-halving",
  functionName: "successive_halving",
  signature:
    'def successive_halving(scores: np.ndarray, eta: int) -> dict  # {"rungs": list[list[int]], "winner": int}',
  argKinds: ["ndarray2d", "int"],
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `import numpy as np


def successive_halving(scores: np.ndarray, eta: int) -> dict:
    # scores[c, r]: score of configuration c at rung r (higher is better). All configurations run at rung 0;
    # after each rung keep the best max(1, m // eta) of the m that ran (ties: lower index first).
    # rungs[r] lists who ran at rung r in ascending order; winner is the best at the last rung.
    return {"rungs": [], "winner": 0}
`,
  solutionCode,
};
