"""Independent check of gang-topology-scheduler, written from the statement. Instead of jumping from event to event
it steps the clock one time unit at a time (all times are integers, and a scheduling pass at an instant where nothing
arrived or ended starts nothing: the head still does not fit and the backfill test only gets stricter). The shadow
time is found from a free-GPU timeline, and placements enumerate the candidates of each topology class explicitly.
"""


def _largest_first(free, candidates, need):
    order = sorted((n for n in candidates if free[n] > 0), key=lambda n: (-free[n], n))
    out = []
    for n in order:
        if need <= 0:
            break
        k = min(free[n], need)
        out.append((n, k))
        need -= k
    return out


def _place(nodes, free, need):
    single = [n for n in range(len(nodes)) if free[n] >= need]
    if single:
        n = min(single, key=lambda n: (free[n], n))
        return [(n, need)], "node"
    options = []
    for rack in sorted(set(node["rack"] for node in nodes)):
        members = [n for n in range(len(nodes)) if nodes[n]["rack"] == rack]
        if sum(free[n] for n in members) >= need:
            taken = _largest_first(free, members, need)
            options.append((len(taken), rack, taken))
    if options:
        return min(options, key=lambda o: (o[0], o[1]))[2], "rack"
    return _largest_first(free, list(range(len(nodes))), need), "cross-rack"


def gang_topology_schedule(nodes, jobs):
    free = [int(node["gpus"]) for node in nodes]
    result = [None] * len(jobs)
    ends_at = {}  # time -> list of job ids ending then
    pending = set(range(len(jobs)))
    active = []  # job ids running
    last_arrival = max((job["arrival"] for job in jobs), default=0)
    t = 0
    while pending:
        for j in ends_at.pop(t, []):
            for n, k in result[j]["placement"]:
                free[n] += k
            active.remove(j)
        queue = sorted((j for j in pending if jobs[j]["arrival"] <= t), key=lambda j: (jobs[j]["arrival"], j))

        def launch(j):
            placement, topology = _place(nodes, free, jobs[j]["gpus"])
            for n, k in placement:
                free[n] -= k
            end = t + jobs[j]["duration"]
            result[j] = {"start": t, "end": end, "placement": [list(p) for p in sorted(placement)],
                         "topology": topology}
            ends_at.setdefault(end, []).append(j)
            active.append(j)
            pending.discard(j)

        while queue and jobs[queue[0]]["gpus"] <= sum(free):
            launch(queue.pop(0))
        if queue:
            head = jobs[queue[0]]["gpus"]
            shadow, free_then = None, None
            for time in sorted(set(result[j]["end"] for j in active)):
                total = sum(free) + sum(jobs[j]["gpus"] for j in active if result[j]["end"] <= time)
                if total >= head:
                    shadow, free_then = time, total
                    break
            spare = free_then - head
            for j in queue[1:]:
                g, d = jobs[j]["gpus"], jobs[j]["duration"]
                if g > sum(free):
                    continue
                if t + d <= shadow:
                    launch(j)
                elif g <= spare:
                    spare -= g
                    launch(j)
        t += 1
        if t > last_arrival + sum(job["duration"] for job in jobs) + 1:
            raise RuntimeError("the simulation did not finish")
    return result
