"""Independent check of continuous-batching-scheduler, written from the statement: each request is a small record
with an explicit phase ("waiting", "prefill", "decode", "done"); the running set is a Python set ordered on demand,
the waiting queue a deque, and the KV pool is counted in blocks recomputed from each request's cached tokens."""

from collections import deque


def _blocks(tokens, block_size):
    return (tokens + block_size - 1) // block_size


def continuous_batching(requests: list, config: dict) -> dict:
    block_size = config["block_size"]
    n = len(requests)
    state = [
        {"phase": "future", "cached": 0, "blocks": 0, "out": 0, "times": []}
        for _ in range(n)
    ]
    waiting = deque()
    running = set()
    free = config["num_blocks"]
    clock = 0
    joined = 0
    steps = []

    def context(i):
        return requests[i]["prompt_len"] + state[i]["out"]

    while any(s["phase"] != "done" for s in state):
        while joined < n and requests[joined]["arrival"] <= clock:
            state[joined]["phase"] = "waiting"
            waiting.append(joined)
            joined += 1
        if not running and not waiting:
            clock = requests[joined]["arrival"]
            continue

        budget = config["max_num_batched_tokens"]
        batch = []  # [id, tokens, kind]
        preempted = []
        visit = sorted(i for i in running if state[i]["phase"] == "decode")
        visit += sorted(i for i in running if state[i]["phase"] == "prefill")
        for r in visit:
            if budget <= 0:
                break
            if r not in running:
                continue
            take = min(context(r) - state[r]["cached"], budget)
            extra = _blocks(state[r]["cached"] + take, block_size) - state[r]["blocks"]
            self_preempted = False
            while extra > free:
                victim = max(running)
                running.discard(victim)
                free += state[victim]["blocks"]
                state[victim].update(blocks=0, cached=0, phase="waiting")
                waiting.appendleft(victim)
                preempted.append(victim)
                if victim == r:
                    self_preempted = True
                    break
            if self_preempted:
                break
            free -= extra
            state[r]["blocks"] += extra
            budget -= take
            batch.append([r, take, state[r]["phase"]])

        if not preempted:
            while waiting and budget > 0 and len(running) < config["max_num_seqs"]:
                h = waiting[0]
                want = context(h)
                if not config["chunked_prefill"] and want > budget:
                    break
                take = min(want, budget)
                if _blocks(take, block_size) > free:
                    break
                waiting.popleft()
                free -= _blocks(take, block_size)
                state[h].update(blocks=_blocks(take, block_size), phase="prefill")
                running.add(h)
                budget -= take
                batch.append([h, take, "prefill"])

        total = sum(b[1] for b in batch)
        duration = config["step_base"] + config["cost_per_token"] * total + config["cost_per_seq"] * len(batch)
        end = clock + duration
        for r, take, _ in batch:
            s = state[r]
            s["cached"] += take
            if s["cached"] == context(r):
                s["out"] += 1
                s["times"].append(end)
                s["phase"] = "decode"
                if s["out"] == requests[r]["output_len"]:
                    s["phase"] = "done"
                    free += s["blocks"]
                    s["blocks"] = 0
                    running.discard(r)
        steps.append({
            "start": clock,
            "end": end,
            "batch": [{"id": r, "tokens": take, "kind": kind} for r, take, kind in batch],
            "preempted": preempted,
        })
        clock = end

    ttft, tpot = [], []
    for i in range(n):
        times = state[i]["times"]
        ttft.append(times[0] - requests[i]["arrival"])
        gaps = [b - a for a, b in zip(times, times[1:])]
        tpot.append(sum(gaps) / len(gaps) if gaps else 0.0)
    return {"steps": steps, "ttft": ttft, "tpot": tpot}
