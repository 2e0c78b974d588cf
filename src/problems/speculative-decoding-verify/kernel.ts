import { matrix, requireFinite, requireInteger, requireVector } from "../../kernels/guards.ts";
import { inverseCdf } from "../../kernels/numeric.ts";
import type { Rng } from "../../kernels/rng.ts";
import type { KernelSpec } from "../../kernels/types.ts";
import { KernelInputError } from "../../kernels/types.ts";

type Args = [draftTokens: number[], draftProbs: number[][], targetProbs: number[][], uniforms: number[], r: number];

export type Verification = {
  /** How many draft tokens were accepted (0..k). */
  accepted: number;
  /** The tokens this step emits: the accepted draft tokens, then one resampled or bonus token. */
  tokens: number[];
  /** The distribution the last token was drawn from: norm(max(0, p_i − q_i)) on a rejection, p_{k+1} otherwise. */
  residual: number[];
  /** Per draft position, the probability that a draft token is accepted: Σ_x min(p_i(x), q_i(x)). */
  acceptanceRates: number[];
  /** Tokens one step emits on average: Σ_{j=0..k} Π_{i≤j} β_i (= (1 − α^{k+1})/(1 − α) when every β_i = α). */
  expectedTokens: number;
};

/**
 * The verification step of speculative sampling (Leviathan et al. 2023; Chen et al. 2023): draft token d_i,
 * drawn from the draft model's q_i, is accepted when u_i < min(1, p_i(d_i)/q_i(d_i)) (u_i uniform on [0, 1), so
 * with probability min(1, p/q), and never when p_i(d_i) = 0); at the first rejection the
 * step emits a token drawn from norm(max(0, p_i − q_i)) and stops; when all k are accepted it emits a bonus token
 * from the target's p_{k+1}. The emitted tokens then follow the target distribution exactly.
 */
function verifyDraft(
  draftTokens: number[],
  draftProbs: number[][],
  targetProbs: number[][],
  uniforms: number[],
  r: number,
): Verification {
  requireVector(draftTokens, "draftTokens");
  const k = draftTokens.length;
  if (k === 0) throw new KernelInputError("draftTokens must not be empty");
  const vocab = matrix(targetProbs, "targetProbs", k + 1)[0].length;
  matrix(draftProbs, "draftProbs", k, vocab);
  requireVector(uniforms, "uniforms", { length: k });
  requireFinite(r, "r");
  for (const [i, token] of draftTokens.entries()) {
    requireInteger(token, `draftTokens[${i}]`, 0, vocab - 1);
    if (!(draftProbs[i][token] > 0)) throw new KernelInputError(`draftProbs[${i}] gives its own draft token 0`);
  }

  const acceptanceRates = draftProbs.map((q, i) => q.reduce((sum, qx, x) => sum + Math.min(qx, targetProbs[i][x]), 0));
  let expectedTokens = 1;
  let reach = 1;
  for (const beta of acceptanceRates) {
    reach *= beta;
    expectedTokens += reach;
  }

  const tokens: number[] = [];
  for (let i = 0; i < k; i++) {
    const d = draftTokens[i];
    const p = targetProbs[i][d];
    const q = draftProbs[i][d];
    if (uniforms[i] < Math.min(1, p / q)) {
      tokens.push(d);
      continue;
    }
    const excess = targetProbs[i].map((px, x) => Math.max(0, px - draftProbs[i][x]));
    const mass = excess.reduce((a, v) => a + v, 0);
    const residual = excess.map((v) => v / mass);
    tokens.push(inverseCdf(residual, r));
    return { accepted: i, tokens, residual, acceptanceRates, expectedTokens };
  }
  const residual = [...targetProbs[k]];
  tokens.push(inverseCdf(residual, r));
  return { accepted: k, tokens, residual, acceptanceRates, expectedTokens };
}

function distribution(rng: Rng, vocab: number, zeros = 0): number[] {
  const weights = Array.from({ length: vocab }, (_, x) => (x < zeros ? 0 : 0.05 + rng.unit()));
  for (let i = weights.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [weights[i], weights[j]] = [weights[j], weights[i]];
  }
  const total = weights.reduce((a, v) => a + v, 0);
  return weights.map((w) => w / total);
}

function drawFrom(probs: readonly number[], rng: Rng): number {
  return inverseCdf(probs, rng.unit());
}

/** A random verification problem: k draft positions over a vocabulary of `vocab`, target close to the draft or not. */
function randomCase(rng: Rng, k: number, vocab: number, closeness: number): Args {
  const draftProbs = Array.from({ length: k }, () => distribution(rng, vocab, rng.int(0, Math.floor(vocab / 3))));
  const targetProbs = Array.from({ length: k + 1 }, (_, i) => {
    const own = distribution(rng, vocab);
    if (i === k) return own;
    const mixed = own.map((v, x) => closeness * draftProbs[i][x] + (1 - closeness) * v);
    const total = mixed.reduce((a, v) => a + v, 0);
    return mixed.map((v) => v / total);
  });
  const draftTokens = draftProbs.map((q) => drawFrom(q, rng));
  return [draftTokens, draftProbs, targetProbs, Array.from({ length: k }, () => rng.unit()), rng.unit()];
}

