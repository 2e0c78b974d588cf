import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { type FragmentDefinitionNode, getIntrospectionQuery, Kind, type OperationDefinitionNode, parse } from "graphql";
import { buildSchema } from "../../src/app/schema.ts";
import { measureOperation } from "../../src/graphql/cost.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { deleteNamespace } from "../helpers/redis-keys.ts";
import {
  fragmentBomb,
  fragmentCycle,
  manyAliases,
  manyFragments,
  repeatedSelection,
} from "./fixtures/hostile-documents.ts";

const LIMITS = { maxDepth: 10, maxCost: 5000, maxAliases: 30 };

function measure(query: string) {
  const document = parse(query);
  const fragments = new Map<string, FragmentDefinitionNode>();
  let operation: OperationDefinitionNode | undefined;
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operation ??= definition;
  }
  if (!operation) throw new Error("no operation");
  return measureOperation(buildSchema(), operation, fragments, LIMITS);
}

describe("the cost estimator's own work", () => {
  it("measures each fragment once: an 8-level fragment bomb takes a few dozen visits, not 10^8", () => {
    const bomb = measure(fragmentBomb(8));
    expect(bomb.exceeded).toBe("cost");
    // 8 fragments of 11 selections each, plus the operation's one: each visited at most once.
    expect(bomb.visits).toBeLessThanOrEqual(8 * 11 + 1);
    // 30 levels: the same work per level.
    expect(measure(fragmentBomb(30)).visits).toBeLessThanOrEqual(30 * 11 + 1);
  });

  it("stops at the first limit passed", () => {
    const aliases = measure(manyAliases(2000));
    expect(aliases.exceeded).toBe("aliases");
    // Each alias is a field and its one sub-selection.
    expect(aliases.visits).toBeLessThanOrEqual(2 * (LIMITS.maxAliases + 1));
    expect(measure(fragmentCycle(5)).exceeded).toBe("cycle");
  });

  it("weighs a database round trip or a text scan above a scalar", () => {
    const scalar = measure(`{ topics { slug } }`).cost;
    const textScan = measure(`{ checkConceptAnswer(slug: "x", answer: "y") { coverage } }`).cost;
    const aggregation = measure(`{ leaderboard(period: WEEK, first: 1) { rank } }`).cost;
    expect(textScan).toBeGreaterThan(10 * scalar);
    expect(aggregation).toBeGreaterThan(10 * scalar);
    // A list's declared default page size counts when no `first` is given (leaderboard: 20).
    expect(measure(`{ leaderboard(period: WEEK) { rank } }`).cost).toBeGreaterThan(aggregation);
  });
});

describe("hostile documents through the API", () => {
  let t: TestApi;
  beforeAll(async () => {
    t = await startTestApi();
  });
  afterAll(async () => {
    await deleteNamespace(t.config.REDIS_URL, t.config.REDIS_PREFIX);
    await t.close();
  });

  it("validates a 10-level fragment bomb in a separate process that answers (the old estimator took hours)", () => {
    // A child process, so a stall fails this test at the deadline instead of blocking the test runner.
    const script = fileURLToPath(new URL("./fixtures/validate-document.ts", import.meta.url));
    const output = execFileSync(process.execPath, [script], {
      input: fragmentBomb(10),
      timeout: 60_000,
      encoding: "utf8",
    });
    expect(JSON.parse(output)).toEqual([expect.stringMatching(/too costly/)]);
  });

  it.each([
    ["an 8-level fragment bomb", fragmentBomb(8), /too costly/],
    ["a fragment cycle", fragmentCycle(20), /cycle/],
    ["31 aliases", manyAliases(31), /too many aliases/],
    ["one field repeated 11 times", repeatedSelection(11, 0), /repeats a field/],
    ["31 fragments", manyFragments(31), /too many fragments/],
    ["2,400 leaderboard aliases", manyAliases(2400, "leaderboard(period: WEEK) { rank }"), /Syntax Error|aliases/],
  ])("refuses %s with BAD_USER_INPUT before anything runs", async (_name, query, message) => {
    const result = await t.gql(query);
    expect(result.status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(result.errors?.[0]?.message).toMatch(message);
  });

  it("accepts GraphiQL's own introspection query, whose fragments are spread only under __schema", async () => {
    const query = getIntrospectionQuery({ descriptions: true, directiveIsRepeatable: true });
    const result = await t.gql<{ __schema: { types: { name: string }[] } }>(query);
    expect(result.errors).toBeUndefined();
    expect(result.data?.__schema.types.map((type) => type.name)).toContain("Question");
    const small = await t.gql(`query { __schema { types { ...A } } } fragment A on __Type { name }`);
    expect(small.status).toBe(200);
    expect(small.errors).toBeUndefined();
    // A fragment nothing spreads is still refused.
    const unused = await t.gql(`query { __schema { queryType { name } } } fragment A on __Type { name }`);
    expect(unused.errors?.[0]?.message).toMatch(/no operation uses/);
  });

  it("runs a document within the limits (30 aliases, 30 fragments)", async () => {
    const aliases = await t.gql<Record<string, { slug: string }[]>>(manyAliases(30));
    expect(aliases.errors).toBeUndefined();
    expect(Object.keys(aliases.data ?? {})).toHaveLength(30);
    const fragments = await t.gql(manyFragments(30));
    expect(fragments.errors).toBeUndefined();
  });

  it("prices fields by weight: six text scans cost more than the limit allows, six scalar lists do not", async () => {
    // signUp hashes a password and is priced 500: this limit lets it through.
    const limited = await startTestApi({ MAX_QUERY_COST: "520" });
    try {
      const learner = await signUpUser(limited);
      const cheap = await limited.gql(manyAliases(6));
      expect(cheap.errors).toBeUndefined();
      const scans = await limited.gql(
        manyAliases(6, `checkConceptAnswer(slug: "x", answer: "y") { coverage }`),
        {},
        learner.token,
      );
      expect(scans.errors?.[0]?.message).toMatch(/too costly/);
    } finally {
      await deleteNamespace(limited.config.REDIS_URL, limited.config.REDIS_PREFIX);
      await limited.close();
    }
  });
});

describe("anonymous clients", () => {
  it("are limited per IP (429, RATE_LIMITED, Retry-After); a signed-in client is not", async () => {
    const limited = await startTestApi({ ANON_RATE_LIMIT_PER_MINUTE: "3", AUTH_RATE_LIMIT_PER_MINUTE: "100" });
    try {
      const learner = await signUpUser(limited); // the first anonymous request
      const codes: (string | undefined)[] = [];
      for (let i = 0; i < 3; i++) codes.push((await limited.gql(`{ topics { slug } }`)).errors?.[0]?.extensions?.code);
      expect(codes).toEqual([undefined, undefined, "RATE_LIMITED"]);
      const refused = await fetch(limited.api.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ topics { slug } }" }),
      });
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      const signedIn = await limited.gql(`{ topics { slug } }`, {}, learner.token);
      expect(signedIn.errors).toBeUndefined();
    } finally {
      await deleteNamespace(limited.config.REDIS_URL, limited.config.REDIS_PREFIX);
      await limited.close();
    }
  });
});
