// Handles in the learner's own script: 林伟, Zoë, 山田たろう and ada_99 are all handles. Stored NFKC-normalised
// and trimmed (full-width "ａｄａ" is "ada"); unique whatever their case (the database's index on lower(handle)).
// Against look-alikes, a handle keeps to one script, as Unicode's "highly restrictive" level (UTS #39 §5.2) has
// it: Latin may join Han with Kana (Japanese), Bopomofo (Chinese) or Hangul (Korean), but never Cyrillic or Greek,
// so "pаypal" with a Cyrillic "а" cannot pass for "paypal".
import type { Localized } from "../../lib/locale.ts";

export const HANDLE_MIN_CHARACTERS = 2;
export const HANDLE_MAX_CHARACTERS = 32;

export const HANDLE_RULE: Localized = {
  zh:
    `${HANDLE_MIN_CHARACTERS}–${HANDLE_MAX_CHARACTERS} 个字符：同一种文字的字母（林伟、Zoë、ada）、` +
    "数字 0–9、_ 和 -；拉丁字母可以与中文、日文或韩文同用",
  en:
    `${HANDLE_MIN_CHARACTERS}–${HANDLE_MAX_CHARACTERS} characters: letters of any one script (林伟, Zoë, ada), ` +
    "digits 0–9, _ and -; Latin may be combined with Chinese, Japanese or Korean",
};

// The scripts a letter is tested against, in order (the first match names it); letters of other scripts are
// named by their own code point block as "another script", which is never combined with anything else.
const SCRIPTS = [
  "Latin",
  "Han",
  "Hiragana",
  "Katakana",
  "Hangul",
  "Bopomofo",
  "Cyrillic",
  "Greek",
  "Armenian",
  "Georgian",
  "Hebrew",
  "Arabic",
  "Syriac",
  "Thaana",
  "Devanagari",
  "Bengali",
  "Gurmukhi",
  "Gujarati",
  "Oriya",
  "Tamil",
  "Telugu",
  "Kannada",
  "Malayalam",
  "Sinhala",
  "Thai",
  "Lao",
  "Tibetan",
  "Myanmar",
  "Khmer",
  "Mongolian",
  "Ethiopic",
  "Cherokee",
] as const;
const SCRIPT_PATTERNS = SCRIPTS.map((name) => [name, new RegExp(`^\\p{Script=${name}}$`, "u")] as const);

// Script sets that may share one handle (besides any single script).
const ALLOWED_MIXES: readonly ReadonlySet<string>[] = [
  new Set(["Latin", "Han", "Hiragana", "Katakana"]),
  new Set(["Latin", "Han", "Bopomofo"]),
  new Set(["Latin", "Han", "Hangul"]),
];

function scriptOf(letter: string): string {
  for (const [name, pattern] of SCRIPT_PATTERNS) if (pattern.test(letter)) return name;
  return "another script";
}

function describeCharacter(character: string): Localized {
  const code = (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
  return /^\p{White_Space}$/u.test(character)
    ? { zh: `空格（U+${code}）`, en: `a space (U+${code})` }
    : { zh: `“${character}”（U+${code}）`, en: `"${character}" (U+${code})` };
}

/** The handle as stored: NFKC, trimmed. */
export function normalizeHandle(handle: string): string {
  return handle.normalize("NFKC").trim();
}

/** Why a (normalised) handle is refused, naming what is allowed, in both languages; null when it is a valid handle. */
export function handleProblem(handle: string): Localized | null {
  const characters = Array.from(handle);
  if (characters.length < HANDLE_MIN_CHARACTERS || characters.length > HANDLE_MAX_CHARACTERS) {
    return {
      zh: `必须是 ${HANDLE_RULE.zh}（现有 ${characters.length} 个字符）`,
      en: `must be ${HANDLE_RULE.en} (it has ${characters.length} characters)`,
    };
  }
  const stray = characters.find((character) => !/^[\p{L}\p{M}0-9_-]$/u.test(character));
  if (stray !== undefined) {
    const described = describeCharacter(stray);
    return {
      zh: `必须是 ${HANDLE_RULE.zh}；不允许 ${described.zh}`,
      en: `must be ${HANDLE_RULE.en}; ${described.en} is not allowed`,
    };
  }
  if (/^\p{M}$/u.test(characters[0])) {
    return {
      zh: `必须是 ${HANDLE_RULE.zh}；不能以组合附加符号开头`,
      en: `must be ${HANDLE_RULE.en}; it may not start with a combining mark`,
    };
  }
  const scripts = new Set(
    characters.filter((c) => /^\p{L}$/u.test(c) && !/^\p{Script=Common}$/u.test(c)).map(scriptOf),
  );
  if (scripts.size > 1 && !ALLOWED_MIXES.some((mix) => [...scripts].every((script) => mix.has(script)))) {
    const names = [...scripts].sort();
    return {
      zh: `必须是 ${HANDLE_RULE.zh}；它混用了 ${names.join(" 和 ")} 字母，可能冒充别人的用户名`,
      en: `must be ${HANDLE_RULE.en}; it mixes ${names.join(" and ")} letters, which can imitate another handle`,
    };
  }
  return null;
}
