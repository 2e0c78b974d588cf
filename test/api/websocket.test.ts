import { once } from "node:events";
import { afterAll, beforeAll, describe, expect, it, jest } from "@jest/globals";
import type { Client } from "graphql-ws";
import WebSocket from "ws";
import { type SignedUpUser, signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { submitCode } from "../helpers/grading.ts";
import { runOverWs, wsClient } from "../helpers/ws.ts";

// GraphQL over WebSocket goes through the pipeline HTTP uses: the same rules, error mapping and limits.
let t: TestApi;
let learner: SignedUpUser;
let queuedSubmissionId: string;
const clients: Client[] = [];

function client(token?: string | null, options: { eager?: boolean } = {}): Client {
  const opened = wsClient(t, token, options);
  clients.push(opened);
  return opened;
}

type Handshake = { connected: true } | { code: number; reason: string };

/** Opens an eager socket and says how its handshake ended: acknowledged, or closed with a code. */
function handshake(token?: string | null): Promise<{ socket: Client; outcome: Handshake }> {
  const socket = client(token, { eager: true });
  return new Promise((resolve) => {
    socket.on("connected", () => resolve({ socket, outcome: { connected: true } }));
    socket.on("closed", (event) => {
      const { code, reason } = event as { code: number; reason: string };
      resolve({ socket, outcome: { code, reason } });
    });
  });
}

beforeAll(async () => {
  t = await startTestApi({
    NODE_ENV: "production",
    AUTH_RATE_LIMIT_PER_MINUTE: "1000",
    SUBMIT_RATE_LIMIT_PER_MINUTE: "1000",
    MAX_QUERY_DEPTH: "5",
    WS_MAX_SOCKETS_PER_USER: "2",
    WS_MAX_SUBSCRIPTIONS_PER_SOCKET: "2",
    MAX_BODY_BYTES: "8192",
  });
  learner = await signUpUser(t);
  const slug = await createCodingQuestion(t.db, "softmax");
  // No grader runs in this file: the submission stays QUEUED, so its subscription stays open.
  queuedSubmissionId = await submitCode(t, learner.token, slug, "export function softmax() {}");
});
afterAll(async () => {
  await Promise.all(clients.map((opened) => opened.dispose()));
  await t.close();
});

const FOLLOW = `subscription($id: ID!) { submissionUpdated(id: $id) { id status } }`;

describe("validation, as over HTTP", () => {
  it("refuses introspection in production", async () => {
    const query = "{ __schema { types { name } } }";
    const overWs = await runOverWs(client(), query);
    expect(overWs.results).toEqual([]);
    expect(overWs.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", reason: "GRAPHQL_VALIDATION_FAILED" });
    expect(overWs.errors?.[0]?.message).toMatch(/introspection/i);
    const overHttp = await t.gql(query);
    expect(overHttp.errors?.[0]?.extensions).toEqual(overWs.errors?.[0]?.extensions);
  });

  it("refuses a query deeper than the limit, with HTTP's message", async () => {
    const deep = "{ questions { edges { node { codingProblem { samples { input } } } } } }";
    const overWs = await runOverWs(client(), deep);
    expect(overWs.results).toEqual([]);
    expect(overWs.errors?.[0]?.message).toBe("Query is too deep: its depth exceeds the limit of 5.");
    const overHttp = await t.gql(deep);
    expect(overWs.errors).toEqual(overHttp.errors);
  });

  it("answers a syntax error as BAD_USER_INPUT and keeps the socket open", async () => {
    const socket = client();
    const broken = await runOverWs(socket, "{ questions { ");
    expect(broken.closeCode).toBeUndefined();
    expect(broken.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", reason: "GRAPHQL_PARSE_FAILED" });
    const next = await runOverWs<{ __typename: string }>(socket, "{ __typename }");
    expect(next.results).toEqual([{ data: { __typename: "Query" } }]);
  });

  it("answers variables of the wrong type as BAD_USER_INPUT, not as an internal error", async () => {
    const result = await runOverWs(client(learner.token), "query($id: ID!) { submission(id: $id) { id } }", {
      id: { not: "an id" },
    });
    const errors = result.errors ?? result.results[0]?.errors;
    expect(errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });
});

describe("credentials", () => {
  it("closes a socket with a bad token at connection time (4401), before any operation", async () => {
    const { outcome } = await handshake("not-a-real-token");
    expect(outcome).toEqual({ code: 4401, reason: "Unknown or revoked token; log in again." });
  });

  it("closes with 4401 when the token is revoked after the socket opened", async () => {
    const user = await signUpUser(t);
    const { socket, outcome } = await handshake(user.token);
    expect(outcome).toEqual({ connected: true });
    await t.gql("mutation { logOut }", {}, user.token);
    const after = await runOverWs(socket, "{ me { id } }");
    expect(after.closeCode).toBe(4401);
    expect(JSON.stringify(after)).not.toContain('"me"');
  });
});

describe("credentials per operation", () => {
  it("reads an operation's bearer header from its extensions when the socket has none (the explorer's Headers tab)", async () => {
    const socket = client(null);
    const me = await new Promise<unknown>((resolve, reject) => {
      socket.subscribe(
        { query: "{ me { handle } }", extensions: { headers: { authorization: `Bearer ${learner.token}` } } },
        { next: (result) => resolve(result.data), error: reject, complete: () => undefined },
      );
    });
    expect(me).toEqual({ me: { handle: learner.handle } });
    const anonymous = await runOverWs(socket, "{ me { handle } }");
    expect(anonymous.results).toEqual([{ data: { me: null } }]);
  });
});

describe("limits", () => {
  it("caps open sockets per user (4403) and frees the slot when a socket closes", async () => {
    const user = await signUpUser(t);
    const first = await handshake(user.token);
    const second = await handshake(user.token);
    expect([first.outcome, second.outcome]).toEqual([{ connected: true }, { connected: true }]);
    const third = await handshake(user.token);
    expect(third.outcome).toEqual({ code: 4403, reason: "At most 2 open sockets per user; close one first." });
    await first.socket.dispose();
    // The server counts the socket out when its close frame arrives; a new socket then connects.
    let again: Handshake = { code: 0, reason: "" };
    for (let attempt = 0; attempt < 50 && !("connected" in again); attempt++) {
      again = (await handshake(user.token)).outcome;
    }
    expect(again).toEqual({ connected: true });
  });

  it("caps the operations running at once on one socket", async () => {
    const socket = client(learner.token);
    const variables = { id: queuedSubmissionId };
    const firstEvents: string[] = [];
    const follow = () =>
      new Promise<void>((resolve) => {
        socket.subscribe<{ submissionUpdated: { status: string } }>(
          { query: FOLLOW, variables },
          {
            next: (result) => {
              if (result.data) firstEvents.push(result.data.submissionUpdated.status);
              resolve();
            },
            error: () => resolve(),
            complete: () => resolve(),
          },
        );
      });
    await follow();
    await follow();
    expect(firstEvents).toEqual(["QUEUED", "QUEUED"]);
    const refused = await runOverWs(socket, FOLLOW, variables);
    expect(refused.errors?.[0]).toMatchObject({
      message: "At most 2 operations at once on one socket; complete one first.",
      // Like every RATE_LIMITED: when to try again (the cap frees as soon as one operation completes).
      extensions: { code: "RATE_LIMITED", retryAfterSeconds: 1 },
    });
  });
});

describe("error masking", () => {
  it("closes on a frame over MAX_BODY_BYTES with 1009, logging nothing outside the JSON logs", async () => {
    const consoleError = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const socket = new WebSocket(t.api.url.replace(/^http/, "ws"), "graphql-transport-ws");
      await once(socket, "open");
      socket.send(JSON.stringify({ type: "connection_init" }));
      await once(socket, "message");
      socket.send(JSON.stringify({ id: "1", type: "subscribe", payload: { query: `{ ${"a".repeat(9000)} }` } }));
      const [code] = (await once(socket, "close")) as [number];
      expect(code).toBe(1009);
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
    }
  });

  it("answers a database outage over WebSocket as SERVICE_UNAVAILABLE (no driver message, no stack)", async () => {
    // An API whose database does not answer: every resolver touching it fails unexpectedly.
    const broken = await startTestApi({
      NODE_ENV: "production",
      DATABASE_URL: "postgresql://postgres@127.0.0.1:1/unreachable",
      REDIS_PREFIX: t.config.REDIS_PREFIX,
    });
    const socket = wsClient(broken);
    try {
      const outcome = await runOverWs(socket, "{ topics { id } }");
      const errors = outcome.errors ?? outcome.results[0]?.errors;
      expect(errors).toMatchObject([
        {
          message: "The database is unavailable; nothing was done. Retry in 5 s.",
          path: ["topics"],
          extensions: { code: "SERVICE_UNAVAILABLE", retryAfterSeconds: 5 },
        },
      ]);
      expect(JSON.stringify(errors)).not.toMatch(/prisma|ECONNREFUSED|127\.0\.0\.1|stack/i);
      const withToken = wsClient(broken, learner.token);
      const refused = await runOverWs(withToken, "{ __typename }");
      await withToken.dispose();
      expect([refused.closeCode, refused.closeReason]).toEqual([1013, "The database is unavailable; retry in 5 s."]);
    } finally {
      await socket.dispose();
      await broken.close();
    }
  });
});
