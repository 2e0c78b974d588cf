import { nested } from "../../kernels/python/adapter.ts";
import type { PythonForm } from "../../kernels/python/form.ts";
import { NUMPY_ALLOWED } from "../../kernels/python/form.ts";

const solutionCode = `import math


def gang_topology_schedule(nodes: list, jobs: list) -> list:
    free = [n["gpus"] for n in nodes]
    runs = [None] * len(jobs)
    running = []  # (end, job id)
    by_arrival = sorted(range(len(jobs)), key=lambda j: (jobs[j]["arrival"], j))
    queue = []

    def fill(candidates, need):
        # Most free GPUs first (ties: lowest id), each node giving what is still needed: the fewest nodes.
        taken = []
        for n in sorted((n for n in candidates if free[n] > 0), key=lambda n: (-free[n], n)):
            if need == 0:
                break
            take = min(free[n], need)
            taken.append([n, take])
            need -= take
        return taken

    def place(g):
        best = -1
        for n in range(len(nodes)):
            if free[n] >= g and (best == -1 or free[n] < free[best]):
                best = n
        if best != -1:
            return [[best, g]], "node"
        rack_placement = None
        for rack in sorted({n["rack"] for n in nodes}):
            members = [n for n in range(len(nodes)) if nodes[n]["rack"] == rack]
            if sum(free[n] for n in members) < g:
                continue
            taken = fill(members, g)
            if rack_placement is None or len(taken) < len(rack_placement):
                rack_placement = taken
        if rack_placement is not None:
            return rack_placement, "rack"
        return fill(range(len(nodes)), g), "cross-rack"

    def start(j, now):
        placement, topology = place(jobs[j]["gpus"])
        for n, k in placement:
            free[n] -= k
        end = now + jobs[j]["duration"]
        runs[j] = {"start": now, "end": end, "placement": sorted(placement), "topology": topology}
        running.append((end, j))

    nxt = 0
    while nxt < len(by_arrival) or queue:
        now = jobs[by_arrival[nxt]]["arrival"] if nxt < len(by_arrival) else math.inf
        now = min([now] + [end for end, _ in running])
        for end, j in [r for r in running if r[0] == now]:
            for n, k in runs[j]["placement"]:
                free[n] += k
        running = [r for r in running if r[0] != now]
        while nxt < len(by_arrival) and jobs[by_arrival[nxt]]["arrival"] == now:
            queue.append(by_arrival[nxt])
            nxt += 1
        while queue and jobs[queue[0]]["gpus"] <= sum(free):
            start(queue.pop(0), now)
        if not queue:
            continue
        # EASY: the head's shadow time is the earliest end after which enough GPUs are free.
        need = jobs[queue[0]]["gpus"]
        ends = sorted(running)
        avail, shadow = sum(free), math.inf
        for i, (end, j) in enumerate(ends):
            if end > shadow:
                break
            avail += jobs[j]["gpus"]
            if avail >= need and shadow == math.inf:
                shadow = end
        extra = avail - need
        waiting = []
        for j in queue[1:]:
            job = jobs[j]
            ends_in_time = now + job["duration"] <= shadow
            if job["gpus"] > sum(free) or (not ends_in_time and job["gpus"] > extra):
                waiting.append(j)
                continue
            if not ends_in_time:
                extra -= job["gpus"]
            start(j, now)
        queue = queue[:1] + waiting
    return runs
`;

export const gangTopologySchedulerPython: PythonForm = {
  kernelId: "gang-topology-scheduler",
  functionName: "gang_topology_schedule",
  signature: `def gang_topology_schedule(nodes: list[dict], jobs: list[dict]) -> list[dict]
# nodes[n] = {"gpus": int, "rack": int}; jobs[j] = {"arrival": int, "gpus": int, "duration": int}
# result[j] = {"start": int, "end": int, "placement": [[node, gpus], ...], "topology": "node" | "rack" | "cross-rack"}`,
  argKinds: ["json", "json"],
  adapter: { args: (kernelArgs) => [...kernelArgs], result: nested, present: nested },
  forbiddenNames: [],
  allowed: NUMPY_ALLOWED,
  starterCode: `def gang_topology_schedule(nodes: list, jobs: list) -> list:
    # Events: arrivals and job ends. At each event release, enqueue (by arrival, then id), start the head while it
    # fits, then backfill behind a blocked head without delaying its reservation. Place same node, then same rack.
    return [{"start": j["arrival"], "end": j["arrival"] + j["duration"], "placement": [], "topology": "node"}
            for j in jobs]
`,
  solutionCode,
};
