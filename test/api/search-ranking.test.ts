import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { CONTENT_DIR, PROBLEMS_DIR } from "../../seed/load-content.ts";
import { runSeed } from "../../seed/run-seed.ts";
import { Prisma } from "../../src/generated/prisma/client.ts";
import {
  type SearchSql,
  searchTerms,
  textScanSearchSql,
  wordIndexSearchSql,
} from "../../src/modules/questions/search.ts";
import { startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { createQuestion } from "../helpers/fixtures.ts";
import { createScratchDatabase, type ScratchDatabase } from "../helpers/scratch-database.ts";

/** Ranking is checked on the real seed content, alone in a database of its own (other files add look-alikes). */
const SEARCH = /* GraphQL */ `
  query Search($search: String, $first: Int, $after: String) {
    questions(filter: { search: $search }, first: $first, after: $after) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { slug } }
    }
  }
`;

type Connection = {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: { slug: string } }[];
};

let database: ScratchDatabase;
let t: TestApi;

beforeAll(async () => {
  database = await createScratchDatabase("search");
  t = await startTestApi({ DATABASE_URL: database.url });
  const report = await runSeed({ db: t.db, dir: CONTENT_DIR, problemsDirs: [PROBLEMS_DIR] });
  expect(report.failed).toEqual([]);
  // The shipped tracks seed whole: every item they name is a shipped question.
  expect(report.tracks).toMatchObject({ failed: [], unknownItems: [] });
  expect(report.tracks.created).toEqual(
    expect.arrayContaining(["classic-deep-learning", "llm-inference-serving", "training-at-scale"]),
  );
  // A database of its own, migrated and seeded with the whole content: tens of seconds on a busy machine.
}, 180_000);
afterAll(async () => {
  await t?.close();
  await database?.drop();
});

async function page(search: string, first = 20, after: string | null = null): Promise<Connection> {
  const result = await t.gql<{ questions: Connection }>(SEARCH, { search, first, after });
  expect(result.errors).toBeUndefined();
  return (result.data as { questions: Connection }).questions;
}

async function ranked(search: string): Promise<string[]> {
  return (await page(search, 100)).edges.map((edge) => edge.node.slug);
}

