import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { refreshSearchTexts, saveQuestion } from "../../src/modules/content/service.ts";
import { startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { conceptContent, createTopic } from "../helpers/fixtures.ts";

/**
 * Search finds what learners type (the shared text normalisation, src/lib/text): spelling variants, Chinese typed
 * against Latin without a space, compounds in one word or two, in both languages. The questions are saved through
 * the content service (as the seed and the admin API save them) under slugs of this file's own.
 */
const SEARCH = /* GraphQL */ `
  query Search($search: String) { questions(filter: { search: $search }, first: 100) { edges { node { slug } } } }
`;

let t: TestApi;
const marker = uniqueSuffix();
const slug = (name: string) => `norm-${marker}-${name}`;

async function save(name: string, title: { zh: string; en: string }, body: { zh: string; en: string }) {
  const topic = await createTopic(t.db, "search-norm");
  await saveQuestion(t.db, conceptContent(slug(name), [topic.slug], { title, body, keyPoints: [] }));
}

/** The slugs of this file's questions that `search` finds. */
async function found(search: string): Promise<string[]> {
  const result = await t.gql<{ questions: { edges: { node: { slug: string } }[] } }>(SEARCH, { search });
  expect(result.errors).toBeUndefined();
  return (result.data?.questions.edges ?? [])
    .map((edge) => edge.node.slug)
    .filter((found) => found.startsWith(slug("")))
    .sort();
}

beforeAll(async () => {
  t = await startTestApi();
  await save(
    "kv",
    { zh: "估算 KV 缓存占用的显存", en: "Sizing the KV cache" },
    { zh: "每个 token 的 KV 缓存有多大？", en: "How large is the key/value cache per token?" },
  );
  await save(
    "flash",
    { zh: "FlashAttention 为什么更快", en: "Why FlashAttention is faster" },
    { zh: "FlashAttention 分块计算注意力。", en: "It tiles attention and never stores the score matrix." },
  );
  await save(
    "flash-spaced",
    { zh: "flash attention 的反向传播", en: "The backward pass of flash attention" },
    { zh: "反向时分块重新计算注意力分数。", en: "Recompute the attention scores tile by tile." },
  );
  await save(
    "quant",
    { zh: "权重的分组量化", en: "Group-wise weight quantisation" },
    { zh: "用 INT4 量化权重。", en: "Quantise the weights to INT4 per group." },
  );
  await save(
    "other",
    { zh: "数据并行的梯度同步", en: "Gradient synchronisation in data parallelism" },
    { zh: "用 all-reduce 同步梯度。", en: "Synchronise gradients with all-reduce." },
  );
});

afterAll(async () => {
  await t.close();
});

describe("search normalises what learners type", () => {
  it("KV缓存 typed without a space finds the KV-cache question, as do the other spellings, in both languages", async () => {
    for (const query of ["KV缓存", "KV 缓存", "kv缓存", "ＫＶ缓存", "KV cache", "kv-cache", "KVCache", "kvcache"]) {
      expect({ query, found: await found(query) }).toEqual({ query, found: [slug("kv")] });
    }
  });

  it("FlashAttention and flash attention find each other, in one word, two words, hyphenated or in Chinese text", async () => {
    const both = [slug("flash"), slug("flash-spaced")].sort();
    for (const query of ["FlashAttention", "flash attention", "flashattention", "Flash-Attention", "FLASH ATTENTION"]) {
      expect({ query, found: await found(query) }).toEqual({ query, found: both });
    }
    // Chinese queries: the compound against Chinese words without a space.
    expect(await found("FlashAttention分块")).toEqual(both);
    expect(await found("flash attention为什么更快")).toEqual([slug("flash")]);
  });

  it("quantization (US) finds quantisation (UK) and the other way round; 量化 finds it in Chinese", async () => {
    for (const query of ["quantization", "Quantisation", "quantize", "quantized weights", "量化", "权重量化"]) {
      expect({ query, found: await found(query) }).toEqual({ query, found: [slug("quant")] });
    }
  });

  it("other spelling variants and stems meet too: synchronization, synchronising, 梯度同步", async () => {
    for (const query of [
      "synchronization",
      "synchronising gradients",
      "梯度同步",
      "gradient all-reduce",
      "allreduce",
    ]) {
      expect({ query, found: await found(query) }).toEqual({ query, found: [slug("other")] });
    }
  });

  it("finds a term that NFKC splits with a space (x´y becomes x ́y) in the text, across its two words", async () => {
    await save(
      "prime",
      { zh: "导数记号", en: "Derivative notation" },
      { zh: "把 x´y 读作导数。", en: "Read x´y as a derivative." },
    );
    expect(await found("x´y")).toEqual([slug("prime")]);
  });

  it("still finds nothing for words that are not there", async () => {
    expect(await found("FlashAttention 量化")).toEqual([]);
    expect(await found("KV缓存 梯度")).toEqual([]);
  });
});

describe("search texts saved before the normalisation", () => {
  it("are rewritten by the seed's refresh, without a new revision or a new updatedAt; a dry run only lists them", async () => {
    const stale = await t.db.question.update({
      where: { slug: slug("quant") },
      // What the search text held before the shared normalisation: the texts, lower-cased.
      data: { searchText: "权重的分组量化\ngroup-wise weight quantisation" },
    });
    expect(await found("quantization")).toEqual([]);
    expect(await refreshSearchTexts(t.db, { slugPrefix: slug(""), dryRun: true })).toEqual([slug("quant")]);
    expect(await found("quantization")).toEqual([]);
    expect(await refreshSearchTexts(t.db, { slugPrefix: slug("") })).toEqual([slug("quant")]);
    expect(await found("quantization")).toEqual([slug("quant")]);
    const after = await t.db.question.findUniqueOrThrow({ where: { slug: slug("quant") } });
    expect({ revision: after.revision, updatedAt: after.updatedAt }).toEqual({
      revision: stale.revision,
      updatedAt: stale.updatedAt,
    });
    expect(await refreshSearchTexts(t.db, { slugPrefix: slug("") })).toEqual([]);
  });
});
