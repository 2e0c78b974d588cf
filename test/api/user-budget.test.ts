import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { runOverWs, wsClient } from "../helpers/ws.ts";

// Signed-in clients spend a per-user budget of estimated cost per minute (USER_COST_BUDGET_PER_MINUTE).
let t: TestApi;
beforeAll(async () => {
  t = await startTestApi({ USER_COST_BUDGET_PER_MINUTE: "1000", AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
});
afterAll(async () => {
  await t.close();
});

// An aggregation priced 100, plus one row's field: 101.
const EXPENSIVE = "{ leaderboard(period: WEEK, first: 1) { rank } }";
const CHEAP = "{ me { handle } }";

async function post(query: string, token?: string) {
  const response = await fetch(t.api.url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "accept-language": "en",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query }),
  });
  const body = (await response.json()) as { errors?: { message: string; extensions?: Record<string, unknown> }[] };
  return { status: response.status, retryAfter: response.headers.get("retry-after"), errors: body.errors };
}

describe("the per-user request budget", () => {
  it("charges each request its estimated cost: 9 expensive requests fit in 1,000, the 10th waits, a cheap one fits", async () => {
    const learner = await signUpUser(t);
    // The budget refills at 1000/60 units a second: a slow machine may fit a request more per 6 s it takes.
    const started = Date.now();
    let allowed = 0;
    let refused = await post(EXPENSIVE, learner.token);
    while (refused.status === 200 && allowed < 30) {
      allowed++;
      refused = await post(EXPENSIVE, learner.token);
    }
    const refilled = ((Date.now() - started) / 60_000) * 1000;
    expect(allowed).toBeGreaterThanOrEqual(9);
    expect(allowed).toBeLessThanOrEqual(9 + Math.ceil(refilled / 101));
    expect(refused.status).toBe(429);
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(refused.errors?.[0]).toMatchObject({
      message: expect.stringMatching(
        /^Request budget used up: 1000 cost units per minute per user \(this request costs 101\); the next is allowed in \d+ s\.$/,
      ),
      extensions: { code: "RATE_LIMITED", retryAfterSeconds: Number(refused.retryAfter) },
    });
    // What is left (~91 units on a quiet machine; a slow one fitted more expensive requests and left less) pays for a
    // cheap request at once, or within the 1 s its few units take to refill: never the seconds an expensive one waits.
    const cheap = await post(CHEAP, learner.token);
    if (cheap.errors) {
      expect(cheap.errors[0]?.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: 1 });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect((await post(CHEAP, learner.token)).errors).toBeUndefined();
    }
    // Over WebSocket the same budget applies.
    const socket = wsClient(t, learner.token);
    try {
      const overWs = await runOverWs(socket, EXPENSIVE);
      expect(overWs.errors?.[0]?.extensions).toMatchObject({ code: "RATE_LIMITED" });
      expect(overWs.closeCode).toBeUndefined();
    } finally {
      await socket.dispose();
    }
    // Another user has a budget of their own.
    const other = await signUpUser(t);
    expect((await post(EXPENSIVE, other.token)).status).toBe(200);
  });
});
