import { createHash, createHmac, randomBytes } from "node:crypto";
import type { PrismaClient } from "../generated/prisma/client.ts";
import type { HiddenTestStates } from "../kernels/suite.ts";

const SECRET_NAME = "hidden-test-secret";
// HMAC-SHA256 gives 32 bytes; a longer key adds no strength.
const SECRET_BYTES = 32;

export type HiddenTestSecret = {
  value: string;
  /** Where it came from; `created` when this call generated it. */
  source: "environment" | "database" | "created";
};

/**
 * The deployment's hidden-test secret: HIDDEN_TEST_SECRET when set (then every grader must be given the
 * same value), otherwise the one stored in the database, generated there by the first caller. The insert
 * does nothing when a row exists, so graders starting together agree on one secret.
 */
/** Only the table it needs, so this helper does not depend on the app's database module. */
type SecretStore = Pick<PrismaClient, "deploymentSecret">;

export async function loadHiddenTestSecret(
  db: SecretStore,
  fromEnvironment: string | undefined,
): Promise<HiddenTestSecret> {
  if (fromEnvironment) return { value: fromEnvironment, source: "environment" };
  const inserted = await db.deploymentSecret.createMany({
    data: [{ name: SECRET_NAME, value: randomBytes(SECRET_BYTES).toString("base64url") }],
    skipDuplicates: true,
  });
  const row = await db.deploymentSecret.findUniqueOrThrow({ where: { name: SECRET_NAME } });
  return { value: row.value, source: inserted.count === 1 ? "created" : "database" };
}

/**
 * The generator states of hidden and performance tests under `secret`: HMAC-SHA256 over the problem's seed,
 * the kind and the index. Knowing the code and the public seed gives nothing without the secret, and the
 * state is the PRNG's full 128 bits, so the inputs cannot be found by trying 2^32 seeds either. Each test has
 * its own state, so inserting a test never shifts the others.
 */
export function hiddenTestStates(secret: string): HiddenTestStates {
  return {
    // A hash of the secret, not the secret: ids end up in cache keys and may be logged.
    id: createHash("sha256").update(`hidden-test-secret:${secret}`).digest("base64url").slice(0, 16),
    stateOf(baseSeed, kind, index) {
      const digest = createHmac("sha256", secret).update(`${baseSeed}:${kind}#${index}`).digest();
      return [0, 4, 8, 12].map((offset) => digest.readInt32LE(offset));
    },
  };
}
