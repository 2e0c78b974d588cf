import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import { MANIFEST_FILE, readTrustedDocuments } from "../../src/graphql/trusted-documents.ts";
import { type SignedUpUser, signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";

// A client's mistake is answered with a client code (BAD_USER_INPUT, PERSISTED_QUERY_*), never
// INTERNAL_SERVER_ERROR, and never logged as an error of ours.
let t: TestApi;
let learner: SignedUpUser;
let logged: jest.Spied<TestApi["services"]["log"]["error"]>;

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
  learner = await signUpUser(t);
  logged = jest.spyOn(t.services.log, "error");
});
afterAll(async () => {
  logged.mockRestore();
  await t.close();
});

async function postBody(body: unknown) {
  const response = await fetch(t.api.url, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${learner.token}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: response.status, errors: json.errors };
}

const NUL_SLUG = "soft\u0000max";

describe("a NUL in a slug argument", () => {
  it.each([
    ["question", `query($slug: String!) { question(slug: $slug) { id } }`],
    ["mySubmissions", `query($slug: String!) { mySubmissions(slug: $slug) { totalCount } }`],
    ["checkConceptAnswer", `query($slug: String!) { checkConceptAnswer(slug: $slug, answer: "x") { coverage } }`],
    ["giveUp", `mutation($slug: String!) { giveUp(slug: $slug) { unlocked } }`],
    ["revealHint", `mutation($slug: String!) { revealHint(slug: $slug, index: 0) { index } }`],
    ["reviewQuestion", `mutation($slug: String!) { reviewQuestion(input: { slug: $slug, rating: GOOD }) { due } }`],
  ])("%s answers BAD_USER_INPUT naming the argument", async (_name, query) => {
    logged.mockClear();
    const result = await t.gql(query, { slug: NUL_SLUG }, learner.token);
    expect(result.errors?.[0]).toMatchObject({
      message: expect.stringMatching(/slug: must not contain NUL/),
      extensions: { code: "BAD_USER_INPUT" },
    });
    expect(logged).not.toHaveBeenCalled();
  });
});

describe("persisted queries", () => {
  it("answers a hash that does not match its text as a client fault", async () => {
    logged.mockClear();
    const query = "{ __typename }";
    const wrong = createHash("sha256").update("{ other }").digest("hex");
    const result = await postBody({ query, extensions: { persistedQuery: { version: 1, sha256Hash: wrong } } });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]?.extensions?.code).not.toBe("INTERNAL_SERVER_ERROR");
    expect(result.errors?.[0]?.extensions?.code).toMatch(/BAD_USER_INPUT|PERSISTED_QUERY/);
    expect(logged).not.toHaveBeenCalled();
  });

  it("answers an unknown persisted hash so that APQ clients resend the text (message PersistedQueryNotFound)", async () => {
    const unknown = createHash("sha256").update(`{ __typename } # ${Math.random()}`).digest("hex");
    const result = await postBody({ extensions: { persistedQuery: { version: 1, sha256Hash: unknown } } });
    expect(result.errors?.[0]).toMatchObject({
      message: "PersistedQueryNotFound",
      extensions: { code: "BAD_USER_INPUT", reason: "PERSISTED_QUERY_NOT_FOUND" },
    });
  });

  it("refuses an operationName the document does not define, and runs nothing", async () => {
    logged.mockClear();
    const result = await postBody({ query: "query Mine { me { handle } }", operationName: "NoSuchOperation" });
    expect(result.status).toBe(400);
    expect(result.errors?.[0]).toMatchObject({
      message: 'Unknown operation named "NoSuchOperation".',
      extensions: { code: "BAD_USER_INPUT", reason: "OPERATION_RESOLUTION_FAILURE" },
    });
    expect(logged).not.toHaveBeenCalled();
  });
});

describe("trusted documents", () => {
  let trusted: TestApi;
  let trustedLogged: jest.Spied<TestApi["services"]["log"]["error"]>;
  beforeAll(async () => {
    trusted = await startTestApi({ TRUSTED_DOCUMENTS_ONLY: "true", REDIS_PREFIX: t.config.REDIS_PREFIX });
    trustedLogged = jest.spyOn(trusted.services.log, "error");
  });
  afterAll(async () => {
    trustedLogged.mockRestore();
    await trusted.close();
  });

  it("answers an unknown operationName with a manifest hash as a client fault, without running the operation", async () => {
    const [hash, body] = [...readTrustedDocuments(new URL(`../../${MANIFEST_FILE}`, import.meta.url))].find(
      ([, text]) => /^mutation SignUp\b/.test(text),
    ) ?? ["", ""];
    expect(body).not.toBe("");
    // Variables that would sign a learner up if the operation ran; other files create users meanwhile, so the check
    // is that this email never appears, not a count of all users.
    const email = `never-${Date.now()}-${Math.random().toString(36).slice(2)}@example.test`;
    const variables = { input: { email, handle: `never_${Date.now().toString(36)}`, password: "a password 1234" } };
    for (const request of [
      {
        operationName: "NoSuchOperation",
        variables,
        extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
      },
      { operationName: "NoSuchOperation", query: body, variables },
    ]) {
      const response = await fetch(trusted.api.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(request),
      });
      const answer = (await response.json()) as { errors?: { extensions?: { code?: string; reason?: string } }[] };
      expect(response.status).toBe(400);
      expect(answer.errors?.[0]?.extensions).toMatchObject({
        code: "BAD_USER_INPUT",
        reason: "OPERATION_RESOLUTION_FAILURE",
      });
    }
    expect(await trusted.db.user.count({ where: { email } })).toBe(0);
    expect(trustedLogged).not.toHaveBeenCalled();
  });
});

describe("cursors", () => {
  it("answers a cursor dated at the edge of what Date can hold as BAD_USER_INPUT", async () => {
    logged.mockClear();
    for (const date of ["+275760-09-13T00:00:00.000Z", "-271821-04-20T00:00:00.000Z", "9999-12-31T23:59:59.999Z"]) {
      const after = Buffer.from(`${date}|00000000-0000-4000-8000-000000000000`).toString("base64url");
      const questions = await t.gql(`query($after: String) { questions(after: $after) { totalCount } }`, { after });
      const submissions = await t.gql(
        `query($after: String) { mySubmissions(after: $after) { totalCount } }`,
        { after },
        learner.token,
      );
      for (const result of [questions, submissions]) {
        expect(result.errors?.[0]?.extensions?.code ?? "ok").toMatch(/BAD_USER_INPUT|ok/);
      }
    }
    expect(logged).not.toHaveBeenCalled();
  });
});
