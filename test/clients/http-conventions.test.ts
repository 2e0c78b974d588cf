import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { explorerSwitch, landingPage } from "../../src/app/explorer.ts";
import { loadConfig } from "../../src/config.ts";
import { startTestApi, type TestApi } from "../helpers/api.ts";

let t: TestApi;
let base: string;

beforeAll(async () => {
  t = await startTestApi();
  base = t.api.url.replace(/\/graphql$/, "");
});
afterAll(async () => {
  await t.close();
});

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: "OPTIONS",
    headers: {
      origin,
      "access-control-request-method": "POST",
      "access-control-request-headers": "content-type,authorization",
    },
  });
}

describe("CORS", () => {
  it("lets any localhost origin call the API outside production, with credentials and a cached preflight", async () => {
    const response = await preflight(t.api.url, "http://localhost:5173");
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(response.headers.get("access-control-allow-headers")).toContain("apollo-require-preflight");
    expect(Number(response.headers.get("access-control-max-age"))).toBeGreaterThan(0);

    const post = await fetch(t.api.url, {
      method: "POST",
      headers: { origin: "http://127.0.0.1:3000", "content-type": "application/json" },
      body: JSON.stringify({ query: "{ topics { slug } }" }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get("access-control-allow-origin")).toBe("http://127.0.0.1:3000");
  });

  it("gives other origins no CORS headers", async () => {
    const response = await preflight(t.api.url, "https://evil.example.com");
    expect(response.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows exactly CORS_ORIGINS when set, and nothing by default in production", async () => {
    const configured = await startTestApi({ CORS_ORIGINS: "https://app.example.com, https://admin.example.com" });
    const production = await startTestApi({ NODE_ENV: "production" });
    try {
      const allowed = await preflight(configured.api.url, "https://admin.example.com");
      expect(allowed.headers.get("access-control-allow-origin")).toBe("https://admin.example.com");
      const localhost = await preflight(configured.api.url, "http://localhost:5173");
      expect(localhost.headers.get("access-control-allow-origin")).toBeNull();
      const productionLocalhost = await preflight(production.api.url, "http://localhost:5173");
      expect(productionLocalhost.headers.get("access-control-allow-origin")).toBeNull();
    } finally {
      await configured.close();
      await production.close();
    }
  });

  it("keeps Apollo's CSRF prevention: a GET operation without a preflight-forcing header is refused", async () => {
    const query = encodeURIComponent("{ topics { slug } }");
    const simple = await fetch(`${t.api.url}?query=${query}`);
    expect(simple.status).toBe(400);
    const withHeader = await fetch(`${t.api.url}?query=${query}`, { headers: { "apollo-require-preflight": "1" } });
    expect(withHeader.status).toBe(200);
  });
});

describe("explorer and landing page", () => {
  it("GET / links the explorer, health, metrics and the queue dashboard", async () => {
    const response = await fetch(`${base}/`);
    expect(response.status).toBe(200);
    const html = await response.text();
    for (const href of ["/graphql", "/healthz", "/metrics", "/admin/queues"]) expect(html).toContain(`href="${href}"`);
  });

  it("serves GraphiQL to a browser at /graphql, configured for graphql-ws, gzip-compressed", async () => {
    const response = await fetch(t.api.url, { headers: { accept: "text/html", "accept-encoding": "gzip" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(response.headers.get("content-encoding")).toBe("gzip");
    const html = await response.text();
    expect(html).toContain("renderYogaGraphiQL");
    expect(html).toContain('"subscriptionsProtocol":"WS"');
    expect(html).toContain('"isHeadersEditorEnabled":true');
    // Nothing is loaded from elsewhere: no external script or stylesheet tags.
    expect(html).not.toMatch(/<script[^>]+src=["']https?:/);
    expect(html).not.toMatch(/<link[^>]+href=["']https?:/);
  });

  it("is off when GRAPHQL_EXPLORER=false, saying how to turn it on; JSON clients are unaffected", async () => {
    const off = await startTestApi({ GRAPHQL_EXPLORER: "false" });
    try {
      const response = await fetch(off.api.url, { headers: { accept: "text/html" } });
      expect(response.status).toBe(404);
      expect(await response.text()).toContain("GRAPHQL_EXPLORER=true");
      expect((await off.gql("{ topics { slug } }")).errors).toBeUndefined();
    } finally {
      await off.close();
    }
  });

  it("with introspection off (production's default) names GRAPHQL_INTROSPECTION, which the explorer needs", async () => {
    const off = await startTestApi({ GRAPHQL_INTROSPECTION: "false" });
    try {
      const explorer = await fetch(off.api.url, { headers: { accept: "text/html" } });
      expect(explorer.status).toBe(404);
      const text = await explorer.text();
      expect(text).toContain("GRAPHQL_INTROSPECTION=true turns it on");
      expect(text).not.toContain("GRAPHQL_EXPLORER=true turns it on");
      const landing = await (await fetch(off.api.url.replace(/\/graphql$/, "/"))).text();
      expect(landing).toContain("the explorer is off: GRAPHQL_INTROSPECTION=true turns it on");
    } finally {
      await off.close();
    }
  });

  it("says what turns it on for every combination of the two settings", () => {
    const production = { NODE_ENV: "production", DATABASE_URL: "postgresql://x@127.0.0.1/x", CORS_ORIGINS: "" };
    const say = (env: Record<string, string>) => explorerSwitch(loadConfig({ ...production, ...env }));
    expect(say({})).toMatch(/^GRAPHQL_INTROSPECTION=true turns it on /);
    expect(say({ GRAPHQL_EXPLORER: "false" })).toMatch(/^GRAPHQL_INTROSPECTION=true and GRAPHQL_EXPLORER=true turn/);
    expect(say({ GRAPHQL_INTROSPECTION: "true", GRAPHQL_EXPLORER: "false" })).toBe("GRAPHQL_EXPLORER=true turns it on");
    // On without introspection: served, and the landing page says it has no schema.
    expect(landingPage(loadConfig({ ...production, GRAPHQL_EXPLORER: "true" }))).toContain(
      "(without the schema: introspection is off; GRAPHQL_INTROSPECTION=true gives it one)",
    );
  });
});
