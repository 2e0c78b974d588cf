import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";

// The operations endpoints of a production deployment.
const METRICS_TOKEN = "m".repeat(40);
let closed: TestApi;
let tokened: TestApi;
const baseOf = (t: TestApi) => t.api.url.replace(/\/graphql$/, "");

beforeAll(async () => {
  closed = await startTestApi({ NODE_ENV: "production", AUTH_RATE_LIMIT_PER_MINUTE: "1000" });
  tokened = await startTestApi({
    NODE_ENV: "production",
    METRICS_TOKEN,
    REDIS_PREFIX: closed.config.REDIS_PREFIX,
  });
});
afterAll(async () => {
  await tokened.close();
  await closed.close();
});

describe("/metrics in production", () => {
  it("is off without METRICS_TOKEN", async () => {
    const response = await fetch(`${baseOf(closed)}/metrics`);
    expect(response.status).toBe(404);
    expect(await response.text()).toContain("METRICS_TOKEN");
  });

  it("asks for METRICS_TOKEN as a bearer token when it is set", async () => {
    expect((await fetch(`${baseOf(tokened)}/metrics`)).status).toBe(401);
    const wrong = await fetch(`${baseOf(tokened)}/metrics`, { headers: { authorization: `Bearer ${"x".repeat(40)}` } });
    expect(wrong.status).toBe(401);
    const scraped = await fetch(`${baseOf(tokened)}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(scraped.status).toBe(200);
    expect(await scraped.text()).toContain("dojo_api_request_duration_seconds");
  });
});

describe("the queue dashboard in production", () => {
  it("sets its cookie Secure", async () => {
    const admin = await signUpUser(closed, { role: "ADMIN" });
    const signedIn = await fetch(`${baseOf(closed)}/admin/queues/login`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: admin.token }).toString(),
      redirect: "manual",
    });
    expect(signedIn.status).toBe(303);
    expect(signedIn.headers.get("set-cookie")).toMatch(/; HttpOnly; SameSite=Strict; Secure$/);
  });
});
