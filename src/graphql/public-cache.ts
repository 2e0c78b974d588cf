import type { ApolloServerPlugin, GraphQLResponse } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import type { FormattedExecutionResult } from "graphql";

type Entry = { storedAt: number; result: FormattedExecutionResult };

export type PublicResponseCache<TContext extends { user: unknown }> = ApolloServerPlugin<TContext> & {
  /** Drops every entry (after a content change made through this process). */
  clear(): void;
};

/**
 * Micro-cache for anonymous queries. An anonymous response depends only on the operation, its variables
 * and published content, so the hottest path of the platform (logged-out visitors and crawlers listing
 * problems) can be served from memory for `ttlMs`. Signed-in requests, mutations and responses with
 * errors are never cached. Content changes clear it in this process; other processes see them within ttlMs.
 */
export function publicResponseCache<TContext extends { user: unknown }>(
  ttlMs: number,
  maxEntries = 2000,
): PublicResponseCache<TContext> {
  const entries = new Map<string, Entry>();
  const keyOf = (queryHash: string, operationName: string | null | undefined, variables: unknown) =>
    `${queryHash}:${operationName ?? ""}:${JSON.stringify(variables ?? {})}`;

  return {
    clear() {
      entries.clear();
    },
    async requestDidStart() {
      if (ttlMs <= 0) return;
      return {
        async responseForOperation({ contextValue, operation, queryHash, request }) {
          if (contextValue.user || operation.operation !== "query" || !queryHash) return null;
          const key = keyOf(queryHash, request.operationName, request.variables);
          const entry = entries.get(key);
          if (!entry) return null;
          if (Date.now() - entry.storedAt > ttlMs) {
            entries.delete(key);
            return null;
          }
          const response: GraphQLResponse = {
            http: { headers: new HeaderMap([["x-cache", "hit"]]) },
            body: { kind: "single", singleResult: entry.result },
          };
          return response;
        },
        async willSendResponse({ contextValue, operation, queryHash, request, response }) {
          if (contextValue.user || operation?.operation !== "query" || !queryHash || response.body.kind !== "single")
            return;
          const result = response.body.singleResult;
          if (result.errors?.length || response.http.headers.get("x-cache") === "hit") return;
          if (entries.size >= maxEntries) entries.delete(entries.keys().next().value as string);
          entries.set(keyOf(queryHash, request.operationName, request.variables), { storedAt: Date.now(), result });
        },
      };
    },
  };
}
