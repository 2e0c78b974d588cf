import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { SUBMIT } from "../helpers/grading.ts";
import { createTcpForwarder, type TcpForwarder } from "../helpers/tcp-forwarder.ts";

// An API whose database sits behind a forwarder the test closes: the outage a client must be able to retry.
let forwarder: TcpForwarder;
let t: TestApi;
let slug: string;

beforeAll(async () => {
  const real = await startTestApi();
  const database = new URL(real.config.DATABASE_URL);
  slug = await createCodingQuestion(real.db, "softmax");
  await real.close();
  forwarder = await createTcpForwarder(Number(database.port || 5432), database.hostname);
  await forwarder.open();
  // The forwarder listens on 127.0.0.1 whatever the database's host is (`postgres` under Compose).
  t = await startTestApi({
    DATABASE_URL: forwarder.urlThrough(real.config.DATABASE_URL),
    AUTH_RATE_LIMIT_PER_MINUTE: "1000",
  });
});
afterAll(async () => {
  await t.close();
  await forwarder.close();
});

async function post(query: string, variables: Record<string, unknown>, token?: string) {
  const response = await fetch(t.api.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "accept-language": "en",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: response.status, retryAfter: response.headers.get("retry-after"), errors: body.errors };
}

describe("a database outage", () => {
  it("answers submitSolution with a typed, retryable SERVICE_UNAVAILABLE, and the retry succeeds once it is back", async () => {
    const learner = await signUpUser(t);
    const input = { slug, language: "TYPESCRIPT", code: "export function softmax() {}" };
    await forwarder.close();
    try {
      for (let i = 0; i < 3; i++) {
        const refused = await post(SUBMIT, { input }, learner.token);
        expect(refused.status).toBe(503);
        expect(refused.retryAfter).toBe("5");
        expect(refused.errors?.[0]).toEqual({
          message: "The database is unavailable; nothing was done. Retry in 5 s.",
          extensions: { code: "SERVICE_UNAVAILABLE", retryAfterSeconds: 5 },
        });
      }
      // Anonymous reads get the same answer on the field that failed.
      const anonymous = await post("{ topics { slug } }", {});
      expect(anonymous.errors?.[0]?.extensions).toEqual({ code: "SERVICE_UNAVAILABLE", retryAfterSeconds: 5 });
    } finally {
      await forwarder.open();
    }
    let accepted: Awaited<ReturnType<typeof post>> | null = null;
    for (let attempt = 0; attempt < 20 && !accepted; attempt++) {
      const retried = await post(SUBMIT, { input }, learner.token);
      if (!retried.errors) accepted = retried;
      else await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(accepted?.status).toBe(200);
  });
});
