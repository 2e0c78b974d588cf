import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { token user { id handle email role timeZone } } }`;
const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { token user { id handle } } }`;
const ME = `{ me { id handle email role } }`;

let t: TestApi;

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
});
afterAll(async () => {
  await t.close();
});

describe("sign-up and log-in", () => {
  it("signs up, logs in and reads me with the token", async () => {
    const suffix = uniqueSuffix();
    const email = `Ada-${suffix}@Example.com`;
    const signUp = await t.gql<{ signUp: { token: string; user: { email: string; role: string; timeZone: string } } }>(
      SIGN_UP,
      { input: { email, handle: `ada_${suffix}`.slice(0, 32), password: "long enough pw", timeZone: "Asia/Shanghai" } },
    );
    expect(signUp.errors).toBeUndefined();
    expect(signUp.data?.signUp.user).toMatchObject({
      email: email.toLowerCase(),
      role: "LEARNER",
      timeZone: "Asia/Shanghai",
    });

    const logIn = await t.gql<{ logIn: { token: string } }>(LOG_IN, { input: { email, password: "long enough pw" } });
    expect(logIn.errors).toBeUndefined();
    const token = logIn.data?.logIn.token ?? "";
    expect(token).not.toEqual(signUp.data?.signUp.token);

    const me = await t.gql<{ me: { email: string } }>(ME, {}, token);
    expect(me.data?.me.email).toBe(email.toLowerCase());
  });

  it("stores only a hash of the password and of the token", async () => {
    const user = await signUpUser(t);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id }, include: { tokens: true } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain(user.password);
    expect(row.tokens.map((token) => token.tokenHash)).not.toContain(user.token);
  });

  it("refuses a duplicate email, naming the field", async () => {
    const user = await signUpUser(t);
    const again = await t.gql(SIGN_UP, {
      input: {
        email: user.email.toUpperCase(),
        handle: `other_${uniqueSuffix()}`.slice(0, 32),
        password: "long enough pw",
      },
    });
    expect(again.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(again.errors?.[0]?.message).toContain("input.email");
  });

  it("refuses a wrong password without saying whether the email exists", async () => {
    const user = await signUpUser(t);
    const wrong = await t.gql(LOG_IN, { input: { email: user.email, password: "not the password" } });
    const unknown = await t.gql(LOG_IN, {
      input: { email: `nobody-${uniqueSuffix()}@example.com`, password: "whatever pw" },
    });
    expect(wrong.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(unknown.errors?.[0]?.message).toBe(wrong.errors?.[0]?.message);
  });

  it("rejects unknown, malformed, revoked and expired tokens with UNAUTHENTICATED", async () => {
    const unknown = await t.gql(ME, {}, "not-a-real-token");
    expect(unknown.status).toBe(401);
    expect(unknown.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(unknown.errors?.[0]?.extensions?.http).toBeUndefined();

    const user = await signUpUser(t);
    const logOut = await t.gql<{ logOut: boolean }>(`mutation { logOut }`, {}, user.token);
    expect(logOut.data?.logOut).toBe(true);
    const revoked = await t.gql(ME, {}, user.token);
    expect(revoked.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");

    const other = await signUpUser(t);
    await t.db.authToken.updateMany({ where: { userId: other.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const expired = await t.gql(ME, {}, other.token);
    expect(expired.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
    expect(expired.errors?.[0]?.message).toMatch(/expired/);
  });

  it("is anonymous without a token", async () => {
    const me = await t.gql<{ me: null }>(ME);
    expect(me.errors).toBeUndefined();
    expect(me.data?.me).toBeNull();
  });

  it("validates input field by field", async () => {
    const bad = await t.gql(SIGN_UP, {
      input: { email: "not-an-email", handle: "x", password: "short", timeZone: "Mars/Olympus" },
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const fields = ((bad.errors?.[0]?.extensions?.fieldErrors ?? []) as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(["input.email", "input.handle", "input.password", "input.timeZone"]);
  });

  it("refuses an email longer than 254 characters (RFC 5321) or a local part over 64, and takes one of 254", async () => {
    const domain = `${"d".repeat(60)}.${"e".repeat(60)}.${"f".repeat(60)}.example.com`;
    const at254 = `${"a".repeat(254 - domain.length - 1)}@${domain}`;
    expect(at254).toHaveLength(254);
    for (const email of [`b${at254}`, `${"c".repeat(65)}@example.com`]) {
      const refused = await t.gql(SIGN_UP, {
        input: { email, handle: `long_${uniqueSuffix()}`.slice(0, 32), password: "long enough pw" },
      });
      expect(refused.errors?.[0]?.extensions?.fieldErrors).toEqual([
        { field: "input.email", message: expect.stringMatching(/at most (254|64) characters/) },
      ]);
    }
    const ok = await t.gql(SIGN_UP, {
      input: {
        email: `${"a".repeat(64)}@${"x".repeat(10)}.com`,
        handle: `ok_${uniqueSuffix()}`.slice(0, 32),
        password: "long enough pw",
      },
    });
    expect(ok.errors).toBeUndefined();
  });
});

describe("rate limits", () => {
  it("limits log-in attempts per IP with RATE_LIMITED and a retry-after", async () => {
    const limited = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "3" });
    try {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 5; i++) {
        const result = await limited.gql(LOG_IN, { input: { email: "x@example.com", password: "whatever pw" } });
        codes.push(result.errors?.[0]?.extensions?.code);
      }
      expect(codes).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED", "RATE_LIMITED"]);
      const last = await limited.gql(LOG_IN, { input: { email: "x@example.com", password: "whatever pw" } });
      expect(last.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await limited.close();
    }
  });
});
