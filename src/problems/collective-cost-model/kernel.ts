import { requireFinite, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type Network = {
  ranks: number;
  gpusPerNode: number;
  intraAlpha: number;
  intraBeta: number;
  interAlpha: number;
  interBeta: number;
};

export type Collective = "allreduce" | "reducescatter" | "allgather" | "alltoall";

export type CollectiveCost = {
  algorithms: { name: string; time: number }[];
  fastest: string;
  time: number;
  algbw: number;
  busbw: number;
};

type Args = [network: Network, collective: Collective, bytes: number];

const COLLECTIVES: readonly string[] = ["allreduce", "reducescatter", "allgather", "alltoall"];

function validate(network: Network, collective: Collective, bytes: number): void {
  if (typeof network !== "object" || network === null) throw new KernelInputError("network must be an object");
  const p = requireInteger(network.ranks, "network.ranks", 2);
  const g = requireInteger(network.gpusPerNode, "network.gpusPerNode", 1);
  if (p % g !== 0) throw new KernelInputError("gpusPerNode must divide ranks");
  for (const key of ["intraAlpha", "intraBeta", "interAlpha", "interBeta"] as const) {
    requireFinite(network[key], `network.${key}`);
    if (network[key] < 0) throw new KernelInputError(`network.${key} must be >= 0`);
  }
  if (!COLLECTIVES.includes(collective)) throw new KernelInputError(`unknown collective ${String(collective)}`);
  requireFinite(bytes, "bytes");
  if (bytes <= 0) throw new KernelInputError("bytes must be > 0");
}

/**
 * α-β times of the textbook algorithms for one collective of S bytes on p ranks (flat algorithms over the slowest
 * link: the inter-node one once the ranks span nodes), the fastest (ties: the first listed), and the bandwidths
 * nccl-tests reports: algbw = S / t, busbw = algbw · 2(p−1)/p (all-reduce) or (p−1)/p (the others).
 */
export function collectiveCost(network: Network, collective: Collective, bytes: number): CollectiveCost {
  validate(network, collective, bytes);
  const p = network.ranks;
  const g = network.gpusPerNode;
  const nodes = p / g;
  const alpha = nodes > 1 ? network.interAlpha : network.intraAlpha;
  const beta = nodes > 1 ? network.interBeta : network.intraBeta;
  const algorithms: { name: string; time: number }[] = [];
  if (collective === "allreduce") {
    algorithms.push({ name: "ring", time: 2 * (p - 1) * alpha + ((2 * (p - 1)) / p) * bytes * beta });
    algorithms.push({ name: "tree", time: 2 * Math.ceil(Math.log2(p)) * (alpha + bytes * beta) });
    if (nodes > 1 && g > 1) {
      // Reduce-scatter inside each node, ring all-reduce of the node's 1/g share across nodes, all-gather inside.
      const intra = (g - 1) * network.intraAlpha + ((g - 1) / g) * bytes * network.intraBeta;
      const inter =
        2 * (nodes - 1) * network.interAlpha + ((2 * (nodes - 1)) / nodes) * (bytes / g) * network.interBeta;
      algorithms.push({ name: "hierarchical", time: intra + inter + intra });
    }
  } else if (collective === "alltoall") {
    algorithms.push({ name: "pairwise", time: (p - 1) * (alpha + (bytes / p) * beta) });
  } else {
    algorithms.push({ name: "ring", time: (p - 1) * alpha + ((p - 1) / p) * bytes * beta });
  }
  let best = algorithms[0] as { name: string; time: number };
  for (const candidate of algorithms) if (candidate.time < best.time) best = candidate;
  const algbw = bytes / best.time;
  const factor = collective === "allreduce" ? (2 * (p - 1)) / p : (p - 1) / p;
  return { algorithms, fastest: best.name, time: best.time, algbw, busbw: algbw * factor };
}

// H100 node: NVLink ≈ 450 GB/s per direction, a few µs per hop; 400 Gb/s InfiniBand per GPU ≈ 50 GB/s.
const H100_CLUSTER = (ranks: number): Network => ({
  ranks,
  gpusPerNode: 8,
  intraAlpha: 3e-6,
  intraBeta: 1 / 450e9,
  interAlpha: 10e-6,
  interBeta: 1 / 50e9,
});

function randomNetwork(rng: Rng): Network {
  const gpusPerNode = rng.pick([1, 2, 4, 8]);
  return {
    ranks: gpusPerNode * rng.pick([1, 2, 3, 4, 8, 16, 64]) * (gpusPerNode === 1 ? 2 : 1),
    gpusPerNode,
    intraAlpha: rng.pick([1e-6, 2e-6, 5e-6]),
    intraBeta: 1 / rng.pick([100e9, 300e9, 450e9]),
    interAlpha: rng.pick([5e-6, 10e-6, 20e-6]),
    interBeta: 1 / rng.pick([12.5e9, 25e9, 50e9]),
  };
}

function nearTie(result: CollectiveCost): boolean {
  return result.algorithms.some(
    (other) => other.name !== result.fastest && Math.abs(other.time - result.time) <= 1e-9 * result.time,
  );
}

const TYPES = `type Network = {
  ranks: number; gpusPerNode: number;
  intraAlpha: number; intraBeta: number; interAlpha: number; interBeta: number;
};
type Collective = "allreduce" | "reducescatter" | "allgather" | "alltoall";
type CollectiveCost = {
  algorithms: { name: string; time: number }[];
  fastest: string; time: number; algbw: number; busbw: number;
};`;

export const collectiveCostKernel: KernelSpec<Args, CollectiveCost> = {
  id: "collective-cost-model",
  functionName: "collectiveCost",
  signature: `${TYPES}
function collectiveCost(network: Network, collective: Collective, bytes: number): CollectiveCost`,
  tolerance: { atol: 0, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 16, performance: 0 },
  reference: collectiveCost,
  generate(kind, index, rng) {
    const toy: Network = {
      ranks: 4,
      gpusPerNode: 4,
      intraAlpha: 1e-6,
      intraBeta: 1e-9,
      interAlpha: 1e-5,
      interBeta: 1e-8,
    };
    if (kind === "sample") {
      if (index === 0) return [toy, "allreduce", 1e6];
      return [H100_CLUSTER(64), "allreduce", 1 << 30];
    }
    switch (index) {
      case 0:
        // Small message on many ranks: the tree's log p latency wins.
        return [H100_CLUSTER(256), "allreduce", 4096];
      case 1:
        // p not a power of two: ⌈log2 p⌉ rounds.
        return [{ ...toy, ranks: 6, gpusPerNode: 6 }, "allreduce", 256];
      case 2:
        return [H100_CLUSTER(16), "reducescatter", 1 << 28];
      case 3:
        return [H100_CLUSTER(16), "allgather", 1 << 28];
      case 4:
        return [H100_CLUSTER(32), "alltoall", 1 << 26];
      case 5:
        // One node: every flat algorithm runs on NVLink, no hierarchical variant.
        return [H100_CLUSTER(8), "allreduce", 1 << 30];
      case 6:
        // One GPU per node: no hierarchical variant either.
        return [{ ...H100_CLUSTER(16), gpusPerNode: 1 }, "allreduce", 1 << 24];
      case 7:
        // Large message across nodes: the hierarchical all-reduce sends only 1/g of it over the network.
        return [H100_CLUSTER(32), "allreduce", 1 << 28];
      case 8:
        return [{ ...toy, ranks: 2, gpusPerNode: 1 }, "alltoall", 1000];
      default: {
        for (;;) {
          const network = randomNetwork(rng);
          const collective = rng.pick(COLLECTIVES) as Collective;
          const bytes = 2 ** rng.int(8, 32);
          if (!nearTie(collectiveCost(network, collective, bytes))) return [network, collective, bytes];
        }
      }
    }
  },
  starterCode: `${TYPES}

function collectiveCost(network: Network, collective: Collective, bytes: number): CollectiveCost {
  // List the α-β time of every algorithm that applies to this collective, pick the fastest,
  // then report algbw = bytes / time and busbw = algbw × the collective's nccl-tests factor.
  return { algorithms: [], fastest: "", time: 0, algbw: 0, busbw: 0 };
}
`,
  solutionCode: `${TYPES}

function collectiveCost(network: Network, collective: Collective, bytes: number): CollectiveCost {
  const p = network.ranks;
  const g = network.gpusPerNode;
  const nodes = p / g;
  const alpha = nodes > 1 ? network.interAlpha : network.intraAlpha;
  const beta = nodes > 1 ? network.interBeta : network.intraBeta;
  const algorithms: { name: string; time: number }[] = [];
  if (collective === "allreduce") {
    algorithms.push({ name: "ring", time: 2 * (p - 1) * alpha + ((2 * (p - 1)) / p) * bytes * beta });
    algorithms.push({ name: "tree", time: 2 * Math.ceil(Math.log2(p)) * (alpha + bytes * beta) });
    if (nodes > 1 && g > 1) {
      const intra = (g - 1) * network.intraAlpha + ((g - 1) / g) * bytes * network.intraBeta;
      const inter = 2 * (nodes - 1) * network.interAlpha + ((2 * (nodes - 1)) / nodes) * (bytes / g) * network.interBeta;
      algorithms.push({ name: "hierarchical", time: intra + inter + intra });
    }
  } else if (collective === "alltoall") {
    algorithms.push({ name: "pairwise", time: (p - 1) * (alpha + (bytes / p) * beta) });
  } else {
    algorithms.push({ name: "ring", time: (p - 1) * alpha + ((p - 1) / p) * bytes * beta });
  }
  let best = algorithms[0] as { name: string; time: number };
  for (const candidate of algorithms) if (candidate.time < best.time) best = candidate;
  const algbw = bytes / best.time;
  const factor = collective === "allreduce" ? (2 * (p - 1)) / p : (p - 1) / p;
  return { algorithms, fastest: best.name, time: best.time, algbw, busbw: algbw * factor };
}
`,
};
