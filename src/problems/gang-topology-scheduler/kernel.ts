import { compareValues } from "../../kernels/compare.ts";
import { requireArray, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type GpuNode = { gpus: number; rack: number };
export type GangJob = { arrival: number; gpus: number; duration: number };
export type Topology = "node" | "rack" | "cross-rack";
/** [node id, GPUs taken on it], sorted by node id. */
export type Placement = [number, number][];
export type JobRun = { start: number; end: number; placement: Placement; topology: Topology };

type Args = [nodes: GpuNode[], jobs: GangJob[]];

const MAX_TIME = 1_000_000;

function validate(nodes: GpuNode[], jobs: GangJob[]): number {
  requireArray(nodes, "nodes");
  requireArray(jobs, "jobs");
  if (nodes.length === 0) throw new KernelInputError("nodes must not be empty");
  let total = 0;
  nodes.forEach((node, n) => {
    if (typeof node !== "object" || node === null) throw new KernelInputError(`nodes[${n}] must be an object`);
    total += requireInteger(node.gpus, `nodes[${n}].gpus`, 1, 1024);
    requireInteger(node.rack, `nodes[${n}].rack`, 0, 1_000_000);
  });
  jobs.forEach((job, j) => {
    if (typeof job !== "object" || job === null) throw new KernelInputError(`jobs[${j}] must be an object`);
    requireInteger(job.arrival, `jobs[${j}].arrival`, 0, MAX_TIME);
    requireInteger(job.duration, `jobs[${j}].duration`, 1, MAX_TIME);
    requireInteger(job.gpus, `jobs[${j}].gpus`, 1, total);
  });
  return total;
}

/**
 * Nodes with free GPUs, most free first (ties: lowest id), each giving min(free, still needed) until `need` is met:
 * the fewest nodes that can hold `need` GPUs among `candidates`.
 */
function fillLargestFirst(free: readonly number[], candidates: readonly number[], need: number): Placement {
  const sorted = candidates.filter((n) => (free[n] as number) > 0).sort((a, b) => free[b] - free[a] || a - b);
  const taken: Placement = [];
  let left = need;
  for (const n of sorted) {
    if (left === 0) break;
    const take = Math.min(free[n] as number, left);
    taken.push([n, take]);
    left -= take;
  }
  return taken;
}

/** The topology-aware placement of a gang of `need` GPUs on the free GPUs (the caller checked the total fits). */
export function placeGang(
  nodes: readonly GpuNode[],
  free: readonly number[],
  need: number,
): { placement: Placement; topology: Topology } {
  // One node: best fit (the fewest free GPUs that still hold the gang), ties by lowest id.
  let best = -1;
  for (let n = 0; n < nodes.length; n++) {
    if ((free[n] as number) >= need && (best === -1 || (free[n] as number) < (free[best] as number))) best = n;
  }
  if (best !== -1) return { placement: [[best, need]], topology: "node" };
  // One rack: the rack whose largest-first fill needs the fewest nodes, ties by lowest rack id.
  const racks = [...new Set(nodes.map((node) => node.rack))].sort((a, b) => a - b);
  let inRack: Placement | null = null;
  for (const rack of racks) {
    const members = nodes.flatMap((node, n) => (node.rack === rack ? [n] : []));
    if (members.reduce((sum, n) => sum + (free[n] as number), 0) < need) continue;
    const taken = fillLargestFirst(free, members, need);
    if (inRack === null || taken.length < inRack.length) inRack = taken;
  }
  if (inRack !== null) return { placement: inRack.sort((a, b) => a[0] - b[0]), topology: "rack" };
  const everywhere = fillLargestFirst(
    free,
    nodes.map((_, n) => n),
    need,
  );
  return { placement: everywhere.sort((a, b) => a[0] - b[0]), topology: "cross-rack" };
}

/**
 * An exact discrete-event simulation of FIFO gang scheduling with EASY backfill on a cluster of nodes grouped into
 * racks. At each event time: jobs ending now release their GPUs, jobs arriving now join the queue (ordered by arrival,
 * then id), the queue head starts while it fits; a blocked head gets a reservation at the shadow time (the earliest
 * end at which enough GPUs are free), and later jobs may start now if they fit and either end by the shadow time or
 * use only the GPUs the head will not need then.
 */
export function gangTopologySchedule(nodes: GpuNode[], jobs: GangJob[]): JobRun[] {
  validate(nodes, jobs);
  const free = nodes.map((node) => node.gpus);
  let freeTotal = free.reduce((a, b) => a + b, 0);
  const runs: JobRun[] = new Array(jobs.length);
  const running: { id: number; end: number; gpus: number }[] = [];
  const arrivals = jobs.map((_, id) => id).sort((a, b) => jobs[a].arrival - jobs[b].arrival || a - b);
  const queue: number[] = [];

  const start = (id: number, now: number) => {
    const job = jobs[id] as GangJob;
    const { placement, topology } = placeGang(nodes, free, job.gpus);
    for (const [n, count] of placement) free[n] -= count;
    freeTotal -= job.gpus;
    runs[id] = { start: now, end: now + job.duration, placement, topology };
    running.push({ id, end: now + job.duration, gpus: job.gpus });
  };

  let next = 0;
  while (next < arrivals.length || queue.length > 0) {
    let now = next < arrivals.length ? jobs[arrivals[next] as number].arrival : Number.POSITIVE_INFINITY;
    for (const job of running) now = Math.min(now, job.end);
    for (let i = running.length - 1; i >= 0; i--) {
      const job = running[i] as { id: number; end: number; gpus: number };
      if (job.end !== now) continue;
      for (const [n, count] of (runs[job.id] as JobRun).placement) free[n] += count;
      freeTotal += job.gpus;
      running.splice(i, 1);
    }
    while (next < arrivals.length && jobs[arrivals[next] as number].arrival === now) {
      queue.push(arrivals[next] as number);
      next += 1;
    }
    while (queue.length > 0 && jobs[queue[0] as number].gpus <= freeTotal) start(queue.shift() as number, now);
    if (queue.length === 0) continue;

    // The head's reservation: walk the running jobs by end time; every job ending at the shadow time counts.
    const need = jobs[queue[0] as number].gpus;
    const byEnd = [...running].sort((a, b) => a.end - b.end);
    let shadow = Number.POSITIVE_INFINITY;
    let freeAtShadow = freeTotal;
    for (let i = 0; i < byEnd.length; i++) {
      const job = byEnd[i] as { end: number; gpus: number };
      if (job.end > shadow) break;
      freeAtShadow += job.gpus;
      if (freeAtShadow >= need && shadow === Number.POSITIVE_INFINITY) shadow = job.end;
    }
    let extra = freeAtShadow - need;
    for (let q = 1; q < queue.length; q++) {
      const id = queue[q] as number;
      const job = jobs[id] as GangJob;
      if (job.gpus > freeTotal) continue;
      const endsByShadow = now + job.duration <= shadow;
      if (!endsByShadow && job.gpus > extra) continue;
      if (!endsByShadow) extra -= job.gpus;
      start(id, now);
      queue.splice(q, 1);
      q -= 1;
    }
  }
  return runs;
}

function node(gpus: number, rack: number): GpuNode {
  return { gpus, rack };
}

function job(arrival: number, gpus: number, duration: number): GangJob {
  return { arrival, gpus, duration };
}

function randomCase(rng: Rng, maxNodes: number, maxJobs: number): Args {
  const nodeCount = rng.int(2, maxNodes);
  const rackCount = rng.int(1, Math.min(4, nodeCount));
  const sizes = rng.pick([[8], [4, 8], [2, 4, 8]]);
  const contiguous = rng.int(0, 1) === 1;
  const nodes = Array.from({ length: nodeCount }, (_, n) =>
    node(rng.pick(sizes), contiguous ? Math.floor((n * rackCount) / nodeCount) : rng.int(0, rackCount - 1)),
  );
  const total = nodes.reduce((sum, n) => sum + n.gpus, 0);
  const jobCount = rng.int(1, maxJobs);
  const jobs = Array.from({ length: jobCount }, () => {
    const big = rng.int(0, 4) === 0;
    const gpus = big ? rng.int(Math.min(9, total), total) : Math.min(total, rng.pick([1, 2, 2, 4, 4, 8]));
    return job(rng.int(0, 40), gpus, rng.int(1, 20));
  });
  if (rng.int(0, 1) === 1) jobs.sort((a, b) => a.arrival - b.arrival);
  return [nodes, jobs];
}

const EXAMPLE: Args = [
  [node(8, 0), node(8, 0), node(8, 1)],
  [job(0, 12, 10), job(1, 8, 4), job(2, 16, 5), job(3, 4, 6), job(4, 4, 20)],
];

const SIGNATURE_TYPES = `type GpuNode = { gpus: number; rack: number };
type GangJob = { arrival: number; gpus: number; duration: number };
type JobRun = {
  start: number;
  end: number;
  placement: [number, number][];   // [node id, GPUs], sorted by node id
  topology: "node" | "rack" | "cross-rack";
};`;

export const gangTopologySchedulerKernel: KernelSpec<Args, JobRun[]> = {
  id: "gang-topology-scheduler",
  functionName: "gangTopologySchedule",
  signature: `${SIGNATURE_TYPES}
function gangTopologySchedule(nodes: GpuNode[], jobs: GangJob[]): JobRun[]`,
  tolerance: { atol: 0, rtol: 0 },
  testCounts: { sample: 2, hidden: 20, performance: 0 },
  reference: gangTopologySchedule,
  generate(kind, index, rng) {
    if (kind === "sample") return index === 0 ? EXAMPLE : randomCase(rng, 5, 8);
    switch (index) {
      case 0:
        // A short job backfills in front of a blocked head: FIFO alone would hold it until 15.
        return [[node(8, 0)], [job(0, 6, 10), job(1, 8, 5), job(2, 2, 3)]];
      case 1:
        // A long job that fits now would delay the head's reservation at 10: it must wait.
        return [[node(8, 0)], [job(0, 6, 10), job(1, 8, 5), job(2, 2, 20)]];
      case 2:
        // The head needs 12 of 16 at its shadow time: 4 extra GPUs, used up by the first of two long jobs arriving together.
        return [
          [node(8, 0), node(8, 0)],
          [job(0, 10, 10), job(1, 12, 5), job(2, 4, 50), job(2, 2, 50)],
        ];
      case 3:
        // Best fit on one node: the 2-GPU job takes the node with 2 free, not the one with 4.
        return [
          [node(8, 0), node(8, 0)],
          [job(0, 4, 100), job(1, 6, 100), job(2, 2, 100), job(3, 4, 100)],
        ];
      case 4:
        // No node holds 12 GPUs but rack 0 does (nodes 0 and 2): same rack beats a cross-rack fill of nodes 0 and 1.
        return [
          [node(8, 0), node(8, 1), node(8, 0)],
          [job(0, 12, 10), job(1, 4, 10)],
        ];
      case 5:
        // Rack 0 needs four 4-GPU nodes for 16 GPUs, rack 1 two 8-GPU nodes: the fewest nodes win.
        return [
          [node(4, 0), node(4, 0), node(4, 0), node(4, 0), node(8, 1), node(8, 1)],
          [job(0, 16, 5), job(1, 8, 5)],
        ];
      case 6:
        // Queue order is arrival time, not job id: job 2 arrived before job 0.
        return [[node(8, 0)], [job(5, 8, 1), job(0, 8, 10), job(3, 8, 1)]];
      case 7:
        // Two jobs end together at the shadow time: both count, so 6 GPUs are extra and a long 4-GPU job backfills.
        return [
          [node(8, 0), node(8, 0)],
          [job(0, 6, 10), job(0, 6, 10), job(1, 10, 5), job(2, 4, 50)],
        ];
      case 8:
        // A backfill job ending exactly at the shadow time needs no extra GPUs (ends release before starts).
        return [[node(8, 0)], [job(0, 6, 10), job(1, 8, 5), job(2, 2, 8)]];
      case 9:
        // A job arriving the instant another ends gets its GPUs at once; the whole cluster as one gang.
        return [
          [node(8, 0), node(8, 1)],
          [job(0, 16, 5), job(5, 16, 5), job(5, 1, 1)],
        ];
      case 10:
        // Cross-rack: no rack holds 20 GPUs; the fill takes the nodes with the most free GPUs first.
        return [
          [node(8, 0), node(4, 0), node(8, 1), node(4, 1), node(8, 2)],
          [job(0, 2, 30), job(0, 4, 30), job(1, 20, 10), job(2, 4, 5)],
        ];
      case 11:
        // Inside a rack the fill takes the emptiest nodes first, not the lowest ids.
        return [
          [node(8, 0), node(8, 0), node(8, 0), node(8, 1)],
          [job(0, 6, 20), job(0, 4, 20), job(1, 12, 10)],
        ];
      default:
        return randomCase(rng, index < 16 ? 6 : 12, index < 16 ? 12 : 40);
    }
  },
  check(got, want, tolerance) {
    return compareValues(got, want, { ...tolerance, exact: true });
  },
  starterCode: `${SIGNATURE_TYPES}

function gangTopologySchedule(nodes: GpuNode[], jobs: GangJob[]): JobRun[] {
  // Events: arrivals and job ends. At each event release, enqueue (by arrival, then id), start the head while it
  // fits, then backfill behind a blocked head without delaying its reservation. Place same node, then same rack.
  return jobs.map((job) => ({ start: job.arrival, end: job.arrival + job.duration, placement: [], topology: "node" }));
}
`,
  solutionCode: `${SIGNATURE_TYPES}

function gangTopologySchedule(nodes: GpuNode[], jobs: GangJob[]): JobRun[] {
  const free = nodes.map((n) => n.gpus);
  const freeTotal = () => free.reduce((a, b) => a + b, 0);
  const runs: JobRun[] = new Array(jobs.length);
  const running: { id: number; end: number }[] = [];
  const byArrival = jobs.map((_, id) => id).sort((a, b) => jobs[a].arrival - jobs[b].arrival || a - b);
  const queue: number[] = [];

  // Most free GPUs first (ties: lowest id), each node giving what is still needed: the fewest nodes.
  const fill = (candidates: number[], need: number): [number, number][] => {
    const sorted = candidates.filter((n) => free[n] > 0).sort((a, b) => free[b] - free[a] || a - b);
    const taken: [number, number][] = [];
    for (const n of sorted) {
      if (need === 0) break;
      const take = Math.min(free[n], need);
      taken.push([n, take]);
      need -= take;
    }
    return taken;
  };

  const place = (g: number): { placement: [number, number][]; topology: JobRun["topology"] } => {
    let best = -1;
    for (let n = 0; n < nodes.length; n++) {
      if (free[n] >= g && (best === -1 || free[n] < free[best])) best = n;
    }
    if (best !== -1) return { placement: [[best, g]], topology: "node" };
    const racks = [...new Set(nodes.map((n) => n.rack))].sort((a, b) => a - b);
    let rackPlacement: [number, number][] | null = null;
    for (const rack of racks) {
      const members = nodes.map((_, n) => n).filter((n) => nodes[n].rack === rack);
      if (members.reduce((s, n) => s + free[n], 0) < g) continue;
      const taken = fill(members, g);
      if (rackPlacement === null || taken.length < rackPlacement.length) rackPlacement = taken;
    }
    if (rackPlacement !== null) return { placement: rackPlacement, topology: "rack" };
    return { placement: fill(nodes.map((_, n) => n), g), topology: "cross-rack" };
  };

  const start = (id: number, now: number) => {
    const { placement, topology } = place(jobs[id].gpus);
    for (const [n, k] of placement) free[n] -= k;
    placement.sort((a, b) => a[0] - b[0]);
    runs[id] = { start: now, end: now + jobs[id].duration, placement, topology };
    running.push({ id, end: now + jobs[id].duration });
  };

  let next = 0;
  while (next < byArrival.length || queue.length > 0) {
    let now = next < byArrival.length ? jobs[byArrival[next]].arrival : Infinity;
    for (const r of running) now = Math.min(now, r.end);
    for (let i = running.length - 1; i >= 0; i--) {
      if (running[i].end !== now) continue;
      for (const [n, k] of runs[running[i].id].placement) free[n] += k;
      running.splice(i, 1);
    }
    while (next < byArrival.length && jobs[byArrival[next]].arrival === now) queue.push(byArrival[next++]);
    while (queue.length > 0 && jobs[queue[0]].gpus <= freeTotal()) start(queue.shift() as number, now);
    if (queue.length === 0) continue;

    // EASY: the head's shadow time is the earliest end after which enough GPUs are free.
    const need = jobs[queue[0]].gpus;
    const ends = [...running].sort((a, b) => a.end - b.end);
    let avail = freeTotal();
    let shadow = Infinity;
    for (let i = 0; i < ends.length && shadow === Infinity; i++) {
      avail += jobs[ends[i].id].gpus;
      const lastAtThisTime = i + 1 === ends.length || ends[i + 1].end > ends[i].end;
      if (avail >= need && lastAtThisTime) shadow = ends[i].end;
    }
    let extra = avail - need;
    for (let q = 1; q < queue.length; q++) {
      const job = jobs[queue[q]];
      if (job.gpus > freeTotal()) continue;
      const endsInTime = now + job.duration <= shadow;
      if (!endsInTime && job.gpus > extra) continue;
      if (!endsInTime) extra -= job.gpus;
      start(queue[q], now);
      queue.splice(q--, 1);
    }
  }
  return runs;
}
`,
};
