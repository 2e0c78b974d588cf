import { ApolloServer } from "@apollo/server";
import { describe, expect, it } from "@jest/globals";
import { publicResponseCache } from "../../src/graphql/public-cache.ts";

// A real Apollo Server with the micro-cache plugin and a schema whose responses have a chosen size.
const typeDefs = /* GraphQL */ `
  type Query {
    text(bytes: Int!, tag: Int): String!
  }
`;
const resolvers = { Query: { text: (_: unknown, args: { bytes: number }) => "x".repeat(args.bytes) } };
type Context = { user: unknown; locale: string };

async function withServer(
  options: { ttlMs: number; maxBytes: number },
  run: (
    ask: (query: string, variables?: Record<string, unknown>, locale?: string) => Promise<boolean>,
    cache: ReturnType<typeof publicResponseCache<Context>>,
  ) => Promise<void>,
): Promise<void> {
  const cache = publicResponseCache<Context>(options);
  const server = new ApolloServer<Context>({ typeDefs, resolvers, plugins: [cache] });
  await server.start();
  try {
    // Resolves to whether the answer came from the cache.
    const ask = async (query: string, variables?: Record<string, unknown>, locale = "ZH") => {
      const anonymous = { contextValue: { user: null, locale } as Context };
      const response = await server.executeOperation({ query, variables }, anonymous);
      return response.http.headers.get("x-cache") === "hit";
    };
    await run(ask, cache);
  } finally {
    await server.stop();
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the anonymous response micro-cache", () => {
  it("keeps one entry per locale: an English reader never gets the Chinese response", async () => {
    await withServer({ ttlMs: 60_000, maxBytes: 64 * 1024 }, async (ask) => {
      const query = `{ text(bytes: 10) }`;
      expect(await ask(query, undefined, "ZH")).toBe(false);
      expect(await ask(query, undefined, "EN")).toBe(false);
      expect(await ask(query, undefined, "EN")).toBe(true);
      expect(await ask(query, undefined, "ZH")).toBe(true);
    });
  });

  it("is bounded in bytes: big responses push the oldest out", async () => {
    await withServer({ ttlMs: 60_000, maxBytes: 64 * 1024 }, async (ask, cache) => {
      const first = `query($tag: Int) { text(bytes: 1000, tag: $tag) }`;
      expect(await ask(first, { tag: 0 })).toBe(false);
      expect(await ask(first, { tag: 0 })).toBe(true);
      // 40 responses of 1 KB, weighed at 2 bytes a character: more than 64 KiB together.
      for (let tag = 1; tag <= 40; tag++) await ask(first, { tag });
      expect(cache.stats().bytes).toBeLessThanOrEqual(64 * 1024);
      expect(await ask(first, { tag: 0 })).toBe(false);
      // A response over a 16th of the cache is never stored.
      const huge = `{ text(bytes: 5000) }`;
      await ask(huge);
      expect(await ask(huge)).toBe(false);
    });
  });

  it("sweeps expired entries without waiting for them to be read", async () => {
    await withServer({ ttlMs: 50, maxBytes: 1024 * 1024 }, async (ask, cache) => {
      for (let tag = 0; tag < 20; tag++) await ask(`query($tag: Int) { text(bytes: 10, tag: $tag) }`, { tag });
      expect(cache.stats().entries).toBe(20);
      for (let attempt = 0; attempt < 100 && cache.stats().entries > 0; attempt++) await sleep(20);
      expect(cache.stats()).toEqual({ entries: 0, bytes: 0 });
    });
  });

  it("caches only small requests, so variations of big documents or variables cannot fill it", async () => {
    await withServer({ ttlMs: 60_000, maxBytes: 1024 * 1024 }, async (ask, cache) => {
      const padded = `{ text(bytes: 10) }\n${"#".repeat(5000)}`;
      await ask(padded);
      expect(await ask(padded)).toBe(false);
      const bigVariables = { tag: 1, pad: "y".repeat(2000) };
      const query = `query($tag: Int) { text(bytes: 10, tag: $tag) }`;
      await ask(query, bigVariables);
      expect(await ask(query, bigVariables)).toBe(false);
      expect(cache.stats().entries).toBe(0);
    });
  });
});
