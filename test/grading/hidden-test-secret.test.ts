import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { createDb, type Db } from "../../src/db.ts";
import { hiddenTestStates, loadHiddenTestSecret } from "../../src/lib/hidden-test-secret.ts";
import { testDatabaseUrl } from "../helpers/env.ts";

let db: Db;
beforeAll(() => {
  db = createDb({ url: testDatabaseUrl(), poolSize: 4 });
});
afterAll(async () => {
  await db.$disconnect();
});

describe("the deployment's hidden-test secret", () => {
  it("is generated once in the database, the same for graders starting together", async () => {
    const loads = await Promise.all(Array.from({ length: 4 }, () => loadHiddenTestSecret(db, undefined)));
    const values = new Set(loads.map((secret) => secret.value));
    expect(values.size).toBe(1);
    expect(loads.filter((secret) => secret.source === "created").length).toBeLessThanOrEqual(1);
    const [value] = values;
    // 32 random bytes in base64url.
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await loadHiddenTestSecret(db, undefined)).toEqual({ value, source: "database" });
  });

  it("refuses a HIDDEN_TEST_SECRET under 32 characters without printing it", () => {
    const load = () => loadConfig({ HIDDEN_TEST_SECRET: "too-short-secret" });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow("HIDDEN_TEST_SECRET=(not shown): expected at least 32 characters");
    expect(load).not.toThrow(/too-short-secret/);
  });

  it("is named in cache keys by an id that differs per secret and does not contain it", () => {
    const secret = "operator-chosen-secret-of-at-least-32-chars";
    const states = hiddenTestStates(secret);
    expect(states.id).toBe(hiddenTestStates(secret).id);
    expect(states.id).not.toBe(hiddenTestStates(`${secret}!`).id);
    expect(secret).not.toContain(states.id);
    expect(states.stateOf(1, "hidden", 0)).not.toEqual(hiddenTestStates(`${secret}!`).stateOf(1, "hidden", 0));
  });

  it("comes from HIDDEN_TEST_SECRET when that is set", async () => {
    const fromEnvironment = "operator-chosen-secret-of-at-least-32-chars";
    expect(await loadHiddenTestSecret(db, fromEnvironment)).toEqual({ value: fromEnvironment, source: "environment" });
  });
});
