"""Independent check of checkpoint-interval, written from the statement. Instead of stepping segment by segment it
jumps from failure to failure: after a resume at time r with saved work s, the run is a fixed pattern of
(interval + checkpoint) cycles, so for the next failure f the number of checkpoints completed before it is
floor((f - r) / (interval + checkpoint_cost)) and the work lost is the rest of the elapsed compute, in closed form.
"""

import math

import numpy as np


def _finish_after(resume: float, saved: float, work: float, interval: float, delta: float) -> float:
    remaining = work - saved
    segments = math.ceil(remaining / interval)
    return resume + remaining + (segments - 1) * delta


def checkpoint_interval(job: dict, failure_times: np.ndarray) -> dict:
    work = float(job["work"])
    interval = float(job["interval"])
    delta = float(job["checkpoint_cost"])
    restart = float(job["restart_cost"])
    mtbf = float(job["mtbf"])

    ratio = delta / (2 * mtbf)
    if delta >= 2 * mtbf:
        daly = mtbf
    else:
        daly = math.sqrt(2 * delta * mtbf) * (1 + math.sqrt(ratio) / 3 + ratio / 9) - delta

    times = [float(t) for t in np.asarray(failure_times, dtype=np.float64)]
    resume, saved = 0.0, 0.0
    lost, done_checkpoints, hit = 0.0, 0, 0
    i = 0
    while True:
        finish = _finish_after(resume, saved, work, interval, delta)
        if i >= len(times) or times[i] >= finish:
            completion = finish
            done_checkpoints += math.ceil((work - saved) / interval) - 1
            break
        f = times[i]
        i += 1
        hit += 1
        cycle = interval + delta
        k = math.floor((f - resume) / cycle)  # checkpoints completed in this epoch before f
        lost += min(interval, (f - resume) - k * cycle)
        saved += k * interval
        done_checkpoints += k
        resume = f + restart
        while i < len(times) and times[i] < resume:  # failures during the restart
            hit += 1
            resume = times[i] + restart
            i += 1

    return {
        "young": math.sqrt(2 * delta * mtbf),
        "daly": daly,
        "expected_waste": delta / interval + (interval / 2 + restart) / mtbf,
        "completion_time": completion,
        "lost_work": lost,
        "checkpoints": done_checkpoints,
        "failures": hit,
        "goodput": work / completion,
    }
