/**
 * Compound names of this field written as one word: "FlashAttention", "PagedAttention", "AllReduce", "LayerNorm".
 * A learner writes them as one word, two words or hyphenated; every form is split into its parts, so all of them
 * meet as "flash attention".
 */

// Before lower-casing: a capital that starts a capitalised word after a word of two letters or more
// ("FlashAttention", "PyTorch", "Int8Linear"), or after a run of capitals ("XGBoost" → "XG Boost"). A run of capitals,
// a capital after a single letter, or a plural of capitals is a name, not a compound ("vLLM", "KServe", "LLMs").
const CAMEL_BOUNDARY = /(?<=[\p{L}\p{Nd}]\p{Ll})(?=\p{Lu}\p{Ll})|(?<=\p{Lu}{2})(?=\p{Lu}\p{Ll}{2})/gu;

/**
 * Splits camel-case compounds with a space. For search queries only: a question's text keeps "PyTorch" whole, so
 * the query "pytorch" finds it, and the query "PyTorch" ("py", "torch") finds it too because search matches each
 * query word inside the text's words. The self-check compares words whole, so it splits only the listed compounds.
 */
export function splitCamelCase(text: string): string {
  return text.replace(CAMEL_BOUNDARY, " ");
}

/**
 * Compounds written in lower case, split into the words they are made of. Only names of this field whose parts are
 * words a learner also types alone belong here; "softmax" or "dropout" are words of their own.
 */
const LOWER_CASE_COMPOUNDS: Readonly<Record<string, readonly string[]>> = {
  flashattention: ["flash", "attention"],
  pagedattention: ["paged", "attention"],
  flashdecoding: ["flash", "decoding"],
  allreduce: ["all", "reduce"],
  allgather: ["all", "gather"],
  reducescatter: ["reduce", "scatter"],
  alltoall: ["all", "to", "all"],
  kvcache: ["kv", "cache"],
  layernorm: ["layer", "norm"],
  rmsnorm: ["rms", "norm"],
  batchnorm: ["batch", "norm"],
  groupnorm: ["group", "norm"],
  smoothquant: ["smooth", "quant"],
};

/** The words a lower-case word is made of when it is a known compound, else null. */
export function compoundParts(word: string): readonly string[] | null {
  return Object.hasOwn(LOWER_CASE_COMPOUNDS, word) ? (LOWER_CASE_COMPOUNDS[word] ?? null) : null;
}
