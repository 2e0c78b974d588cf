import type { GraphQLFormattedError } from "graphql";
import { type Client, createClient } from "graphql-ws";
import WebSocket from "ws";
import type { TestApi } from "./api.ts";

export type WsOutcome<T> = {
  /** The `next` payloads, in order. */
  results: { data?: T | null; errors?: readonly GraphQLFormattedError[] }[];
  /** The operation's `error` message (validation, refusal), when one came. */
  errors?: readonly GraphQLFormattedError[];
  /** The socket's close code, when the socket closed under the operation. */
  closeCode?: number;
  closeReason?: string;
};

/**
 * A real graphql-ws client on the test API; `token` goes in the connection parameters. An eager client
 * connects at once and stays open without operations; a lazy one connects for its first operation. The
 * connection request says Accept-Language: en unless `acceptLanguage` says otherwise (null: no header), as the
 * HTTP helper does.
 */
export function wsClient(
  testApi: TestApi,
  token?: string | null,
  options: { eager?: boolean; acceptLanguage?: string | null } = {},
): Client {
  const acceptLanguage = options.acceptLanguage === undefined ? "en" : options.acceptLanguage;
  const headers: Record<string, string> = acceptLanguage === null ? {} : { "accept-language": acceptLanguage };
  class WebSocketWithHeaders extends WebSocket {
    constructor(url: string, protocols?: string | string[]) {
      super(url, protocols, { headers });
    }
  }
  return createClient({
    url: testApi.api.url.replace(/^http/, "ws"),
    webSocketImpl: WebSocketWithHeaders,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    lazy: !options.eager,
    // An eager client's refused connection is what the tests look at (its `closed` event), not a failure.
    onNonLazyError: () => {},
  });
}

function isCloseEvent(value: unknown): value is { code: number; reason: string } {
  return typeof value === "object" && value !== null && "code" in value && typeof value.code === "number";
}

/**
 * Runs one operation to its end (complete, error message or closed socket), or until `stopAfter` results
 * came (a subscription that goes on), and says how it ended.
 */
export function runOverWs<T = Record<string, unknown>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
  stopAfter = Number.POSITIVE_INFINITY,
): Promise<WsOutcome<T>> {
  const outcome: WsOutcome<T> = { results: [] };
  return new Promise((resolve) => {
    const unsubscribe = client.subscribe<T>(
      { query, variables },
      {
        next: (result) => {
          outcome.results.push(result);
          if (outcome.results.length >= stopAfter) {
            unsubscribe();
            resolve(outcome);
          }
        },
        error: (error: unknown) => {
          if (isCloseEvent(error)) {
            outcome.closeCode = error.code;
            outcome.closeReason = error.reason;
          } else if (Array.isArray(error)) outcome.errors = error as GraphQLFormattedError[];
          else outcome.errors = [{ message: String(error) }];
          resolve(outcome);
        },
        complete: () => resolve(outcome),
      },
    );
  });
}
