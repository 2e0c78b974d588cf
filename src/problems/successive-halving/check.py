"""Independent check of successive-halving: each rung's runners ranked by (−score, index), the best
max(1, ⌊m/eta⌋) promoted; the winner is the top of the last rung."""

import numpy as np


def successive_halving(scores: np.ndarray, eta: int) -> dict:
    configurations, rungs_count = scores.shape
    running = list(range(configurations))
    rungs = []
    winner = None
    for r in range(rungs_count):
        rungs.append(sorted(running))
        ranked = sorted(running, key=lambda c: (-float(scores[c, r]), c))
        if r == rungs_count - 1:
            winner = ranked[0]
        else:
            running = ranked[: max(1, len(running) // eta)]
    return {"rungs": rungs, "winner": winner}
