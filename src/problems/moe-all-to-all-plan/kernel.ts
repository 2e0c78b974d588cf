import { requireArray, requireFinite, requireInteger } from "../../kernels/guards.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

export type MoePlan = {
  sendCounts: number[][];
  recvCounts: number[][][];
  order: number[][];
  inverse: number[][];
  combined: number[][];
};

type Args = [
  numRanks: number,
  numExperts: number,
  topExperts: number[][][],
  gateWeights: number[][][],
  expertOutputs: number[][],
];

/** The number of experts each token picks (0 when no rank holds a token); every token must pick that many. */
function validateRouting(numRanks: number, numExperts: number, topExperts: number[][][], gateWeights: number[][][]) {
  requireInteger(numRanks, "numRanks", 1, 64);
  requireInteger(numExperts, "numExperts", 1, 4096);
  if (numExperts % numRanks !== 0) {
    throw new KernelInputError(`numExperts (${numExperts}) must be a multiple of numRanks (${numRanks})`);
  }
  requireArray(topExperts, "topExperts");
  requireArray(gateWeights, "gateWeights");
  if (topExperts.length !== numRanks || gateWeights.length !== numRanks) {
    throw new KernelInputError(`topExperts and gateWeights must hold one entry per rank (${numRanks})`);
  }
  let topK = -1;
  for (let rank = 0; rank < numRanks; rank++) {
    const tokens = topExperts[rank];
    const weights = gateWeights[rank];
    requireArray(tokens, `topExperts[${rank}]`);
    requireArray(weights, `gateWeights[${rank}]`);
    if (tokens.length !== weights.length) {
      throw new KernelInputError(`gateWeights[${rank}] must have one row per token of topExperts[${rank}]`);
    }
    for (let t = 0; t < tokens.length; t++) {
      const choices = tokens[t];
      const row = weights[t];
      requireArray(choices, `topExperts[${rank}][${t}]`);
      requireArray(row, `gateWeights[${rank}][${t}]`);
      if (topK === -1) topK = choices.length;
      if (choices.length !== topK || choices.length === 0 || row.length !== topK) {
        throw new KernelInputError(`every token picks the same number k ≥ 1 of experts, with one weight each`);
      }
      const seen = new Set<number>();
      for (let j = 0; j < topK; j++) {
        requireInteger(choices[j], `topExperts[${rank}][${t}][${j}]`, 0, numExperts - 1);
        if (seen.has(choices[j]))
          throw new KernelInputError(`token ${t} of rank ${rank} picks expert ${choices[j]} twice`);
        seen.add(choices[j]);
        requireFinite(row[j], `gateWeights[${rank}][${t}][${j}]`);
      }
    }
  }
  return Math.max(topK, 0);
}

/**
 * Expert-parallel dispatch and combine plans: experts placed contiguously (rank r holds experts r·L … r·L + L − 1,
 * L = E/R); each rank's token copies (copy t·k + j is token t's j-th choice) sorted stably by expert id, which is by
 * destination rank then local expert then copy index; the R × R send counts, each rank's receive counts per source
 * rank and local expert, the permutation and its inverse, and each token's gate-weighted sum of its k expert outputs
 * once the combine all-to-all has returned them (expertOutputs[d] is rank d's receive buffer: source-rank blocks in
 * rank order, each in its sender's permuted order).
 */
