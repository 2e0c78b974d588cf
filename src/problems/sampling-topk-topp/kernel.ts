import { requireFinite, requireInteger, requireVector } from "../../kernels/guards.ts";
import { inverseCdf } from "../../kernels/numeric.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  repetitionPenalty: number,
  previousTokens: number[],
  u: number,
];
export type Sampled = { token: number; probs: number[] };

/**
 * One decoding step's sampler, in the order Hugging Face's and vLLM's samplers apply it: the repetition penalty
 * (CTRL: a seen token's logit is divided by ρ when positive, multiplied when negative), temperature, top-k (every
 * logit ≥ the k-th largest survives, ties included), softmax, top-p (the most probable tokens, ties by id, until
 * their cumulative probability reaches p — the token that crosses p is kept), renormalisation, then the inverse CDF
 * over token ids in ascending order with the given uniform u. Temperature 0 is greedy: the lowest id among the
 * largest penalised logits.
 */
function sampleToken(
  logits: number[],
  temperature: number,
  topK: number,
  topP: number,
  repetitionPenalty: number,
  previousTokens: number[],
  u: number,
): Sampled {
  requireVector(logits, "logits");
  const vocab = logits.length;
  if (vocab === 0) throw new KernelInputError("logits must not be empty");
  requireFinite(temperature, "temperature");
  requireInteger(topK, "topK", 0);
  requireFinite(topP, "topP");
  requireFinite(repetitionPenalty, "repetitionPenalty");
  requireFinite(u, "u");
  if (temperature < 0) throw new KernelInputError("temperature must be ≥ 0");
  if (!(topP > 0 && topP <= 1)) throw new KernelInputError("topP must be in (0, 1]");
  if (repetitionPenalty <= 0) throw new KernelInputError("repetitionPenalty must be > 0");
  if (u < 0 || u >= 1) throw new KernelInputError("u must be in [0, 1)");
  for (const id of previousTokens) requireInteger(id, "previousTokens[i]", 0, vocab - 1);

  const scores = [...logits];
  for (const id of new Set(previousTokens)) {
    scores[id] = scores[id] < 0 ? scores[id] * repetitionPenalty : scores[id] / repetitionPenalty;
  }
  if (temperature === 0) {
    let best = 0;
    for (let id = 1; id < vocab; id++) if (scores[id] > scores[best]) best = id;
    return { token: best, probs: scores.map((_, id) => (id === best ? 1 : 0)) };
  }
  for (let id = 0; id < vocab; id++) scores[id] /= temperature;
  const kept = scores.map(() => true);
  if (topK > 0 && topK < vocab) {
    const kth = [...scores].sort((a, b) => b - a)[topK - 1];
    for (let id = 0; id < vocab; id++) kept[id] = scores[id] >= kth;
  }
  let max = Number.NEGATIVE_INFINITY;
  for (let id = 0; id < vocab; id++) if (kept[id]) max = Math.max(max, scores[id]);
  const weights = scores.map((s, id) => (kept[id] ? Math.exp(s - max) : 0));
  let total = 0;
  for (const w of weights) total += w;
  let probs = weights.map((w) => w / total);
  if (topP < 1) {
    const order = probs
      .map((p, id) => ({ p, id }))
      .filter(({ id }) => kept[id])
      .sort((a, b) => b.p - a.p || a.id - b.id);
    let cumulative = 0;
    const nucleus = new Set<number>();
    for (const { p, id } of order) {
      nucleus.add(id);
      cumulative += p;
      if (cumulative >= topP) break;
    }
    let mass = 0;
    for (const id of nucleus) mass += probs[id];
    probs = probs.map((p, id) => (nucleus.has(id) ? p / mass : 0));
  }
  return { token: inverseCdf(probs, u), probs };
}

const LN = Math.log;