export const speculativeDecodingVerifyKernel: KernelSpec<Args, Verification> = {
  id: "speculative-decoding-verify",
  functionName: "verifyDraft",
  signature:
    "function verifyDraft(draftTokens: number[], draftProbs: number[][], targetProbs: number[][], uniforms: number[], " +
    "r: number): { accepted: number; tokens: number[]; residual: number[]; acceptanceRates: number[]; expectedTokens: number }",
  tolerance: { atol: 1e-12, rtol: 1e-9 },
  testCounts: { sample: 2, hidden: 12, performance: 0 },
  reference: verifyDraft,
  generate(kind, index, rng) {
    if (kind === "sample") {
      if (index === 0)
        return [
          [2, 0],
          [
            [0.25, 0.25, 0.5],
            [0.5, 0.25, 0.25],
          ],
          [
            [0.25, 0.5, 0.25],
            [0.5, 0.25, 0.25],
            [0.2, 0.3, 0.5],
          ],
          [0.7, 0.1],
          0.4,
        ]; // p(2)/q(2) = 0.5 < u = 0.7: rejected at once; residual (0, 1, 0) gives token 1
      return randomCase(rng, 3, 4, 0.7);
    }
    switch (index) {
      case 0: {
        // the target equals the draft: everything is accepted and a bonus token comes from p_{k+1}
        const q = [
          [0.1, 0.6, 0.3],
          [0.3, 0.3, 0.4],
        ];
        return [[1, 2], q, [...q, [0.5, 0.25, 0.25]], [0.99, 0.5], 0.6];
      }
      case 1:
        // the target gives the draft token probability 0: certain rejection, even for u = 0
        return [
          [0],
          [[0.5, 0.5]],
          [
            [0, 1],
            [1, 0],
          ],
          [0],
          0.2,
        ];
      case 2:
        // u exactly equal to the ratio p/q = 0.5 is rejected (u < p/q accepts)
        return [
          [1, 1],
          [
            [0.5, 0.5],
            [0.25, 0.75],
          ],
          [
            [0.75, 0.25],
            [0.25, 0.75],
            [0.25, 0.75],
          ],
          [0.5, 0.9],
          0.3,
        ];
      case 3:
        // the second of three is rejected: the third must not be looked at even though it would pass
        return [
          [0, 1, 0],
          [
            [0.5, 0.5],
            [0.5, 0.5],
            [0.5, 0.5],
          ],
          [
            [0.6, 0.4],
            [0.9, 0.1],
            [0.9, 0.1],
            [0.5, 0.5],
          ],
          [0.3, 0.5, 0.1],
          0.95,
        ];
      case 4:
        return randomCase(rng, 1, 2, 0.2); // k = 1, two tokens
      case 5:
        return randomCase(rng, 6, 12, 0.95); // a good draft: long acceptances
      case 6:
        return randomCase(rng, 5, 8, 0.05); // a poor draft: early rejections
      default:
        return randomCase(rng, rng.int(1, 6), rng.int(2, 16), rng.pick([0.3, 0.6, 0.9]));
    }
  },
  starterCode: `function verifyDraft(
  draftTokens: number[], draftProbs: number[][], targetProbs: number[][], uniforms: number[], r: number,
): { accepted: number; tokens: number[]; residual: number[]; acceptanceRates: number[]; expectedTokens: number } {
  // Accept draft token i when uniforms[i] < min(1, p_i(d_i) / q_i(d_i)); at the first rejection draw from
  // norm(max(0, p_i - q_i)) with r and stop; if all are accepted draw a bonus token from p_{k+1} with r.
  // acceptanceRates[i] = sum_x min(p_i(x), q_i(x)); expectedTokens = sum_{j=0..k} prod_{i<j} acceptanceRates[i].
  return { accepted: 0, tokens: [], residual: targetProbs[0], acceptanceRates: [], expectedTokens: 1 };
}
`,
  solutionCode: `function verifyDraft(
  draftTokens: number[], draftProbs: number[][], targetProbs: number[][], uniforms: number[], r: number,
): { accepted: number; tokens: number[]; residual: number[]; acceptanceRates: number[]; expectedTokens: number } {
  const k = draftTokens.length;
  const pick = (probs: number[]): number => {
    let cdf = 0;
    let last = 0;
    for (let id = 0; id < probs.length; id++) {
      if (probs[id] <= 0) continue;
      last = id;
      cdf += probs[id];
      if (r < cdf) return id;
    }
    return last;
  };
  const acceptanceRates = draftProbs.map((q, i) => q.reduce((s, qx, x) => s + Math.min(qx, targetProbs[i][x]), 0));
  let expectedTokens = 1;
  let reach = 1;
  for (const beta of acceptanceRates) {
    reach *= beta;
    expectedTokens += reach;
  }
  const tokens: number[] = [];
  for (let i = 0; i < k; i++) {
    const d = draftTokens[i];
    if (uniforms[i] < Math.min(1, targetProbs[i][d] / draftProbs[i][d])) {
      tokens.push(d);
      continue;
    }
    const excess = targetProbs[i].map((px, x) => Math.max(0, px - draftProbs[i][x]));
    const mass = excess.reduce((a, v) => a + v, 0);
    const residual = excess.map((v) => v / mass);
    tokens.push(pick(residual));
    return { accepted: i, tokens, residual, acceptanceRates, expectedTokens };
  }
  const residual = [...targetProbs[k]];
  tokens.push(pick(residual));
  return { accepted: k, tokens, residual, acceptanceRates, expectedTokens };
}
`,
};
