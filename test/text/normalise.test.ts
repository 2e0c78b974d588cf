import { describe, expect, it } from "@jest/globals";
import { splitCamelCase } from "../../src/lib/text/compounds.ts";
import { searchableText, searchQueryTerms } from "../../src/lib/text/search.ts";
import { americanSpelling } from "../../src/lib/text/spelling.ts";
import { termWords, tokenize } from "../../src/lib/text/tokens.ts";

/** The shared text normalisation (src/lib/text): the same words for every way a learner writes them. */
describe("words", () => {
  it("gives British and American spellings one form, from the word list and by rule", () => {
    expect(americanSpelling("behaviour")).toBe("behavior");
    expect(americanSpelling("catalogue")).toBe("catalog");
    expect(americanSpelling("quantisation")).toBe("quantization");
    expect(americanSpelling("tokenised")).toBe("tokenized");
    expect(americanSpelling("analyse")).toBe("analyze");
    expect(americanSpelling("matrix")).toBe("matrix");
    for (const [british, american] of [
      ["quantisation", "quantization"],
      ["quantise", "quantize"],
      ["normalisation", "normalization"],
      ["optimising", "optimizing"],
      ["colour", "color"],
      ["modelling", "modeling"],
      ["centre", "center"],
    ]) {
      expect({ british, words: termWords(british) }).toEqual({ british, words: termWords(american as string) });
    }
  });

  it("stems English after NFKC and lower case", () => {
    expect(termWords("Early-Stopping")).toEqual(["earli", "stop"]);
    expect(termWords("ＱＵＡＮＴＩＺＡＴＩＯＮ")).toEqual(["quantiz"]);
    expect(termWords("quantization")).toEqual(termWords("quantize"));
  });

  it("splits the field's compounds in every form: one word, camel case, hyphenated, two words", () => {
    const flash = termWords("flash attention");
    expect(flash).toEqual(["flash", "attent"]);
    for (const form of ["FlashAttention", "flashattention", "Flash-Attention", "FLASHATTENTION"]) {
      expect({ form, words: termWords(form) }).toEqual({ form, words: flash });
    }
    expect(termWords("AllReduce")).toEqual(termWords("all-reduce"));
    expect(termWords("KVCache")).toEqual(termWords("KV cache"));
  });

  it("separates Chinese from Latin letters and digits, and segments Chinese with jieba (HMM off)", () => {
    expect(termWords("KV缓存")).toEqual(["kv", "缓存"]);
    expect(termWords("KV缓存")).toEqual(termWords("KV 缓存"));
    expect(termWords("用FP8量化")).toEqual(["用", "fp8", "量化"]);
    // Dictionary-only segmentation is the same alone and in context.
    expect(termWords("早停")).toEqual(["早", "停"]);
    expect(tokenize("我们做早停。").words).toEqual(["我们", "做", "早", "停"]);
  });

  it("keeps sentences and clauses for the self-check", () => {
    const tokens = tokenize("Accuracy is not enough, use F1. 再看召回率。");
    expect(tokens.words).toEqual(["accuraci", "is", "not", "enough", "us", "f1", "再", "看", "召回", "率"]);
    expect(tokens.sentence).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(tokens.clause).toEqual([0, 0, 0, 0, 1, 1, 2, 2, 2, 2]);
  });
});

describe("search text and query terms", () => {
  it("splits camel case in queries only where a capitalised word starts", () => {
    expect(splitCamelCase("FlashAttention PyTorch XGBoost")).toBe("Flash Attention Py Torch XG Boost");
    expect(splitCamelCase("vLLM KServe LLMs GPU")).toBe("vLLM KServe LLMs GPU");
  });

  it("turns what learners type into the canonical terms the stored text holds", () => {
    expect(searchQueryTerms("quantization")).toEqual(["quantiz"]);
    expect(searchQueryTerms("Quantisation")).toEqual(["quantiz"]);
    expect(searchQueryTerms("KV缓存")).toEqual(["kv", "缓存"]);
    expect(searchQueryTerms("FlashAttention")).toEqual(["flash", "attent"]);
    expect(searchQueryTerms("flash attention")).toEqual(["flash", "attent"]);
    expect(searchQueryTerms("什么是KV缓存？")).toEqual(["kv", "缓存"]);
    expect(searchQueryTerms("(softmax)")).toEqual(["softmax"]);
    expect(searchQueryTerms("  ")).toEqual([]);
    expect(searchQueryTerms(null)).toEqual([]);
  });

  it("looks for words with symbols as typed, and keeps function words when nothing else is left", () => {
    expect(searchQueryTerms("5% f_score torch.compile")).toEqual(["5%", "f_score", "torch.compile"]);
    expect(searchQueryTerms("什么是")).toEqual(["什么", "是"]);
  });

  it("stores a document's text as written and its canonical words, so either kind of term is found in it", () => {
    const stored = searchableText("INT8 quantisation with FlashAttention and a KV 缓存");
    for (const term of [
      ...searchQueryTerms("quantization"),
      ...searchQueryTerms("flash attention"),
      ...searchQueryTerms("KV缓存"),
      ...searchQueryTerms("quantisation"),
    ]) {
      expect({ term, found: stored.includes(term) }).toEqual({ term, found: true });
    }
  });
});
