import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { createQuestion, createTopic } from "../helpers/fixtures.ts";

const LIST = /* GraphQL */ `
  query List($filter: QuestionFilter, $first: Int, $after: String) {
    questions(filter: $filter, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { cursor node { slug kind difficulty title topics { slug name } } }
    }
  }
`;

type Page = {
  questions: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: {
      cursor: string;
      node: { slug: string; kind: string; difficulty: string; title: string; topics: { slug: string }[] };
    }[];
  };
};

let t: TestApi;
let topic: string;
let otherTopic: string;
const marker = uniqueSuffix();
const queries: string[] = [];

beforeAll(async () => {
  t = await startTestApi({ AUTH_RATE_LIMIT_PER_MINUTE: "1000" }, { logQueries: true });
  t.db.$on("query", (event) => queries.push(event.query));
  const pagingTopic = await createTopic(t.db, "paging");
  const other = await createTopic(t.db, "other");
  topic = pagingTopic.slug;
  otherTopic = other.slug;
  // 23 published questions in one topic, with identical timestamps for some to exercise the id tie-break.
  const sameInstant = new Date("2026-01-01T00:00:00Z");
  for (let i = 0; i < 23; i++) {
    await createQuestion(t.db, "paging", {
      slug: `paging-${marker}-${String(i).padStart(2, "0")}`,
      kind: i % 3 === 0 ? "CODING" : "CONCEPT",
      difficulty: (["EASY", "MEDIUM", "HARD"] as const)[i % 3],
      topics: i % 2 === 0 ? [pagingTopic, other] : [pagingTopic],
      createdAt: i < 8 ? sameInstant : undefined,
      titleEn: i === 5 ? `Quantization of weights ${marker}` : `Paging ${i}`,
      titleZh: i === 7 ? `矩阵乘法的分块优化 ${marker}` : `分页 ${i}`,
    });
  }
  await createQuestion(t.db, "draft", { slug: `draft-${marker}`, status: "DRAFT", topics: [pagingTopic] });
});
afterAll(async () => {
  await t.close();
});

async function allPages(filter: Record<string, unknown>, first: number, token?: string) {
  const slugs: string[] = [];
  let after: string | null = null;
  let totalCount = -1;
  for (let guard = 0; guard < 50; guard++) {
    const page: { data?: Page | null; errors?: unknown } = await t.gql<Page>(LIST, { filter, first, after }, token);
    expect(page.errors).toBeUndefined();
    const connection = (page.data as Page).questions;
    totalCount = connection.totalCount;
    slugs.push(...connection.edges.map((edge) => edge.node.slug));
    if (!connection.pageInfo.hasNextPage) break;
    after = connection.pageInfo.endCursor;
  }
  return { slugs, totalCount };
}

