// Handles in the learner's own script: 林伟, Zoë, 山田たろう and ada_99 are all handles. Stored NFKC-normalised
// and trimmed (full-width "ａｄａ" is "ada"); unique whatever their case (the database's index on lower(handle)).
// Against look-alikes, a handle keeps to one script, as Unicode's "highly restrictive" level (UTS #39 §5.2) has
// it: Latin may join Han with Kana (Japanese), Bopomofo (Chinese) or Hangul (Korean), but never Cyrillic or Greek,
// so "pаypal" with a Cyrillic "а" cannot pass for "paypal".

export const HANDLE_MIN_CHARACTERS = 2;
export const HANDLE_MAX_CHARACTERS = 32;

export const HANDLE_RULE =
  `${HANDLE_MIN_CHARACTERS}–${HANDLE_MAX_CHARACTERS} characters: letters of any one script (林伟, Zoë, ada), ` +
  "digits 0–9, _ and -; Latin may be combined with Chinese, Japanese or Korean";

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

function describeCharacter(character: string): string {
  const code = (character.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0");
  return /^\p{White_Space}$/u.test(character) ? `a space (U+${code})` : `"${character}" (U+${code})`;
}

/** The handle as stored: NFKC, trimmed. */
export function normalizeHandle(handle: string): string {
  return handle.normalize("NFKC").trim();
}

/** Why a (normalised) handle is refused, naming what is allowed; null when it is a valid handle. */
export function handleProblem(handle: string): string | null {
  const characters = Array.from(handle);
  if (characters.length < HANDLE_MIN_CHARACTERS || characters.length > HANDLE_MAX_CHARACTERS) {
    return `must be ${HANDLE_RULE} (it has ${characters.length} characters)`;
  }
  const stray = characters.find((character) => !/^[\p{L}\p{M}0-9_-]$/u.test(character));
  if (stray !== undefined) return `must be ${HANDLE_RULE}; ${describeCharacter(stray)} is not allowed`;
  if (/^\p{M}$/u.test(characters[0])) return `must be ${HANDLE_RULE}; it may not start with a combining mark`;
  const scripts = new Set(
    characters.filter((c) => /^\p{L}$/u.test(c) && !/^\p{Script=Common}$/u.test(c)).map(scriptOf),
  );
  if (scripts.size > 1 && !ALLOWED_MIXES.some((mix) => [...scripts].every((script) => mix.has(script)))) {
    return `must be ${HANDLE_RULE}; it mixes ${[...scripts].sort().join(" and ")} letters, which can imitate another handle`;
  }
  return null;
}
