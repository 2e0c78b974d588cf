import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { createQuestion, createTopic } from "../helpers/fixtures.ts";

/** The first run of a document is interpreted, later runs are compiled: both must answer the same. */
let t: TestApi;
let slug: string;

beforeAll(async () => {
  t = await startTestApi();
  const topic = await createTopic(t.db, "compiled");
  slug = (await createQuestion(t.db, "compiled", { topics: [topic], titleEn: "Compiled" })).slug;
});
afterAll(async () => {
  await t.close();
});

describe("compiled execution", () => {
  it("answers a repeated query the same on every run, aliases, variables and enums included", async () => {
    const query = `query One($slug: String!) {
      first: question(slug: $slug) { slug kind title(locale: EN) topics { name(locale: EN) } }
      again: question(slug: $slug) { difficulty status }
      missing: question(slug: "no-such-question") { slug }
    }`;
    const runs = [];
    for (let run = 0; run < 3; run++) runs.push(await t.gql(query, { slug }));
    expect(runs[0]?.errors).toBeUndefined();
    expect(runs[0]?.data).toEqual({
      first: { slug, kind: "CONCEPT", title: "Compiled", topics: [{ name: "Topic compiled" }] },
      again: { difficulty: "EASY", status: "PUBLISHED" },
      missing: null,
    });
    expect(runs[1]).toEqual(runs[0]);
    expect(runs[2]).toEqual(runs[0]);
  });

  it("answers introspection and __typename the same once compiled", async () => {
    const query = `{ __typename __type(name: "Difficulty") { kind enumValues { name } } }`;
    const runs = [];
    for (let run = 0; run < 3; run++) runs.push(await t.gql(query));
    expect(runs[0]?.data).toEqual({
      __typename: "Query",
      __type: { kind: "ENUM", enumValues: [{ name: "EASY" }, { name: "MEDIUM" }, { name: "HARD" }] },
    });
    expect(runs[2]).toEqual(runs[0]);
  });

  it("keeps the error mapping: a domain error keeps its code and path once compiled", async () => {
    const learner = await signUpUser(t);
    const query = `query Drafts { questions(filter: { questionStatus: DRAFT }) { totalCount } }`;
    const runs = [];
    for (let run = 0; run < 3; run++) runs.push(await t.gql(query, {}, learner.token));
    for (const result of runs) {
      expect(result.errors?.[0]).toMatchObject({ path: ["questions"], extensions: { code: "FORBIDDEN" } });
      expect(result.errors?.[0]?.message).toContain("questionStatus");
    }
    expect(runs[2]).toEqual(runs[0]);
  });

  it("reports bad variables the same way interpreted and compiled", async () => {
    const query = `query Page($first: Int) { questions(first: $first) { totalCount } }`;
    const runs = [];
    for (let run = 0; run < 3; run++) runs.push(await t.gql(query, { first: "twenty" }));
    expect(runs[0]?.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(runs[2]).toEqual(runs[0]);
  });
});
