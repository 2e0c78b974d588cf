// Validation messages in Chinese. Input schemas state their refusals in English (zod takes one string per
// check); this table says the same in Chinese, and parseInput (domain-errors.ts) gives both to the error. A
// zod check without a message of ours reads zod's own Chinese (z.locales.zhCN); a refinement whose text is
// built at run time carries its Chinese in the issue's params (see bilingualIssue).
import type { Localized } from "./locale.ts";

type Translation = readonly [RegExp, (...groups: string[]) => string];

const TRANSLATIONS: readonly Translation[] = [
  [/^is required$/, () => "必填"],
  [/^must not be empty$/, () => "不能为空"],
  [/^must be at most (\d+) characters$/, (n) => `最多 ${n} 个字符`],
  [/^must be at least (\d+) characters$/, (n) => `至少 ${n} 个字符`],
  [/^must be at most (\d+) bytes \((.+)\)$/, (n, size) => `最多 ${n} 字节（${size}）`],
  [/^must be ≥ (.+)$/, (n) => `必须 ≥ ${n}`],
  [/^must be ≤ (.+)$/, (n) => `必须 ≤ ${n}`],
  [/^must not contain NUL characters$/, () => "不能包含 NUL 字符"],
  [/^must not contain NUL characters or unpaired surrogates$/, () => "不能包含 NUL 字符或不成对的代理项（surrogate）"],
  [/^must be a valid email address$/, () => "必须是有效的电子邮件地址"],
  [/^its part before @ must be at most (\d+) characters$/, (n) => `@ 之前的部分最多 ${n} 个字符`],
  [
    /^must be an IANA time zone such as (.+)$/,
    (example) => `必须是 IANA 时区，例如 ${example.replace(" or ", " 或 ")}`,
  ],
  [/^must be TYPESCRIPT, JAVASCRIPT or PYTHON$/, () => "必须是 TYPESCRIPT、JAVASCRIPT 或 PYTHON"],
  [/^must be 1–100 letters, digits or _ \. : -$/, () => "必须是 1–100 个字母、数字或 _ . : -"],
];

/** The Chinese of an input schema's English message, or null when the table has none. */
export function chineseOfInputMessage(en: string): string | null {
  for (const [pattern, say] of TRANSLATIONS) {
    const match = pattern.exec(en);
    if (match) return say(...match.slice(1));
  }
  return null;
}

/** A refinement's message in both languages (zod keeps `params` on the issue; parseInput reads the Chinese there). */
export function bilingualIssue(text: Localized): { message: string; params: { zh: string } } {
  return { message: text.en, params: { zh: text.zh } };
}