export function moeAllToAllPlan(
  numRanks: number,
  numExperts: number,
  topExperts: number[][][],
  gateWeights: number[][][],
  expertOutputs: number[][],
): MoePlan {
  const topK = validateRouting(numRanks, numExperts, topExperts, gateWeights);
  const local = numExperts / numRanks;
  const sendCounts = Array.from({ length: numRanks }, () => new Array<number>(numRanks).fill(0));
  const recvCounts = Array.from({ length: numRanks }, () =>
    Array.from({ length: numRanks }, () => new Array<number>(local).fill(0)),
  );
  const order: number[][] = [];
  const inverse: number[][] = [];
  for (let source = 0; source < numRanks; source++) {
    const tokens = topExperts[source] as number[][];
    const perExpert = new Array<number>(numExperts).fill(0);
    for (const choices of tokens) for (const expert of choices) perExpert[expert] += 1;
    // A counting sort: ascending expert id is ascending (destination rank, local expert) because placement is
    // contiguous, and filling each expert's slots in copy order keeps the sort stable.
    const next = new Array<number>(numExperts).fill(0);
    for (let expert = 1; expert < numExperts; expert++) next[expert] = next[expert - 1] + perExpert[expert - 1];
    for (let expert = 0; expert < numExperts; expert++) {
      const destination = Math.floor(expert / local);
      (sendCounts[source] as number[])[destination] += perExpert[expert];
      recvCounts[destination][source][expert - destination * local] = perExpert[expert];
    }
    const sourceOrder = new Array<number>(tokens.length * topK);
    const sourceInverse = new Array<number>(tokens.length * topK);
    for (let t = 0; t < tokens.length; t++) {
      for (let j = 0; j < topK; j++) {
        const copy = t * topK + j;
        const expert = tokens[t][j] as number;
        const position = next[expert];
        next[expert] += 1;
        sourceOrder[position] = copy;
        sourceInverse[copy] = position;
      }
    }
    order.push(sourceOrder);
    inverse.push(sourceInverse);
  }

  requireArray(expertOutputs, "expertOutputs");
  if (expertOutputs.length !== numRanks) throw new KernelInputError(`expertOutputs must hold one entry per rank`);
  // The combine all-to-all is the dispatch reversed: rank d's receive buffer holds source s's block at the offset
  // of the blocks of sources 0 … s − 1, and s concatenates the blocks it gets back in destination order.
  const returned: number[][] = Array.from({ length: numRanks }, () => []);
  for (let destination = 0; destination < numRanks; destination++) {
    const buffer = expertOutputs[destination];
    requireArray(buffer, `expertOutputs[${destination}]`);
    const expected = sendCounts.reduce((sum, row) => sum + (row[destination] as number), 0);
    if (buffer.length !== expected) {
      throw new KernelInputError(
        `expertOutputs[${destination}] must hold the ${expected} copies rank ${destination} receives`,
      );
    }
    for (let i = 0; i < buffer.length; i++) requireFinite(buffer[i], `expertOutputs[${destination}][${i}]`);
    let offset = 0;
    for (let source = 0; source < numRanks; source++) {
      const count = sendCounts[source][destination] as number;
      for (let i = 0; i < count; i++) (returned[source] as number[]).push(buffer[offset + i] as number);
      offset += count;
    }
  }
  const combined = topExperts.map((tokens, source) =>
    tokens.map((_, t) => {
      let sum = 0;
      for (let j = 0; j < topK; j++) {
        sum += gateWeights[source][t][j] * returned[source][inverse[source][t * topK + j]];
      }
      return sum;
    }),
  );
  return { sendCounts, recvCounts, order, inverse, combined };
}

/** Random routing: T_r tokens per rank, each picking k distinct experts, and gate weights that sum to 1 per token. */
function randomRouting(rng: Rng, numRanks: number, numExperts: number, topK: number, maxTokens: number) {
  const topExperts: number[][][] = [];
  const gateWeights: number[][][] = [];
  for (let rank = 0; rank < numRanks; rank++) {
    const count = rng.int(0, maxTokens);
    const tokens: number[][] = [];
    const weights: number[][] = [];
    for (let t = 0; t < count; t++) {
      const experts = Array.from({ length: numExperts }, (_, e) => e);
      for (let i = 0; i < topK; i++) {
        const pick = rng.int(i, numExperts - 1);
        [experts[i], experts[pick]] = [experts[pick] as number, experts[i] as number];
      }
      const raw = Array.from({ length: topK }, () => rng.float(0.05, 1));
      const total = raw.reduce((a, b) => a + b, 0);
      tokens.push(experts.slice(0, topK));
      weights.push(raw.map((w) => w / total));
    }
    topExperts.push(tokens);
    gateWeights.push(weights);
  }
  return { topExperts, gateWeights };
}