export const samplingTopkToppKernel: KernelSpec<Args, Sampled> = {
  id: "sampling-topk-topp",
  functionName: "sampleToken",
  signature:
    "function sampleToken(logits: number[], temperature: number, topK: number, topP: number, " +
    "repetitionPenalty: number, previousTokens: number[], u: number): { token: number; probs: number[] }",
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 14, performance: 0 },
  reference: sampleToken,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0) return [[2, 1, 0.5, -1, 3], 1, 3, 1, 1, [], 0.5];
      return [[1.5, -0.5, 2, 0.25, 2, -3], 0.7, 0, 0.9, 1.3, [2, 0], 0.3];
    }
    switch (index) {
      case 0:
        return [[1, 3, 3, 2, 3, 0], 1, 2, 1, 1, [], 0.99]; // three logits tie for 2nd place: top-2 keeps all three 3s
      case 1:
        // probabilities 0.5, 0.3, 0.2 (as logs): top-p 0.8 must keep exactly the token that crosses 0.8
        return [[LN(0.2), LN(0.5), LN(0.3)], 1, 0, 0.79, 1, [], 0.7];
      case 2:
        return [[LN(0.2), LN(0.5), LN(0.3)], 1, 0, 0.81, 1, [], 0.99]; // now the third token is needed too
      case 3:
        return [[-2, 4, 1, -0.5, 4], 0, 0, 1, 1.5, [1, 1, 1], 0.2]; // greedy: id 1 penalised once (4/1.5), id 4 wins
      case 4:
        return [[4, 4, 1], 0, 0, 1, 1, [], 0.9]; // greedy tie: the lower id
      case 5:
        return [[-1, -2, -0.5, 0], 1, 0, 1, 2, [0, 2, 3], 0.4]; // negative logits multiplied by ρ; 0 stays 0
      case 6:
        return [[0.1, 0.2, 0.3], 100, 0, 1, 1, [], 0.9999]; // very high temperature: nearly uniform; u near 1
      case 7:
        return [[7], 0.8, 5, 0.5, 1.2, [0], 0.6]; // one token: always it
      case 8:
        return [[2, 2, 2, 2], 1, 0, 0.5, 1, [], 0.49]; // a 4-way tie in top-p: by id, tokens 0 and 1 are kept
      case 9:
        return [[1, 2, 0.5], 1, 0, 1, 2, [1, 1, 1], 0.5]; // a token seen three times is penalised once
      default: {
        const vocab = rng.int(2, 40);
        const logits = rng.floats(vocab, -6, 6).map((v) => Math.round(v * 100) / 100);
        const previous = Array.from({ length: rng.int(0, 6) }, () => rng.int(0, vocab - 1));
        return [
          logits,
          rng.pick([0.3, 0.7, 1, 1.5]),
          rng.pick([0, 1, 5, 10]),
          rng.pick([1, 0.95, 0.9, 0.6]),
          rng.pick([1, 1.1, 1.3]),
          previous,
          rng.unit() * 0.999,
        ];
      }
    }
  },
  starterCode: `function sampleToken(
  logits: number[], temperature: number, topK: number, topP: number,
  repetitionPenalty: number, previousTokens: number[], u: number,
): { token: number; probs: number[] } {
  // In order: repetition penalty on every token seen before, temperature (0 = greedy), top-k (ties kept),
  // softmax, top-p (keep the token that crosses p), renormalise, then pick the first token id (ascending)
  // whose cumulative probability exceeds u.
  return { token: 0, probs: logits.map(() => 1 / logits.length) };
}
`,
  solutionCode: `function sampleToken(
  logits: number[], temperature: number, topK: number, topP: number,
  repetitionPenalty: number, previousTokens: number[], u: number,
): { token: number; probs: number[] } {
  const vocab = logits.length;
  const scores = [...logits];
  for (const id of new Set(previousTokens)) {
    scores[id] = scores[id] < 0 ? scores[id] * repetitionPenalty : scores[id] / repetitionPenalty;
  }
  if (temperature === 0) {
    let best = 0;
    for (let id = 1; id < vocab; id++) if (scores[id] > scores[best]) best = id;
    return { token: best, probs: scores.map((_, id) => (id === best ? 1 : 0)) };
  }
  for (let id = 0; id < vocab; id++) scores[id] /= temperature;
  const kept = scores.map(() => true);
  if (topK > 0 && topK < vocab) {
    const kth = [...scores].sort((a, b) => b - a)[topK - 1];
    for (let id = 0; id < vocab; id++) kept[id] = scores[id] >= kth;
  }
  let max = -Infinity;
  for (let id = 0; id < vocab; id++) if (kept[id]) max = Math.max(max, scores[id]);
  const weights = scores.map((s, id) => (kept[id] ? Math.exp(s - max) : 0));
  const total = weights.reduce((a, w) => a + w, 0);
  let probs = weights.map((w) => w / total);
  if (topP < 1) {
    const order = probs
      .map((p, id) => ({ p, id }))
      .filter(({ id }) => kept[id])
      .sort((a, b) => b.p - a.p || a.id - b.id);
    const nucleus = new Set<number>();
    let cumulative = 0;
    for (const { p, id } of order) {
      nucleus.add(id);
      cumulative += p;
      if (cumulative >= topP) break;
    }
    let mass = 0;
    for (const id of nucleus) mass += probs[id];
    probs = probs.map((p, id) => (nucleus.has(id) ? p / mass : 0));
  }
  let cdf = 0;
  let last = 0;
  for (let id = 0; id < vocab; id++) {
    if (probs[id] === 0) continue;
    last = id;
    cdf += probs[id];
    if (u < cdf) return { token: id, probs };
  }
  return { token: last, probs };
}
`,
};
