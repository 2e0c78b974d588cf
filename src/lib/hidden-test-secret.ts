import { randomBytes } from "node:crypto";
import type { Db } from "../db.ts";

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
export async function loadHiddenTestSecret(db: Db, fromEnvironment: string | undefined): Promise<HiddenTestSecret> {
  if (fromEnvironment) return { value: fromEnvironment, source: "environment" };
  const inserted = await db.deploymentSecret.createMany({
    data: [{ name: SECRET_NAME, value: randomBytes(SECRET_BYTES).toString("base64url") }],
    skipDuplicates: true,
  });
  const row = await db.deploymentSecret.findUniqueOrThrow({ where: { name: SECRET_NAME } });
  return { value: row.value, source: inserted.count === 1 ? "created" : "database" };
}