describe("questions connection", () => {
  it("pages without repeating or skipping an item, with the right totalCount", async () => {
    for (const size of [1, 5, 7, 20, 100]) {
      const { slugs, totalCount } = await allPages({ topic }, size);
      expect(totalCount).toBe(23);
      expect(slugs).toHaveLength(23);
      expect(new Set(slugs).size).toBe(23);
    }
  });

  it("filters by kind, difficulty and topic", async () => {
    const coding = await allPages({ topic, kind: "CODING" }, 5);
    expect(coding.totalCount).toBe(8);
    const hard = await allPages({ topic, difficulty: "HARD" }, 5);
    expect(hard.totalCount).toBe(7);
    const combined = await allPages({ topic: otherTopic, kind: "CODING", difficulty: "EASY" }, 50);
    // i ≡ 0 (mod 6): 0, 6, 12, 18
    expect(combined.slugs.sort()).toEqual([0, 6, 12, 18].map((i) => `paging-${marker}-${String(i).padStart(2, "0")}`));
  });

  it("searches Chinese and English text", async () => {
    const zh = await allPages({ topic, search: "矩阵" }, 20);
    expect(zh.slugs).toEqual([`paging-${marker}-07`]);
    const en = await allPages({ topic, search: "QUANTIZATION" }, 20);
    expect(en.slugs).toEqual([`paging-${marker}-05`]);
    const both = await allPages({ search: `quantization ${marker}` }, 20);
    expect(both.slugs).toEqual([`paging-${marker}-05`]);
    const none = await allPages({ topic, search: "量化 matrix" }, 20);
    expect(none.totalCount).toBe(0);
  });

  it("filters by the learner's progress status, which needs a token", async () => {
    const learner = await signUpUser(t);
    const solved = await t.db.question.findUniqueOrThrow({ where: { slug: `paging-${marker}-03` } });
    await t.db.progress.create({ data: { userId: learner.id, questionId: solved.id, status: "SOLVED", attempts: 1 } });
    const solvedPage = await allPages({ topic, status: "SOLVED" }, 10, learner.token);
    expect(solvedPage.slugs).toEqual([`paging-${marker}-03`]);
    const notStarted = await allPages({ topic, status: "NOT_STARTED" }, 10, learner.token);
    expect(notStarted.totalCount).toBe(22);
    const anonymous = await t.gql(LIST, { filter: { topic, status: "SOLVED" } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });

  it("hides unpublished questions from anonymous users and learners, not from admins", async () => {
    const learner = await signUpUser(t);
    const admin = await signUpUser(t, { role: "ADMIN" });
    const one = `query($slug: String!) { question(slug: $slug) { slug status } }`;
    expect((await t.gql<{ question: null }>(one, { slug: `draft-${marker}` })).data?.question).toBeNull();
    expect(
      (await t.gql<{ question: null }>(one, { slug: `draft-${marker}` }, learner.token)).data?.question,
    ).toBeNull();
    expect(
      (await t.gql<{ question: { status: string } }>(one, { slug: `draft-${marker}` }, admin.token)).data?.question
        .status,
    ).toBe("DRAFT");
    const drafts = await t.gql(LIST, { filter: { topic, questionStatus: "DRAFT" } }, learner.token);
    expect(drafts.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    const adminDrafts = await allPages({ topic, questionStatus: "DRAFT" }, 10, admin.token);
    expect(adminDrafts.slugs).toEqual([`draft-${marker}`]);
  });

  it("rejects a bad cursor and a page size out of range with BAD_USER_INPUT naming the field", async () => {
    const cursor = await t.gql(LIST, { filter: { topic }, first: 5, after: "garbage" });
    expect(cursor.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(cursor.errors?.[0]?.message).toMatch(/^after/);
    const tooMany = await t.gql(LIST, { filter: { topic }, first: 1000 });
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(tooMany.errors?.[0]?.message).toMatch(/^first/);
  });

  it("loads a 20-question page with topics in a bounded number of SQL statements", async () => {
    await t.gql(LIST, { filter: { topic }, first: 20 }); // warm-up
    queries.length = 0;
    const page = await t.gql<Page>(LIST, { filter: { topic }, first: 20 });
    expect(page.data?.questions.edges).toHaveLength(20);
    expect(page.data?.questions.edges.every((edge) => edge.node.topics.length >= 1)).toBe(true);
    // the page (topics joined in) and the count; never one per question
    expect(queries.length).toBe(2);
  });
});

describe("limits and errors", () => {
  it("refuses a too-deep query before running it", async () => {
    const deep = `{ questions { edges { node { topics { name } codingProblem { samples { name } } } } } }`;
    const ok = await t.gql(deep);
    expect(ok.errors).toBeUndefined();
    const limited = await startTestApi({ MAX_QUERY_DEPTH: "3" });
    try {
      const tooDeep = await limited.gql(`{ questions { edges { node { topics { slug } } } } }`);
      expect(tooDeep.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(tooDeep.errors?.[0]?.message).toMatch(/too deep/);
    } finally {
      await limited.close();
    }
  });

  it("refuses a too-costly query", async () => {
    const costly = `{ questions(first: 100) { edges { node { topics { slug name nameZh nameEn questionCount } } } } }`;
    const limited = await startTestApi({ MAX_QUERY_COST: "200" });
    try {
      const result = await limited.gql(costly);
      expect(result.errors?.[0]?.message).toMatch(/too costly/);
    } finally {
      await limited.close();
    }
  });

  it("rejects a body over the size limit", async () => {
    const response = await fetch(t.api.url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `{ topics { slug } }`, variables: { pad: "x".repeat(300 * 1024) } }),
    });
    expect(response.status).toBe(413);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]?.extensions.code).toBe("BAD_USER_INPUT");
  });

  it("turns introspection off in production", async () => {
    const production = await startTestApi({ NODE_ENV: "production" });
    try {
      const result = await production.gql(`{ __schema { types { name } } }`);
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    } finally {
      await production.close();
    }
    const development = await t.gql(`{ __schema { queryType { name } } }`);
    expect(development.errors).toBeUndefined();
  });

  it("answers health and readiness", async () => {
    const base = t.api.url.replace(/\/graphql$/, "");
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ postgres: "ok", redis: "ok" });
  });

  it("serves a site icon, so the explorer's request for /favicon.ico is not a 404", async () => {
    const response = await fetch(`${t.api.url.replace(/\/graphql$/, "")}/favicon.ico`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/x-icon");
    const icon = Buffer.from(await response.arrayBuffer());
    // ICONDIR: reserved 0, type 1 (icon), one image of 16×16 at 32 bits per pixel, its bytes all present.
    expect([icon.readUInt16LE(0), icon.readUInt16LE(2), icon.readUInt16LE(4)]).toEqual([0, 1, 1]);
    expect([icon[6], icon[7], icon.readUInt16LE(12)]).toEqual([16, 16, 32]);
    expect(icon.readUInt32LE(18) + icon.readUInt32LE(14)).toBe(icon.length);
  });
});
