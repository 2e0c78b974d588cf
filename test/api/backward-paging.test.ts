import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { Topic } from "../../src/generated/prisma/client.ts";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { createQuestion, createTopic } from "../helpers/fixtures.ts";

const PAGE = /* GraphQL */ `
  query Page($filter: QuestionFilter, $first: Int, $after: String, $last: Int, $before: String) {
    questions(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { slug } }
    }
  }
`;

type Connection = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: { cursor: string; node: { slug: string } }[];
};

let t: TestApi;
let topic: string;
let topicRow: Topic;
const slugs: string[] = [];

beforeAll(async () => {
  t = await startTestApi();
  topicRow = await createTopic(t.db, "backward");
  topic = topicRow.slug;
  // 11 questions, the first 4 created at the same instant so the id tie-break decides their order.
  const sameInstant = new Date("2026-02-01T00:00:00Z");
  for (let i = 0; i < 11; i++) {
    const question = await createQuestion(t.db, "backward", {
      topics: [topicRow],
      createdAt: i < 4 ? sameInstant : undefined,
    });
    slugs.push(question.slug);
  }
});
afterAll(async () => {
  await t.close();
});

async function page(args: Record<string, unknown>): Promise<Connection> {
  const result = await t.gql<{ questions: Connection }>(PAGE, { filter: { topic }, ...args });
  expect(result.errors).toBeUndefined();
  return (result.data as { questions: Connection }).questions;
}

describe("backward pagination (last/before)", () => {
  it("walks from the end to the start, seeing every item once, in the same order as forward", async () => {
    const forward: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const connection: Connection = await page({ first: 4, after });
      forward.push(...connection.edges.map((edge) => edge.node.slug));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(forward).toHaveLength(11);

    const pages: string[][] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const connection: Connection = await page({ last: 4, before });
      expect(connection.totalCount).toBe(11);
      pages.unshift(connection.edges.map((edge) => edge.node.slug));
      if (!connection.pageInfo.hasPreviousPage) break;
      before = connection.pageInfo.startCursor;
    }
    expect(pages.map((slice) => slice.length)).toEqual([3, 4, 4]);
    expect(pages.flat()).toEqual(forward);
    expect(new Set(forward)).toEqual(new Set(slugs));
  });

  it("reports the pages on both sides of a window and its start and end cursors", async () => {
    const last = await page({ last: 3 });
    expect(last.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: false });
    expect(last.pageInfo.startCursor).toBe(last.edges[0]?.cursor);
    expect(last.pageInfo.endCursor).toBe(last.edges[2]?.cursor);

    const before = await page({ last: 2, before: last.pageInfo.startCursor });
    expect(before.pageInfo).toMatchObject({ hasPreviousPage: true, hasNextPage: true });
    const afterAgain = await page({ first: 2, after: before.pageInfo.endCursor });
    expect(afterAgain.edges[0]?.node.slug).toBe(last.edges[0]?.node.slug);
    expect(afterAgain.pageInfo.hasPreviousPage).toBe(true);

    const all = await page({ last: 100 });
    expect(all.edges).toHaveLength(11);
    expect(all.pageInfo).toMatchObject({ hasPreviousPage: false, hasNextPage: false });
  });

  it("takes both cursors as the bounds of one window", async () => {
    const all = await page({ first: 11 });
    const between = await page({ first: 10, after: all.edges[2]?.cursor, before: all.edges[7]?.cursor });
    expect(between.edges.map((edge) => edge.node.slug)).toEqual(all.edges.slice(3, 7).map((edge) => edge.node.slug));
    const lastBetween = await page({ last: 2, after: all.edges[2]?.cursor, before: all.edges[7]?.cursor });
    expect(lastBetween.edges.map((edge) => edge.node.slug)).toEqual(
      all.edges.slice(5, 7).map((edge) => edge.node.slug),
    );
    expect(lastBetween.pageInfo.hasPreviousPage).toBe(true);
  });

  it("refuses first with last, a bad before cursor, and last out of range, naming the argument", async () => {
    const both = await t.gql(PAGE, { filter: { topic }, first: 2, last: 2 });
    expect(both.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(both.errors?.[0]?.message).toMatch(/^last/);
    const badCursor = await t.gql(PAGE, { filter: { topic }, last: 2, before: "garbage" });
    expect(badCursor.errors?.[0]?.message).toMatch(/^before/);
    const tooMany = await t.gql(PAGE, { filter: { topic }, last: 1000 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(tooMany.errors?.[0]?.message).toMatch(/^last/);
  });

  it("pages mySubmissions backward too", async () => {
    const learner = await signUpUser(t);
    const result = await t.gql<{
      mySubmissions: { totalCount: number; pageInfo: { hasPreviousPage: boolean; hasNextPage: boolean } };
    }>(
      `{ mySubmissions(last: 5) { totalCount pageInfo { hasPreviousPage hasNextPage } edges { node { id } } } }`,
      {},
      learner.token,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data?.mySubmissions).toMatchObject({
      totalCount: 0,
      pageInfo: { hasPreviousPage: false, hasNextPage: false },
    });
  });
});
