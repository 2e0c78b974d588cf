import { dictResult } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import math


def early_stopping(val_losses: list, patience: int, min_delta: float) -> dict:
    best = math.inf
    best_epoch = -1
    last_improvement = -1
    for epoch, loss in enumerate(val_losses):
        if loss < best - min_delta:
            best, best_epoch, last_improvement = loss, epoch, epoch
        if epoch - last_improvement >= patience:
            return {"stopped": True, "stop_epoch": epoch, "best_epoch": best_epoch, "best_loss": best}
    return {"stopped": False, "stop_epoch": len(val_losses) - 1, "best_epoch": best_epoch, "best_loss": best}
`;

export const earlyStoppingPython: PythonForm = {
  kernelId: "early-stopping",
  functionName: "early_stopping",
  signature:
    'def early_stopping(val_losses: list[float], patience: int, min_delta: float) -> dict  # {"stopped", "stop_epoch", "best_epoch", "best_loss"}',
  argKinds: ["list", "int", "float"],
  adapter: dictResult(["stopped", "stop_epoch", "best_epoch", "best_loss"]),
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `def early_stopping(val_losses: list, patience: int, min_delta: float) -> dict:
    # Walk the epochs (0-based). An epoch improves when its loss < best_loss - min_delta; otherwise a wait
    # counter grows and training stops at the epoch where it reaches patience.
    return {"stopped": False, "stop_epoch": len(val_losses) - 1, "best_epoch": 0, "best_loss": val_losses[0]}
`,
  solutionCode,
};
