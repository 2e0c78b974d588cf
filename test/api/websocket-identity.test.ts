import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Client } from "graphql-ws";
import { type SignedUpUser, signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { createCodingQuestion } from "../helpers/fixtures.ts";
import { submitCode } from "../helpers/grading.ts";
import { runOverWs, wsClient } from "../helpers/ws.ts";

// Sockets and the operations on them are counted against the identity each operation runs as (the socket's token,
// else the operation's own bearer header, else the client's address).
let t: TestApi;
let alice: SignedUpUser;
let bob: SignedUpUser;
let aliceSubmission: string;
let bobSubmission: string;
const clients: Client[] = [];

function client(token?: string | null, options: { eager?: boolean } = {}): Client {
  const opened = wsClient(t, token, options);
  clients.push(opened);
  return opened;
}

const FOLLOW = `subscription($id: ID!) { submissionUpdated(id: $id) { id status } }`;

type Started = { first: Promise<unknown>; ended: Promise<{ code?: string; message: string } | "complete"> };

/** Starts an operation with its own bearer header (as the explorer sends it); resolves on its first result. */
function startAs(socket: Client, token: string | null, query: string, variables: Record<string, unknown>): Started {
  let resolveFirst: (value: unknown) => void = () => undefined;
  const first = new Promise<unknown>((resolve) => {
    resolveFirst = resolve;
  });
  const ended = new Promise<{ code?: string; message: string } | "complete">((resolve) => {
    socket.subscribe(
      { query, variables, ...(token ? { extensions: { headers: { authorization: `Bearer ${token}` } } } : {}) },
      {
        next: (result) => resolveFirst(result),
        error: (error: unknown) => {
          const refusal = Array.isArray(error)
            ? { code: error[0]?.extensions?.code as string | undefined, message: String(error[0]?.message) }
            : { message: String((error as { reason?: string }).reason ?? error) };
          resolveFirst(refusal);
          resolve(refusal);
        },
        complete: () => resolve("complete"),
      },
    );
  });
  return { first, ended };
}

beforeAll(async () => {
  t = await startTestApi({
    AUTH_RATE_LIMIT_PER_MINUTE: "1000",
    SUBMIT_RATE_LIMIT_PER_MINUTE: "1000",
    WS_MAX_SOCKETS_PER_USER: "2",
    WS_MAX_SUBSCRIPTIONS_PER_SOCKET: "3",
  });
  alice = await signUpUser(t);
  bob = await signUpUser(t);
  const slug = await createCodingQuestion(t.db, "softmax");
  // No grader runs in this file: the submissions stay QUEUED, so their subscriptions stay open.
  aliceSubmission = await submitCode(t, alice.token, slug, "export function softmax() {}");
  bobSubmission = await submitCode(t, bob.token, slug, "export function softmax() {}");
});
afterAll(async () => {
  await Promise.all(clients.map((opened) => opened.dispose()));
  await t.close();
});

describe("an anonymous socket", () => {
  it("runs as one user at a time: another user's operation waits until the first one's complete", async () => {
    const socket = client(null);
    const asAlice = startAs(socket, alice.token, FOLLOW, { id: aliceSubmission });
    expect(await asAlice.first).toMatchObject({ data: { submissionUpdated: { status: "QUEUED" } } });
    const asBob = startAs(socket, bob.token, FOLLOW, { id: bobSubmission });
    expect(await asBob.ended).toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/another user/) });
    await socket.dispose();
  });

  it("counts against the socket cap of the user it runs as", async () => {
    const user = await signUpUser(t);
    const own = [client(user.token, { eager: true }), client(user.token, { eager: true })];
    for (const socket of own) await runOverWs(socket, "{ __typename }");
    // The explorer's kind of socket: no token of its own, the user's bearer header on the operation.
    const third = client(null);
    const outcome = await startAs(third, user.token, "{ me { handle } }", {}).ended;
    expect(outcome).toMatchObject({ message: expect.stringMatching(/At most 2 open sockets per user/) });
  });

  it("does not let anonymous sockets of an address lock that address's signed-in users out", async () => {
    const anonymous = [client(null, { eager: true }), client(null, { eager: true })];
    for (const socket of anonymous) {
      expect((await runOverWs(socket, "{ __typename }")).results).toEqual([{ data: { __typename: "Query" } }]);
    }
    // The address's anonymous cap is reached: one more anonymous socket is refused once it runs something.
    const more = await runOverWs(client(null), "{ __typename }");
    expect(more.closeCode).toBe(4403);
    const explorer = client(null);
    const me = await startAs(explorer, alice.token, "{ me { handle } }", {}).first;
    expect(me).toEqual({ data: { me: { handle: alice.handle } } });
  });

  it("changes hands when nothing runs on it (the explorer's Headers tab switched users)", async () => {
    const socket = client(null);
    expect(await startAs(socket, alice.token, "{ me { handle } }", {}).first).toEqual({
      data: { me: { handle: alice.handle } },
    });
    expect(await startAs(socket, bob.token, "{ me { handle } }", {}).first).toEqual({
      data: { me: { handle: bob.handle } },
    });
  });
});

describe("logOut", () => {
  it.each([
    ["the socket's token", "socket"],
    ["the operation's bearer header", "operation"],
  ])("ends a subscription running under %s, with UNAUTHENTICATED", async (_name, where) => {
    const user = await signUpUser(t);
    const slug = await createCodingQuestion(t.db, "softmax");
    const id = await submitCode(t, user.token, slug, "export function softmax() {}");
    const socket = where === "socket" ? client(user.token) : client(null);
    const live = startAs(socket, where === "socket" ? null : user.token, FOLLOW, { id });
    expect(await live.first).toMatchObject({ data: { submissionUpdated: { status: "QUEUED" } } });
    const loggedOut = await t.gql<{ logOut: boolean }>("mutation { logOut }", {}, user.token);
    expect(loggedOut.data?.logOut).toBe(true);
    let timer: NodeJS.Timeout | undefined;
    const ended = await Promise.race([
      live.ended,
      new Promise((resolve) => {
        timer = setTimeout(() => resolve("still streaming after 10 s"), 10_000);
      }),
    ]).finally(() => clearTimeout(timer));
    expect(ended).toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringMatching(/revoked/) });
  });
});

describe("the anonymous rate limit over WebSocket", () => {
  it("answers RATE_LIMITED with retryAfterSeconds on that operation and keeps the socket open", async () => {
    const limited = await startTestApi({ ANON_RATE_LIMIT_PER_MINUTE: "2" });
    const socket = wsClient(limited);
    try {
      const outcomes = [];
      for (let i = 0; i < 3; i++) outcomes.push(await runOverWs(socket, "{ __typename }"));
      expect(outcomes.slice(0, 2).map((outcome) => outcome.results)).toEqual([
        [{ data: { __typename: "Query" } }],
        [{ data: { __typename: "Query" } }],
      ]);
      const refused = outcomes[2];
      expect(refused?.closeCode).toBeUndefined();
      expect(refused?.errors?.[0]).toMatchObject({
        message: expect.stringMatching(/retry in \d+ s/),
        extensions: { code: "RATE_LIMITED", retryAfterSeconds: expect.any(Number) },
      });
    } finally {
      await socket.dispose();
      await limited.close();
    }
  });
});
