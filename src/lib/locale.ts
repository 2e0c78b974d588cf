// The learner's language. A text field's `locale` argument wins; without one, the request's locale decides:
// the signed-in user's saved preference, else the request's Accept-Language (zh or en, by q-value), else
// Chinese. The request context resolves it once (src/app/context.ts); nothing else reads headers for it.
import Negotiator from "negotiator";

export type Locale = "ZH" | "EN";

/** A text in both languages: every learner-facing message exists in both. */
export type Localized = { zh: string; en: string };

export const DEFAULT_LOCALE: Locale = "ZH";

// negotiator's tags in preference order on a tie: zh first, so "*" and an absent header read Chinese.
const TAGS: Record<string, Locale> = { zh: "ZH", en: "EN" };

/**
 * The locale an Accept-Language header prefers, by its q-values (`en-US,en;q=0.9,zh;q=0.5` → EN,
 * `zh;q=0.4, en;q=0.8` → EN, `zh-CN` → ZH); null when it names neither language (or is absent).
 */
export function localeFromAcceptLanguage(header: string | readonly string[] | undefined | null): Locale | null {
  const value = Array.isArray(header) ? header.join(",") : header;
  if (typeof value !== "string" || value.trim() === "") return null;
  const tag = new Negotiator({ headers: { "accept-language": value } }).language(Object.keys(TAGS));
  return tag ? (TAGS[tag] ?? null) : null;
}

/** The request's locale: the saved preference, else Accept-Language, else Chinese. */
export function requestLocale(preferred: Locale | null | undefined, acceptLanguage: string | undefined): Locale {
  return preferred ?? localeFromAcceptLanguage(acceptLanguage) ?? DEFAULT_LOCALE;
}

export function inLocale(text: Localized, locale: Locale): string {
  return locale === "EN" ? text.en : text.zh;
}

/**
 * A text field's locale argument. When the client omits it, the schema passes the request's locale instead
 * (src/graphql/locale-arguments.ts), so a resolver always reads the locale to use here.
 */
export type LocaleArgs = { locale?: Locale | null };

/** The requested locale's text; English falls back to the Chinese original when there is no translation. */
export function localized(zh: string, en: string | null | undefined, args: LocaleArgs): string {
  return args.locale === "EN" && en ? en : zh;
}
