import { createHmac } from "node:crypto";

/**
 * The generator state of a hidden or performance test: HMAC-SHA256 keyed by the deployment's secret over
 * the problem's seed, the kind and the index. Knowing the code and the public seed gives nothing without
 * the secret, and the state is the PRNG's full 128 bits, so the inputs cannot be found by trying 2^32
 * seeds. Each test still has its own state, so inserting a test never shifts the others.
 */
export function hiddenTestState(secret: string, baseSeed: number, kind: string, index: number): number[] {
  const digest = createHmac("sha256", secret).update(`${baseSeed}:${kind}#${index}`).digest();
  return [0, 4, 8, 12].map((offset) => digest.readInt32LE(offset));
}
