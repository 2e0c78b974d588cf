import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { handle email } } }`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { token } }`;
const PASSWORD = "correct horse battery";

let t: TestApi;
beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
});
afterAll(async () => {
  await deleteNamespace(t.config.REDIS_URL, t.config.REDIS_PREFIX);
  await t.close();
});

type SignUpResult = { signUp: { token: string; user: { handle: string; email: string } } };
const signUp = (email: string, handle: string) =>
  t.gql<SignUpResult>(SIGN_UP, { input: { email, handle, password: PASSWORD } });
const fieldsOf = (result: Awaited<ReturnType<typeof signUp>>) =>
  (result.errors?.[0]?.extensions?.fieldErrors as { field: string }[] | undefined)?.map((error) => error.field);

describe("handles and emails are unique whatever their case and width", () => {
  it("refuses SEC_ALICE (and its full-width spelling) beside sec_alice", async () => {
    const suffix = uniqueSuffix().slice(0, 10);
    const first = await signUp(`alice-${suffix}@example.com`, `sec_alice_${suffix}`);
    expect(first.errors).toBeUndefined();
    const upper = await signUp(`other-${suffix}@example.com`, `SEC_ALICE_${suffix.toUpperCase()}`);
    expect(upper.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(fieldsOf(upper)).toEqual(["input.handle"]);
    const fullWidth = await signUp(`third-${suffix}@example.com`, `ＳＥＣ_alice_${suffix}`);
    expect(fieldsOf(fullWidth)).toEqual(["input.handle"]);
  });

  it("stores emails NFKC-normalised, trimmed and lower-cased, and logs in with any spelling of them", async () => {
    const suffix = uniqueSuffix();
    const created = await signUp(`  ＢＯＢ-${suffix}@Example.COM `, `bob_${suffix}`.slice(0, 32));
    expect(created.errors).toBeUndefined();
    const row = await t.db.user.findFirstOrThrow({ where: { handle: `bob_${suffix}`.slice(0, 32) } });
    expect(row.email).toBe(`bob-${suffix}@example.com`);
    const again = await signUp(`bob-${suffix}@example.com`, `bob2_${suffix}`.slice(0, 32));
    expect(fieldsOf(again)).toEqual(["input.email"]);
    const logIn = await t.gql(LOG_IN, { input: { email: ` ｂｏｂ-${suffix}@EXAMPLE.com`, password: PASSWORD } });
    expect(logIn.errors).toBeUndefined();
  });

  it("is enforced by the database, whatever writes the row", async () => {
    const suffix = uniqueSuffix();
    const data = { passwordHash: "x", email: `carol-${suffix}@example.com`, handle: `carol_${suffix}`.slice(0, 32) };
    await t.db.user.create({ data });
    await expect(
      t.db.user.create({ data: { ...data, email: `other-${suffix}@example.com`, handle: data.handle.toUpperCase() } }),
    ).rejects.toThrow();
    await expect(
      t.db.user.create({ data: { ...data, email: data.email.toUpperCase(), handle: `carol2_${suffix}`.slice(0, 32) } }),
    ).rejects.toThrow();
  });
});