describe("questions(filter: { search }) ranks by relevance", () => {
  it("矩阵 (matrix) puts a matrix-multiplication question first, not the one that names a confusion matrix", async () => {
    const slugs = await ranked("矩阵");
    expect(["matmul", "matrix-multiplication-optimization"]).toContain(slugs[0]);
    expect(slugs.indexOf("matmul")).toBeLessThan(slugs.indexOf("classification-metrics"));
    expect(slugs.indexOf("matrix-multiplication-optimization")).toBeLessThan(slugs.indexOf("classification-metrics"));
  });

  it("softmax lists the three softmax problems before questions that only mention softmax", async () => {
    const slugs = await ranked("softmax");
    expect(slugs[0]).toBe("softmax");
    expect(slugs.slice(0, 3).sort()).toEqual(["online-softmax", "softmax", "softmax-cross-entropy"]);
    expect(slugs).toEqual(expect.arrayContaining(["conv-classifier", "scaled-dot-product-attention"]));
  });

  it("过拟合 (overfitting) returns the overfitting question first", async () => {
    const slugs = await ranked("过拟合");
    expect(slugs[0]).toBe("overfitting");
    expect(slugs.length).toBeGreaterThan(1);
  });

  it("quantization (US spelling) finds quantize-int8, whose text says quantisation, at the top; so do 量化 and INT8 量化", async () => {
    // The quantisation items (the INT8 problem, the 2026 formats question) lead; the INT8 problem is among the first 3.
    const quantisationItems = ["quantize-int8", "quantization-formats-2026"];
    for (const query of ["quantization", "quantisation", "Quantize", "量化", "INT8 量化", "int8 quantization"]) {
      const slugs = await ranked(query);
      expect({
        query,
        first: quantisationItems.includes(slugs[0]),
        top3: slugs.slice(0, 3).includes("quantize-int8"),
      }).toEqual({ query, first: true, top3: true });
    }
  });

  it("English and Chinese queries for the same concept put each other's first item in their first three", async () => {
    const pairs = [
      ["overfitting", "过拟合"],
      ["matrix multiplication", "矩阵乘法"],
      ["distillation", "知识蒸馏"],
      ["early stopping", "早停"],
    ];
    for (const [english, chinese] of pairs) {
      const en = await ranked(english as string);
      const zh = await ranked(chinese as string);
      expect({ chinese, found: en.slice(0, 3).includes(zh[0]) && zh.slice(0, 3).includes(en[0]) }).toEqual({
        chinese,
        found: true,
      });
    }
  });

  it("attention and 注意力 both lead with the attention items (many items mention attention now)", async () => {
    for (const query of ["attention", "注意力"]) {
      const top = (await ranked(query)).slice(0, 6);
      expect({
        query,
        top: ["scaled-dot-product-attention", "flash-attention"].filter((slug) => top.includes(slug)),
      }).toEqual({ query, top: ["scaled-dot-product-attention", "flash-attention"] });
    }
  });

  it("finds the Training at scale items by the names an interviewer uses, in both languages", async () => {
    // query → items that must be among its first five results.
    const expected: [string, string[]][] = [
      ["ZeRO", ["zero-fsdp-memory", "zero-memory-planner"]],
      ["FSDP", ["zero-fsdp-memory"]],
      ["流水线并行", ["parallelism-layout-70b-400b"]],
      ["pipeline parallelism", ["parallelism-layout-70b-400b"]],
      ["混合精度", ["mixed-precision-training", "dynamic-loss-scaler"]],
      ["mixed precision", ["mixed-precision-training", "dynamic-loss-scaler"]],
      ["all-reduce", ["ring-allreduce", "nccl-collectives-cost"]],
      ["allreduce", ["ring-allreduce", "nccl-collectives-cost"]],
      ["集合通信", ["nccl-collectives-cost"]],
      ["激活重计算", ["activation-memory-checkpointing"]],
      ["activation checkpointing", ["activation-memory-checkpointing"]],
      ["张量并行", ["tensor-parallel-mlp"]],
      ["tensor parallelism", ["tensor-parallel-mlp"]],
      ["roofline", ["roofline", "gpu-memory-hierarchy-roofline"]],
      ["roofline 模型", ["roofline", "gpu-memory-hierarchy-roofline"]],
      ["checkpoint interval", ["checkpoint-interval"]],
      ["gang scheduling", ["gpu-cluster-scheduling"]],
    ];
    const misses: { query: string; missing: string[]; top: string[] }[] = [];
    for (const [query, items] of expected) {
      const top = (await ranked(query)).slice(0, 5);
      const missing = items.filter((slug) => !top.includes(slug));
      if (missing.length > 0) misses.push({ query, missing, top });
    }
    expect(misses).toEqual([]);
  });

  it("pages a ranked search without repeating or skipping an item", async () => {
    const all = await ranked("矩阵");
    const paged: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const connection: Connection = await page("矩阵", 3, after);
      expect(connection.totalCount).toBe(all.length);
      paged.push(...connection.edges.map((edge) => edge.node.slug));
      if (!connection.pageInfo.hasNextPage) break;
      after = connection.pageInfo.endCursor;
    }
    expect(paged).toEqual(all);
    // A page counts every match, not the rows after its cursor; an empty page beyond the last counts them too.
    const last = await page("矩阵", 3, after);
    const beyond = await page("矩阵", 3, last.pageInfo.endCursor);
    expect({ edges: beyond.edges, totalCount: beyond.totalCount }).toEqual({ edges: [], totalCount: all.length });
  });

  it("pages a ranked search backward (last/before) through the same order, and between two cursors", async () => {
    const all = await ranked("矩阵");
    expect(all.length).toBeGreaterThan(3);
    const BACKWARD = /* GraphQL */ `
      query Back($search: String, $last: Int, $before: String, $after: String) {
        questions(filter: { search: $search }, last: $last, before: $before, after: $after) {
          totalCount
          pageInfo { hasPreviousPage startCursor }
          edges { cursor node { slug } }
        }
      }
    `;
    type BackwardConnection = {
      totalCount: number;
      pageInfo: { hasPreviousPage: boolean; startCursor: string | null };
      edges: { cursor: string; node: { slug: string } }[];
    };
    const backward = async (variables: Record<string, unknown>): Promise<BackwardConnection> => {
      const result = await t.gql<{ questions: BackwardConnection }>(BACKWARD, { search: "矩阵", ...variables });
      expect(result.errors).toBeUndefined();
      return (result.data as { questions: BackwardConnection }).questions;
    };
    const pages: string[][] = [];
    let before: string | null = null;
    for (let guard = 0; guard < 20; guard++) {
      const connection: BackwardConnection = await backward({ last: 3, before });
      pages.unshift(connection.edges.map((edge) => edge.node.slug));
      if (!connection.pageInfo.hasPreviousPage) break;
      before = connection.pageInfo.startCursor;
    }
    expect(pages.flat()).toEqual(all);
    const everything = await backward({ last: 100 });
    const between = await backward({
      last: 100,
      after: everything.edges[0]?.cursor,
      before: everything.edges.at(-1)?.cursor,
    });
    expect(between.edges.map((edge) => edge.node.slug)).toEqual(all.slice(1, -1));
    expect(between.totalCount).toBe(all.length);
  });

  it("keeps equally relevant questions in the stable cursor order (createdAt, then id)", async () => {
    const same = { titleZh: "鹦鹉螺的壳", titleEn: "The shell of a nautilus", bodyZh: "鹦鹉螺" };
    const instant = new Date("2026-02-01T00:00:00Z");
    // One suffix for all three: the slug is part of the ranked text, and random suffixes that split into different
    // numbers of words (letters and digits) made the three unequally relevant.
    const suffix = uniqueSuffix();
    const created = [
      await createQuestion(t.db, "tie-c", { ...same, slug: `tie-c-${suffix}`, createdAt: instant }),
      await createQuestion(t.db, "tie-b", { ...same, slug: `tie-b-${suffix}`, createdAt: instant }),
      await createQuestion(t.db, "tie-a", {
        ...same,
        slug: `tie-a-${suffix}`,
        createdAt: new Date("2026-01-01T00:00:00Z"),
      }),
    ];
    const [earlier, ...sameInstant] = created.reverse();
    const expected = [earlier, ...sameInstant.sort((a, b) => (a.id < b.id ? -1 : 1))].map((q) => q?.slug);
    expect(await ranked("鹦鹉螺")).toEqual(expected);
    const onePerPage: string[] = [];
    let after: string | null = null;
    do {
      const connection: Connection = await page("鹦鹉螺", 1, after);
      onePerPage.push(...connection.edges.map((edge) => edge.node.slug));
      after = connection.pageInfo.hasNextPage ? connection.pageInfo.endCursor : null;
    } while (after);
    expect(onePerPage).toEqual(expected);
  });

  it("refuses a cursor of one ordering in the other", async () => {
    const searched = await page("softmax", 1);
    const plain = await t.gql(`query($after: String) { questions(first: 1, after: $after) { totalCount } }`, {
      after: searched.pageInfo.endCursor,
    });
    expect(plain.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    // It says what happened and what to do, not only that the cursor is unknown.
    const [fieldError] = (plain.errors?.[0]?.extensions?.fieldErrors ?? []) as { field: string; message: string }[];
    expect(fieldError).toEqual({
      field: "after",
      message: expect.stringContaining(
        "after is a cursor of a search ranked by relevance, but this list is in date order",
      ),
    });
    expect(fieldError.message).toContain("Ask for the first page again");
    const plainBefore = await t.gql(`query($before: String) { questions(last: 1, before: $before) { totalCount } }`, {
      before: searched.pageInfo.endCursor,
    });
    expect(plainBefore.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(plainBefore.errors?.[0]?.message).toContain("before");
    const listed = await t.gql<{ questions: Connection }>(SEARCH, { first: 1 });
    const mixed = await t.gql(SEARCH, {
      search: "softmax",
      first: 1,
      after: listed.data?.questions.pageInfo.endCursor,
    });
    expect(mixed.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(JSON.stringify(mixed.errors?.[0]?.extensions?.fieldErrors)).toContain(
      "after is a cursor of a list in date order, but this list is ranked by relevance",
    );
    const [iso, id] = Buffer.from(searched.pageInfo.endCursor ?? "", "base64url")
      .toString()
      .split("|");
    for (const rank of ["99999999999", "-1", "1.5"]) {
      const forged = Buffer.from(`${iso}|${id}|${rank}`).toString("base64url");
      const refused = await t.gql(SEARCH, { search: "softmax", first: 1, after: forged });
      expect({ rank, code: refused.errors?.[0]?.extensions?.code }).toEqual({ rank, code: "BAD_USER_INPUT" });
    }
  });
});

describe("the search-words index", () => {
  /** Every question `sql` finds, with its rank, by slug. */
  async function matches(sql: SearchSql): Promise<{ slug: string; rank: number }[]> {
    return t.db.$queryRaw<{ slug: string; rank: number }[]>(Prisma.sql`
      SELECT q.slug, ${sql.rank} AS rank FROM "Question" q ${sql.join}
      ${sql.where.length > 0 ? Prisma.sql`WHERE ${Prisma.join(sql.where, " AND ")}` : Prisma.empty}
      ORDER BY q.slug`);
  }

  it("finds the same questions with the same ranks as reading each question's text", async () => {
    const queries = [
      "注意力",
      "attention",
      "矩阵",
      "KV缓存",
      "online softmax",
      "quantize int8",
      "流水线并行",
      "all-reduce",
      "torch.compile",
      "5%",
      "f_score",
      "(softmax)",
      "gradient 梯度",
      "a",
      "的",
    ];
    const differences: { query: string; text: number; words: number }[] = [];
    let found = 0;
    for (const query of queries) {
      const terms = searchTerms(query);
      const [text, words] = await Promise.all([matches(textScanSearchSql(terms)), matches(wordIndexSearchSql(terms))]);
      found += text.length;
      if (JSON.stringify(words) !== JSON.stringify(text)) {
        differences.push({ query, text: text.length, words: words.length });
      }
    }
    expect(differences).toEqual([]);
    // The comparison is not between two empty lists.
    expect(found).toBeGreaterThan(200);
  });

  it("follows a question's search text when it changes and when the question is deleted", async () => {
    const question = await createQuestion(t.db, "search-words-follow");
    const words = () => matches(wordIndexSearchSql(searchTerms("zyxwvut")));
    expect(await words()).toEqual([]);
    await t.db.question.update({ where: { id: question.id }, data: { searchText: `${question.slug}\nzyxwvut` } });
    expect((await words()).map((match) => match.slug)).toEqual([question.slug]);
    await t.db.question.update({ where: { id: question.id }, data: { searchText: `${question.slug}\nother` } });
    expect(await words()).toEqual([]);
    // The ranking columns come from the text, whatever a write says.
    const written = await t.db.question.update({
      where: { id: question.id },
      data: { searchLength: 1, searchSlugLine: "x", searchTitleLine: "y" },
    });
    expect([written.searchSlugLine, written.searchTitleLine, written.searchLength]).toEqual([
      question.slug,
      "other",
      question.slug.length + "\nother".length,
    ]);
    await t.db.question.update({ where: { id: question.id }, data: { searchText: `${question.slug}\nzyxwvut` } });
    await t.db.question.delete({ where: { id: question.id } });
    expect(await words()).toEqual([]);
  });
});
