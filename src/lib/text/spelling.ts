import { createRequire } from "node:module";

/**
 * One spelling per English word, the American one, so "quantisation" and "quantization", "behaviour" and
 * "behavior", "catalogue" and "catalog" become the same word before stemming.
 *
 * The word list is american-british-english-translator's (1,738 British → American pairs, irregular ones
 * included: "aeroplane", "programme", "tyre"). It lacks this field's coinages ("quantisation", "tokenise",
 * "vectorise", "parallelise"), so the regular -ise/-yse endings are also rewritten by rule. Both sides of a
 * comparison (a question's text and a query, a key point's term and an answer) go through this function, so a rule
 * that also rewrites a word that has no American variant ("noise" → "noize") changes nothing that is compared;
 * only two different words meeting in one form would, and no -ise/-ize pair of this field does.
 */
const britishToAmerican = createRequire(import.meta.url)(
  "american-british-english-translator/data/british_spellings.json",
) as Readonly<Record<string, string>>;

// -isation(s), -ise, -ised, -ises, -ising, -iser(s) → -iz…; -yse, -ysed, -yses, -ysing → -yz… ("analyse").
const ISE_ENDING = /(?<=[a-z]{2})is(ation|ations|e|ed|es|ing|er|ers)$/;
const YSE_ENDING = /(?<=[a-z]{2})ys(e|ed|es|ing)$/;

/** The American spelling of a lower-case English word (the word itself when it has none). */
export function americanSpelling(word: string): string {
  const listed = Object.hasOwn(britishToAmerican, word) ? britishToAmerican[word] : undefined;
  if (listed !== undefined) return listed;
  return word.replace(ISE_ENDING, "iz$1").replace(YSE_ENDING, "yz$1");
}
