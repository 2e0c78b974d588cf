"""Independent check of early-stopping: Keras' rule (improve when loss < best − min_delta) epoch by epoch."""

import math


def early_stopping(val_losses: list, patience: int, min_delta: float) -> dict:
    best_loss = math.inf
    best_epoch = -1
    wait = 0
    for epoch, loss in enumerate(val_losses):
        if loss < best_loss - min_delta:
            best_loss, best_epoch, wait = loss, epoch, 0
            continue
        wait += 1
        if wait >= patience:
            return {"stopped": True, "stop_epoch": epoch, "best_epoch": best_epoch, "best_loss": best_loss}
    return {"stopped": False, "stop_epoch": len(val_losses) - 1, "best_epoch": best_epoch, "best_loss": best_loss}
