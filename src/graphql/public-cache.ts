import type { ApolloServerPlugin, GraphQLResponse } from "@apollo/server";
import { HeaderMap } from "@apollo/server";
import type { FormattedExecutionResult } from "graphql";
import { LRUCache } from "lru-cache";

export type PublicResponseCache<TContext extends CacheableContext> = ApolloServerPlugin<TContext> & {
  /** Drops every entry (after a content change made through this process). */
  clear(): void;
  /** What the cache holds now (entries and bytes of serialized responses). */
  stats(): { entries: number; bytes: number };
};

/** An anonymous response depends on the request's locale too (Accept-Language): it is part of the key. */
type CacheableContext = { user: unknown; locale: string };

export type PublicCacheOptions = {
  ttlMs: number;
  /** The most the stored responses may weigh together. */
  maxBytes: number;
};

// Only small requests are cached: a key is the query's hash plus its operation name and variables, and a
// client varying a big document or big variables would otherwise fill the cache with keys nobody reuses.
const MAX_CACHED_QUERY_CHARS = 4096;
const MAX_CACHED_VARIABLES_CHARS = 1024;
// One response may take at most this share of the cache, so one huge page cannot evict everything.
const MAX_ENTRY_SHARE = 16;

/**
 * Micro-cache for anonymous queries. An anonymous response depends only on the operation, its variables
 * and published content, so the hottest path of the platform (logged-out visitors and crawlers listing
 * problems) can be served from memory for `ttlMs`. Signed-in requests, mutations and responses with
 * errors are never cached. Content changes clear it in this process; other processes see them within ttlMs.
 *
 * Bounded in bytes, not entries (300 distinct anonymous queries once added 261 MB): responses are stored
 * serialized and weighed at two bytes per character (V8's most for a string); the least recently used go
 * first, and expired entries are removed by their own timer, not only when read.
 */
export function publicResponseCache<TContext extends CacheableContext>(
  options: PublicCacheOptions,
): PublicResponseCache<TContext> {
  const entries = new LRUCache<string, string>({
    maxSize: options.maxBytes,
    maxEntrySize: Math.max(1, Math.floor(options.maxBytes / MAX_ENTRY_SHARE)),
    sizeCalculation: (serialized, key) => 2 * (serialized.length + key.length),
    ttl: Math.max(1, options.ttlMs),
    ttlAutopurge: true,
  });
  const keyOf = (
    locale: string,
    queryHash: string,
    operationName: string | null | undefined,
    variables: unknown,
  ): string | null => {
    const variablesJson = JSON.stringify(variables ?? {});
    if (variablesJson.length > MAX_CACHED_VARIABLES_CHARS) return null;
    return `${locale}:${queryHash}:${operationName ?? ""}:${variablesJson}`;
  };
  const cacheable = (query: string | undefined) => query !== undefined && query.length <= MAX_CACHED_QUERY_CHARS;

  return {
    clear() {
      entries.clear();
    },
    stats() {
      return { entries: entries.size, bytes: entries.calculatedSize };
    },
    async requestDidStart() {
      if (options.ttlMs <= 0) return;
      return {
        async responseForOperation({ contextValue, operation, queryHash, request }) {
          if (contextValue.user || operation.operation !== "query" || !queryHash || !cacheable(request.query))
            return null;
          const key = keyOf(contextValue.locale, queryHash, request.operationName, request.variables);
          const serialized = key === null ? undefined : entries.get(key);
          if (serialized === undefined) return null;
          const response: GraphQLResponse = {
            http: { headers: new HeaderMap([["x-cache", "hit"]]) },
            body: { kind: "single", singleResult: JSON.parse(serialized) as FormattedExecutionResult },
          };
          return response;
        },
        async willSendResponse({ contextValue, operation, queryHash, request, response }) {
          if (contextValue.user || operation?.operation !== "query" || !queryHash || response.body.kind !== "single")
            return;
          if (!cacheable(request.query)) return;
          const result = response.body.singleResult;
          if (result.errors?.length || response.http.headers.get("x-cache") === "hit") return;
          const key = keyOf(contextValue.locale, queryHash, request.operationName, request.variables);
          if (key !== null) entries.set(key, JSON.stringify(result));
        },
      };
    },
  };
}
