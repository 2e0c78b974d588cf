// The comments of a problem's starter code in the learner's language. The code is one text per language (the
// kernel's TypeScript starter, the Python form's); its comments are English, and each problem's folder gives their
// Chinese (ProblemPackage.starterCommentsZh), keyed by the English text of one comment line.

/** A comment's text in one line of starter code: after `//` (TypeScript) or `#` (Python), one space dropped. */
const COMMENT = { typescript: /(\/\/ ?)(.*)$/, python: /(# ?)(.*)$/ } as const;

export type StarterLanguage = keyof typeof COMMENT;

/** The English text of every comment line of a starter, in order. */
export function starterComments(code: string, language: StarterLanguage): string[] {
  return code.split("\n").flatMap((line) => {
    const found = line.match(COMMENT[language]);
    return found && found[2].trim() !== "" ? [found[2]] : [];
  });
}

/** The starter with each comment line's text replaced by its Chinese where `zh` has it. */
export function starterInChinese(
  code: string,
  language: StarterLanguage,
  zh: Readonly<Record<string, string>> | undefined,
): string {
  if (!zh) return code;
  return code
    .split("\n")
    .map((line) =>
      line.replace(COMMENT[language], (whole, marker: string, text: string) =>
        zh[text] === undefined ? whole : `${marker}${zh[text]}`,
      ),
    )
    .join("\n");
}