/** Expert outputs for every copy each rank receives (one scalar per copy: the hidden size is 1 here). */
function withOutputs(
  rng: Rng,
  numRanks: number,
  numExperts: number,
  topExperts: number[][][],
  gateWeights: number[][][],
): Args {
  const local = numExperts / numRanks;
  const received = new Array<number>(numRanks).fill(0);
  for (const tokens of topExperts)
    for (const choices of tokens) for (const expert of choices) received[Math.floor(expert / local)] += 1;
  const expertOutputs = received.map((count) => rng.floats(count, -2, 2).map((v) => Math.round(v * 1000) / 1000));
  return [numRanks, numExperts, topExperts, gateWeights, expertOutputs];
}

function random(rng: Rng, numRanks: number, local: number, topK: number, maxTokens: number): Args {
  const numExperts = numRanks * local;
  const { topExperts, gateWeights } = randomRouting(rng, numRanks, numExperts, Math.min(topK, numExperts), maxTokens);
  return withOutputs(rng, numRanks, numExperts, topExperts, gateWeights);
}

const EXAMPLE: Args = [
  2,
  4,
  [
    [
      [3, 0],
      [1, 2],
      [0, 1],
    ],
    [
      [2, 3],
      [0, 2],
    ],
  ],
  [
    [
      [0.6, 0.4],
      [0.7, 0.3],
      [0.5, 0.5],
    ],
    [
      [0.8, 0.2],
      [0.9, 0.1],
    ],
  ],
  [
    [10, 20, 30, 40, 50],
    [60, 70, 80, 90, 100],
  ],
];

const SIGNATURE_TYPES = `type MoePlan = {
  sendCounts: number[][];     // R × R: copies rank i sends to rank j
  recvCounts: number[][][];   // R × R × L: on rank d, copies from source s for local expert l
  order: number[][];          // per rank: order[p] = the copy at position p of the permuted buffer
  inverse: number[][];        // per rank: inverse[c] = the position of copy c
  combined: number[][];       // per rank, per token: Σ_j weight × returned expert output
};`;

