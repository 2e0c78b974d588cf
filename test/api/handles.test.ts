import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { handleProblem, normalizeHandle } from "../../src/modules/auth/handle.ts";
import { startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";

const SIGN_UP = `mutation($input: SignUpInput!) { signUp(input: $input) { user { handle } } }`;

describe("handle rules", () => {
  it.each([
    ["林伟"],
    ["Zoë"],
    ["山田たろう"],
    ["김민준"],
    ["ada_99"],
    ["林wei"],
    ["Ψυχή-ΑΒΓ"],
    ["Dmitri"],
    ["Дмитрий"],
  ])("accepts %s", (handle) => {
    expect(handleProblem(normalizeHandle(handle))).toBeNull();
  });

  it("normalises full-width letters and spaces around (NFKC, trimmed)", () => {
    expect(normalizeHandle("  ｓｅｃ＿ａｌｉｃｅ ")).toBe("sec_alice");
  });

  it("says what is allowed, and what was not", () => {
    expect(handleProblem("x")?.en).toMatch(
      /^must be 2–32 characters: letters of any one script .* \(it has 1 characters\)$/,
    );
    expect(handleProblem("a".repeat(33))?.en).toContain("(it has 33 characters)");
    expect(handleProblem("林 伟")?.en).toContain("a space (U+0020) is not allowed");
    expect(handleProblem("ada🙂")?.en).toContain('"🙂" (U+1F642) is not allowed');
    expect(handleProblem("ada.lovelace")?.en).toContain('"." (U+002E) is not allowed');
    // 32 characters of Chinese is within the limit: length counts characters, not bytes.
    expect(handleProblem("伟".repeat(32))).toBeNull();
  });

  it("refuses look-alike mixes of scripts: a Cyrillic а inside a Latin name, Greek with Latin", () => {
    expect(handleProblem("p\u0430ypal")?.en).toContain("mixes Cyrillic and Latin letters");
    expect(handleProblem("\u0391da")?.en).toContain("mixes Greek and Latin letters");
    expect(handleProblem("\u0301ada")?.en).toContain("combining mark");
  });
});

describe("signing up with a handle in one's own script", () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(async () => {
    await t.close();
  });

  const signUp = (handle: string) =>
    t.gql<{ signUp: { user: { handle: string } } }>(SIGN_UP, {
      input: {
        email: `h-${uniqueSuffix()}-${Math.random().toString(36).slice(2)}@example.com`,
        handle,
        password: "long enough pw",
      },
    });

  it("accepts 林伟-style handles and keeps them unique whatever their case", async () => {
    const suffix = uniqueSuffix().slice(-6);
    const chinese = await signUp(`林伟${suffix}`);
    expect(chinese.errors).toBeUndefined();
    expect(chinese.data?.signUp.user.handle).toBe(`林伟${suffix}`);

    const accented = await signUp(`ÉCOLE${suffix}`);
    expect(accented.errors).toBeUndefined();
    const lower = await signUp(`école${suffix}`);
    expect(lower.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(lower.errors?.[0]?.extensions?.fieldErrors)).toContain("handle is already taken");
  });

  it("refuses with the rule spelled out", async () => {
    const refused = await signUp("p\u0430ypal");
    expect(refused.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const [error] = (refused.errors?.[0]?.extensions?.fieldErrors ?? []) as { field: string; message: string }[];
    expect(error.field).toBe("input.handle");
    expect(error.message).toContain("letters of any one script (林伟, Zoë, ada), digits 0–9, _ and -");
  });
});
