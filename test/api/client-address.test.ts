import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import WebSocket from "ws";
import { ConfigError, loadConfig } from "../../src/config.ts";
import { startTestApi, type TestApi } from "../helpers/api.ts";

// Behind a proxy the client's address is the right-most X-Forwarded-For entry that is not a trusted proxy:
// whatever a client writes into the header itself sits to the left of what the proxies append.

async function post(t: TestApi, query: string, forwardedFor: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(t.api.url, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return { status: response.status, code: body.errors?.[0]?.extensions?.code };
}

const LOG_IN = `mutation($input: LogInInput!) { logIn(input: $input) { token } }`;
const WRONG_LOGIN = { input: { email: "nobody@example.com", password: "wrong password" } };

/**
 * An anonymous graphql-ws socket from `forwardedFor` that runs `{ __typename }` (an anonymous socket is counted
 * against the identity of its first operation): "ran", or the code the socket closed with.
 */
async function anonymousSocket(t: TestApi, forwardedFor: string): Promise<{ socket: WebSocket; outcome: string }> {
  const socket = new WebSocket(t.api.url.replace(/^http/, "ws"), "graphql-transport-ws", {
    headers: { "x-forwarded-for": forwardedFor },
  });
  await once(socket, "open");
  socket.send(JSON.stringify({ type: "connection_init" }));
  const outcome = await new Promise<string>((resolve) => {
    socket.on("message", (data) => {
      const message = JSON.parse(String(data)) as { type: string };
      if (message.type === "connection_ack") {
        socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: "{ __typename }" } }));
      } else resolve(message.type === "next" ? "ran" : message.type);
    });
    socket.once("close", (code) => resolve(String(code)));
  });
  return { socket, outcome };
}

describe("TRUST_PROXY", () => {
  it("refuses `true` and malformed ranges, naming the variable; takes a hop count or CIDR ranges", () => {
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY="true": trusting every hop/);
    expect(() => loadConfig({ TRUST_PROXY: "10.0.0.0/99" })).toThrow(/TRUST_PROXY/);
    expect(loadConfig({ TRUST_PROXY: "1" }).TRUST_PROXY).toBe(1);
    expect(loadConfig({}).TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: "loopback, 10.0.0.0/8" }).TRUST_PROXY).toEqual(["loopback", "10.0.0.0/8"]);
  });

  describe.each([
    ["one hop", "1"],
    ["a CIDR list", "127.0.0.0/8,10.0.0.0/8"],
  ])("trusting %s", (_name, trust) => {
    let t: TestApi;
    beforeAll(async () => {
      t = await startTestApi({
        TRUST_PROXY: trust,
        AUTH_RATE_LIMIT_PER_MINUTE: "3",
        ANON_RATE_LIMIT_PER_MINUTE: "5",
        WS_MAX_SOCKETS_PER_USER: "2",
      });
    });
    afterAll(async () => {
      await t.close();
    });

    it("limits logins by the address the proxy appended, whatever the client put to its left", async () => {
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 4; i++) {
        codes.push((await post(t, LOG_IN, `198.51.100.${i}, 203.0.113.7`, WRONG_LOGIN)).code);
      }
      expect(codes).toEqual(["UNAUTHENTICATED", "UNAUTHENTICATED", "UNAUTHENTICATED", "RATE_LIMITED"]);
      // Another client behind the same proxy has its own budget.
      expect((await post(t, LOG_IN, "203.0.113.8", WRONG_LOGIN)).code).toBe("UNAUTHENTICATED");
    });

    it("limits anonymous requests by that address (HTTP 429), and counts other clients apart", async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await post(t, "{ __typename }", `192.0.2.${i}, 203.0.113.20`)).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect((await post(t, "{ __typename }", "203.0.113.21")).status).toBe(200);
    });

    it("counts anonymous WebSockets by that address too", async () => {
      const opened: WebSocket[] = [];
      try {
        const outcomes: string[] = [];
        // Two clients behind the proxy, each with its own cap of 2, each rotating what it writes itself.
        for (const client of ["203.0.113.30", "203.0.113.31"]) {
          for (let i = 0; i < 3; i++) {
            const { socket, outcome } = await anonymousSocket(t, `192.0.2.${i}, ${client}`);
            opened.push(socket);
            outcomes.push(outcome);
          }
        }
        expect(outcomes).toEqual(["ran", "ran", "4403", "ran", "ran", "4403"]);
      } finally {
        for (const socket of opened) socket.close();
      }
    });
  });
});
