import { matrix, requireFinite, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type Routing = {
  capacity: number;
  experts: number[][];
  weights: number[][];
  dropped: number[][];
  load: number[];
  auxLoss: number;
};

type Args = [logits: number[][], topK: number, capacityFactor: number, renormalize: boolean, auxCoeff: number];

/**
 * A top-k softmax router with expert capacity, as GShard and the Switch Transformer define it: softmax over all E
 * experts, the k largest logits (ties: lower expert id), capacity C = ⌈cf·T·k/E⌉, assignments admitted choice rank by
 * choice rank (every token's first choice in token order, then every second choice, …) while the expert has room,
 * and the Switch load-balancing loss α·E·Σ f_i·P_i with f_i counted over the top-k choices before any drop.
 */
export function routeTokens(
  logits: number[][],
  topK: number,
  capacityFactor: number,
  renormalize: boolean,
  auxCoeff: number,
): Routing {
  const numExperts = matrix(logits, "logits")[0]?.length ?? 0;
  const numTokens = logits.length;
  requireInteger(topK, "topK", 1, numExperts);
  requireFinite(capacityFactor, "capacityFactor");
  if (capacityFactor <= 0) throw new KernelInputError("capacityFactor must be > 0");
  if (typeof renormalize !== "boolean") throw new KernelInputError("renormalize must be a boolean");
  requireFinite(auxCoeff, "auxCoeff");
  if (auxCoeff < 0) throw new KernelInputError("auxCoeff must be >= 0");

  const probs = logits.map((row) => {
    const max = Math.max(...row);
    const exps = row.map((value) => Math.exp(value - max));
    const sum = exps.reduce((acc, value) => acc + value, 0);
    return exps.map((value) => value / sum);
  });
  // Largest logit first, equal logits by lower expert id: a total order, so the choice never depends on the sort.
  const choices = logits.map((row) =>
    row
      .map((_, expert) => expert)
      .sort((a, b) => (row[b] as number) - (row[a] as number) || a - b)
      .slice(0, topK),
  );
  const gates = choices.map((chosen, token) => {
    const row = probs[token] as number[];
    const picked = chosen.map((expert) => row[expert] as number);
    const total = picked.reduce((acc, value) => acc + value, 0);
    return renormalize ? picked.map((value) => value / total) : picked;
  });

  const capacity = Math.ceil((capacityFactor * numTokens * topK) / numExperts);
  const load = new Array<number>(numExperts).fill(0);
  const kept: boolean[][] = choices.map((chosen) => chosen.map(() => false));
  const dropped: number[][] = [];
  for (let rank = 0; rank < topK; rank++) {
    for (let token = 0; token < numTokens; token++) {
      const expert = (choices[token] as number[])[rank] as number;
      if ((load[expert] as number) < capacity) {
        load[expert] = (load[expert] as number) + 1;
        (kept[token] as boolean[])[rank] = true;
      } else {
        dropped.push([token, expert]);
      }
    }
  }
  const experts = choices.map((chosen, token) => chosen.filter((_, rank) => (kept[token] as boolean[])[rank]));
  const weights = gates.map((gate, token) => gate.filter((_, rank) => (kept[token] as boolean[])[rank]));

  // f_i: share of the T·k top-k assignments that chose expert i, counted before capacity drops anything.
  const chosenCount = new Array<number>(numExperts).fill(0);
  for (const chosen of choices) for (const expert of chosen) chosenCount[expert] = (chosenCount[expert] as number) + 1;
  let balance = 0;
  for (let expert = 0; expert < numExperts; expert++) {
    let probSum = 0;
    for (const row of probs) probSum += row[expert] as number;
    balance += ((chosenCount[expert] as number) / (numTokens * topK)) * (probSum / numTokens);
  }
  return { capacity, experts, weights, dropped, load, auxLoss: auxCoeff * numExperts * balance };
}

const SAMPLE_LOGITS = [
  [2, 1, 0, -1],
  [1.5, 0.5, 0, 0],
  [3, 0, 1, 0],
  [0, 2, 1, 0],
  [1, 0, 0, 2],
  [2.5, 0, 0, 1],
];

/** Logits on a quarter grid (exact ties are common) or continuous, per the test's mood. */
function randomLogits(rng: Rng, tokens: number, experts: number, grid: boolean): number[][] {
  return Array.from({ length: tokens }, () =>
    Array.from({ length: experts }, () => (grid ? rng.int(-8, 8) / 4 : rng.float(-4, 4))),
  );
}

const CAPACITY_FACTORS = [0.5, 0.75, 1, 1.25, 1.5, 2];

const TYPES = `type Routing = {
  capacity: number;
  experts: number[][];   // per token: kept experts, first choice first
  weights: number[][];   // per token: their gate weights, same order
  dropped: number[][];   // [token, expert] pairs, in the order they were refused
  load: number[];        // per expert: assignments kept
  auxLoss: number;
};`;

export const routeTokensKernel: KernelSpec<Args, Routing> = {
  id: "moe-router-capacity",
  functionName: "routeTokens",
  signature: `${TYPES}
function routeTokens(logits: number[][], topK: number, capacityFactor: number, renormalize: boolean,
                     auxCoeff: number): Routing`,
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 20, performance: 0 },
  reference: routeTokens,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) return [SAMPLE_LOGITS, 2, 1, true, 0.01];
      return [randomLogits(rng, 8, 4, false), 1, 1.25, false, 0.01];
    }
    switch (index) {
      case 0:
        // cf·T·k/E = 1.25·5·2/4 = 3.125: the ceiling (4) keeps a fourth assignment of expert 0, the floor (3) drops it.
        return [
          [
            [3, 2, 0, 0],
            [3, 2, 0, 0],
            [3, 0, 2, 0],
            [3, 0, 0, 2],
            [0, 3, 2, 0],
          ],
          2,
          1.25,
          true,
          0.01,
        ];
      case 1:
        // Token 0's second choice (expert 1) must wait until every first choice is placed: tokens 1 and 2 choose
        // expert 1 first and take its two slots, so token 0's second choice is the one dropped.
        return [
          [
            [3, 2, 0, 0],
            [0, 3, 2, 0],
            [0, 3, 0, 2],
            [2, 0, 3, 0],
          ],
          2,
          1,
          true,
          0.01,
        ];
      case 2:
        // Exact ties: equal logits go to the lower expert id.
        return [
          [
            [1, 1, 1, 1],
            [0, 2, 2, 0],
            [0.5, 0, 0.5, 0.5],
          ],
          2,
          2,
          false,
          0.01,
        ];
      case 3:
        // No renormalisation: weights are the full-softmax probabilities, not a softmax over the k chosen logits.
        return [randomLogits(rng, 6, 5, false), 2, 2, false, 0.02];
      case 4:
        // Renormalised over the k choices before dropping: a token that loses its second choice keeps weight < 1.
        return [
          [
            [2, 1, 0, 0],
            [2, 1, 0, 0],
            [2, 0, 1, 0],
            [0, 2, 1, 0],
          ],
          2,
          0.5,
          true,
          0.01,
        ];
      case 5:
        // Switch (k = 1) with heavy dropping: f counts the choices before capacity, not the kept assignments.
        return [
          [
            [4, 0, 0, 0],
            [3, 1, 0, 0],
            [3, 0, 1, 0],
            [2, 0, 0, 1],
            [0, 2, 0, 0],
            [5, 0, 0, 0],
          ],
          1,
          1,
          false,
          0.01,
        ];
      case 6:
        // Every token prefers expert 2: the most unbalanced batch.
        return [Array.from({ length: 8 }, (_, token) => [0, token / 8, 4, -1, 0.25]), 2, 1, true, 0.1];
      case 7:
        // Capacity at least T: nothing is dropped.
        return [randomLogits(rng, 5, 3, true), 2, 2, true, 0.01];
      case 8:
        // Large logits: the softmax must subtract the row maximum.
        return [
          [
            [800, 799, 0, -800],
            [1000, 0, 999.5, 998],
            [-5, 700, 701, 0],
          ],
          2,
          1,
          false,
          0.01,
        ];
      case 9:
        // k = E: every token chooses every expert.
        return [randomLogits(rng, 6, 3, true), 3, 1, false, 0.01];
      case 10:
        // One token.
        return [randomLogits(rng, 1, 8, false), 2, 1, true, 0.01];
      default: {
        const tokens = rng.int(2, 64);
        const numExperts = rng.int(2, 16);
        const topK = rng.int(1, Math.min(numExperts, 4));
        const grid = rng.int(0, 1) === 1;
        return [
          randomLogits(rng, tokens, numExperts, grid),
          topK,
          rng.pick(CAPACITY_FACTORS),
          rng.int(0, 1) === 1,
          rng.pick([0.001, 0.01, 0.1]),
        ];
      }
    }
  },
  starterCode: `${TYPES}

function routeTokens(logits: number[][], topK: number, capacityFactor: number, renormalize: boolean,
                     auxCoeff: number): Routing {
  // Softmax each row over all experts, take the k largest logits (ties: lower id), then admit assignments
  // choice rank by choice rank up to C = ceil(cf·T·k/E) per expert; auxLoss = α·E·Σ f_i·P_i.
  return { capacity: 0, experts: [], weights: [], dropped: [], load: [], auxLoss: 0 };
}
`,
  solutionCode: `${TYPES}

function routeTokens(logits: number[][], topK: number, capacityFactor: number, renormalize: boolean,
                     auxCoeff: number): Routing {
  const T = logits.length;
  const E = logits[0].length;
  const probs = logits.map((row) => {
    const max = Math.max(...row);
    const exps = row.map((v) => Math.exp(v - max));
    const sum = exps.reduce((a, v) => a + v, 0);
    return exps.map((v) => v / sum);
  });
  const choices = logits.map((row) =>
    row.map((_, e) => e).sort((a, b) => row[b] - row[a] || a - b).slice(0, topK),
  );
  const gates = choices.map((chosen, t) => {
    const picked = chosen.map((e) => probs[t][e]);
    const total = picked.reduce((a, v) => a + v, 0);
    return renormalize ? picked.map((v) => v / total) : picked;
  });
  const capacity = Math.ceil((capacityFactor * T * topK) / E);
  const load: number[] = new Array(E).fill(0);
  const kept: boolean[][] = choices.map((chosen) => chosen.map(() => false));
  const dropped: number[][] = [];
  for (let rank = 0; rank < topK; rank++) {
    for (let t = 0; t < T; t++) {
      const e = choices[t][rank];
      if (load[e] < capacity) {
        load[e]++;
        kept[t][rank] = true;
      } else {
        dropped.push([t, e]);
      }
    }
  }
  const experts = choices.map((chosen, t) => chosen.filter((_, rank) => kept[t][rank]));
  const weights = gates.map((gate, t) => gate.filter((_, rank) => kept[t][rank]));
  const chosenCount: number[] = new Array(E).fill(0);
  for (const chosen of choices) for (const e of chosen) chosenCount[e]++;
  let balance = 0;
  for (let e = 0; e < E; e++) {
    let probSum = 0;
    for (const row of probs) probSum += row[e];
    balance += (chosenCount[e] / (T * topK)) * (probSum / T);
  }
  return { capacity, experts, weights, dropped, load, auxLoss: auxCoeff * E * balance };
}
`,
};