export const moeAllToAllPlanKernel: KernelSpec<Args, MoePlan> = {
  id: "moe-all-to-all-plan",
  functionName: "moeAllToAllPlan",
  signature: `${SIGNATURE_TYPES}
function moeAllToAllPlan(
  numRanks: number, numExperts: number,
  topExperts: number[][][], gateWeights: number[][][], expertOutputs: number[][],
): MoePlan`,
  tolerance: { atol: 1e-9, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 14, performance: 0 },
  reference: moeAllToAllPlan,
  generate(kind, index, rng) {
    if (kind === "sample") return index === 0 ? EXAMPLE : random(rng, 3, 2, 2, 4);
    switch (index) {
      case 0: {
        // Token 0 picks expert 1 second, token 1 picks it first: copy order, not slot order, within an expert;
        // rank 0 sends 3 copies to rank 1 and gets 1 back from it, so a transposed count matrix shows.
        const topExperts = [
          [
            [0, 1],
            [1, 2],
            [2, 3],
          ],
          [[3, 0]],
        ];
        const gateWeights = [
          [
            [0.75, 0.25],
            [0.6, 0.4],
            [0.3, 0.7],
          ],
          [[0.5, 0.5]],
        ];
        return withOutputs(rng, 2, 4, topExperts, gateWeights);
      }
      case 1:
        // 4 ranks × 2 experts: expert e lives on rank ⌊e/2⌋, not e mod 4.
        return random(rng, 4, 2, 2, 6);
      case 2: {
        // Within one destination rank the copies are grouped by local expert, not kept in token order.
        const topExperts = [
          [[1], [0], [3], [2], [1]],
          [[0], [1]],
        ];
        const gateWeights = [
          [[1], [1], [1], [1], [1]],
          [[1], [1]],
        ];
        return withOutputs(rng, 2, 4, topExperts, gateWeights);
      }
      case 3: {
        // A rank with no tokens still receives copies and sends none.
        const topExperts = [[], [[5, 0, 3]], [[1, 4, 2]]];
        const gateWeights = [[], [[0.5, 0.3, 0.2]], [[0.2, 0.3, 0.5]]];
        return withOutputs(rng, 3, 6, topExperts, gateWeights);
      }
      case 4:
        // One rank: everything stays local, the plan is the sort by expert alone.
        return random(rng, 1, 6, 3, 10);
      case 5:
        // k = 1 (Switch-style routing).
        return random(rng, 4, 3, 1, 12);
      case 6:
        // One expert per rank (E = R).
        return random(rng, 5, 1, 2, 8);
      case 7:
        // Uneven gate weights that do not sum to 1: the combine uses them as given.
        return withOutputs(rng, 2, 4, [[[2, 1, 0]], [[0, 3, 1]]], [[[2, -1, 0.5]], [[1.5, 0.25, -0.75]]]);
      default:
        return random(rng, rng.int(1, 6), rng.int(1, 4), rng.int(1, 4), rng.int(0, 24));
    }
  },
  starterCode: `${SIGNATURE_TYPES}

function moeAllToAllPlan(
  numRanks: number,
  numExperts: number,
  topExperts: number[][][],
  gateWeights: number[][][],
  expertOutputs: number[][],
): MoePlan {
  // Rank r holds experts r·L … r·L + L − 1 (L = numExperts / numRanks). Copy t·k + j is token t's j-th choice.
  // Sort each rank's copies stably by expert id, count what goes where, then route the outputs back.
  return { sendCounts: [], recvCounts: [], order: [], inverse: [], combined: [] };
}
`,
  solutionCode: `${SIGNATURE_TYPES}

function moeAllToAllPlan(
  numRanks: number,
  numExperts: number,
  topExperts: number[][][],
  gateWeights: number[][][],
  expertOutputs: number[][],
): MoePlan {
  const local = numExperts / numRanks;
  const rankOf = (expert: number) => Math.floor(expert / local);
  const sendCounts = Array.from({ length: numRanks }, () => new Array<number>(numRanks).fill(0));
  const recvCounts = Array.from({ length: numRanks }, () =>
    Array.from({ length: numRanks }, () => new Array<number>(local).fill(0)),
  );
  const order: number[][] = [];
  const inverse: number[][] = [];
  for (let src = 0; src < numRanks; src++) {
    const tokens = topExperts[src];
    const k = tokens.length > 0 ? tokens[0].length : 0;
    const perExpert = new Array<number>(numExperts).fill(0);
    for (const choices of tokens) for (const expert of choices) perExpert[expert]++;
    // Counting sort by expert id: ascending expert = ascending (destination rank, local expert).
    const next = new Array<number>(numExperts).fill(0);
    for (let e = 1; e < numExperts; e++) next[e] = next[e - 1] + perExpert[e - 1];
    for (let e = 0; e < numExperts; e++) {
      sendCounts[src][rankOf(e)] += perExpert[e];
      recvCounts[rankOf(e)][src][e - rankOf(e) * local] += perExpert[e];
    }
    const ord = new Array<number>(tokens.length * k);
    const inv = new Array<number>(tokens.length * k);
    for (let t = 0; t < tokens.length; t++) {
      for (let j = 0; j < k; j++) {
        const copy = t * k + j;
        const position = next[tokens[t][j]]++;
        ord[position] = copy;
        inv[copy] = position;
      }
    }
    order.push(ord);
    inverse.push(inv);
  }
  // Combine: rank dst sends source src's block back in the order it arrived; src concatenates them by dst.
  const returned: number[][] = Array.from({ length: numRanks }, () => []);
  for (let dst = 0; dst < numRanks; dst++) {
    let offset = 0;
    for (let src = 0; src < numRanks; src++) {
      for (let i = 0; i < sendCounts[src][dst]; i++) returned[src].push(expertOutputs[dst][offset + i]);
      offset += sendCounts[src][dst];
    }
  }
  const combined = topExperts.map((tokens, src) =>
    tokens.map((choices, t) => {
      let sum = 0;
      for (let j = 0; j < choices.length; j++) {
        sum += gateWeights[src][t][j] * returned[src][inverse[src][t * choices.length + j]];
      }
      return sum;
    }),
  );
  return { sendCounts, recvCounts, order, inverse, combined };
}
`,
};
