export type LocaleArgs = { locale?: "ZH" | "EN" };

/** The requested locale's text; English falls back to the Chinese original when there is no translation. */
export function localized(zh: string, en: string | null | undefined, args: LocaleArgs): string {
  return args.locale === "EN" && en ? en : zh;
}
