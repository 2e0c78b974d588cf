import { z } from "zod";
import { chineseOfInputMessage } from "./input-messages.ts";
import { DEFAULT_LOCALE, inLocale, type Locale, type Localized } from "./locale.ts";

/** The failures a service reports to its caller; anything else is a fault of ours (INTERNAL_SERVER_ERROR). */
export type DomainErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "RATE_LIMITED"
  | "SERVICE_UNAVAILABLE";

/**
 * What an error says. Learner-facing messages are Localized (both languages); a plain string is the same text in
 * both, for what only operators and admins read (and text quoted from elsewhere, such as a validator's).
 */
export type ErrorText = string | Localized;

const textsOf = (text: ErrorText): Localized => (typeof text === "string" ? { zh: text, en: text } : text);

/**
 * `field` is the path of the offending value as the API client sent it (`input.email`, `after`), so a
 * client can show the message next to the field it filled in.
 */
export type FieldError = { field: string; message: string };
/** A field error as a service raises it: its message in both languages. */
export type LocalizedFieldError = { field: string; message: ErrorText };

/**
 * Base of every error a service throws on purpose. The GraphQL layer maps it to a response error in one
 * place (src/graphql/errors.ts); services and resolvers never build transport errors themselves.
 */
export class DomainError extends Error {
  override name = "DomainError";
  readonly code: DomainErrorCode;
  /** The message in both languages; `message` is the one of the request's locale once localize has run. */
  readonly texts: Localized;

  constructor(code: DomainErrorCode, message: ErrorText) {
    const texts = textsOf(message);
    super(inLocale(texts, DEFAULT_LOCALE));
    this.code = code;
    this.texts = texts;
  }

  /** Says it in `locale` (the request's, see src/lib/locale.ts); returns itself. */
  localize(locale: Locale): this {
    this.message = inLocale(this.texts, locale);
    return this;
  }
}

export class UnauthenticatedError extends DomainError {
  override name = "UnauthenticatedError";
  constructor(
    message: ErrorText = {
      zh: "请先登录：发送 Authorization: Bearer <token>。",
      en: "Sign in first: send Authorization: Bearer <token>.",
    },
  ) {
    super("UNAUTHENTICATED", message);
  }
}

export class ForbiddenError extends DomainError {
  override name = "ForbiddenError";
  constructor(message: ErrorText = { zh: "你无权执行此操作。", en: "You are not allowed to do this." }) {
    super("FORBIDDEN", message);
  }
}

export class NotFoundError extends DomainError {
  override name = "NotFoundError";
  constructor(message: ErrorText) {
    super("NOT_FOUND", message);
  }
}

export class RateLimitedError extends DomainError {
  override name = "RateLimitedError";
  readonly retryAfterSeconds: number;
  constructor(
    retryAfterSeconds: number,
    message: ErrorText = {
      zh: `请求过于频繁；请在 ${retryAfterSeconds} 秒后重试。`,
      en: `Too many requests; retry in ${retryAfterSeconds} s.`,
    },
  ) {
    super("RATE_LIMITED", message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A dependency (the database) cannot be reached right now: nothing was done, and the same call may be retried. */
export class ServiceUnavailableError extends DomainError {
  override name = "ServiceUnavailableError";
  readonly retryAfterSeconds: number;
  constructor(
    retryAfterSeconds = 5,
    message: ErrorText = {
      zh: `服务暂时不可用；请在 ${retryAfterSeconds} 秒后重试。`,
      en: `The service is briefly unavailable; retry in ${retryAfterSeconds} s.`,
    },
  ) {
    super("SERVICE_UNAVAILABLE", message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function joinFieldErrors(fieldErrors: readonly FieldError[]): string {
  return fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join("; ");
}

function fieldErrorsIn(fieldErrors: readonly LocalizedFieldError[], locale: Locale): FieldError[] {
  return fieldErrors.map((e) => ({ field: e.field, message: inLocale(textsOf(e.message), locale) }));
}

export class BadUserInputError extends DomainError {
  override name = "BadUserInputError";
  /** The field errors in the request's locale (see localize). */
  fieldErrors: FieldError[];
  private readonly localizedFieldErrors: readonly LocalizedFieldError[];
  constructor(fieldErrors: LocalizedFieldError[]) {
    super("BAD_USER_INPUT", {
      zh: joinFieldErrors(fieldErrorsIn(fieldErrors, "ZH")),
      en: joinFieldErrors(fieldErrorsIn(fieldErrors, "EN")),
    });
    this.localizedFieldErrors = fieldErrors;
    this.fieldErrors = fieldErrorsIn(fieldErrors, DEFAULT_LOCALE);
  }

  override localize(locale: Locale): this {
    this.fieldErrors = fieldErrorsIn(this.localizedFieldErrors, locale);
    return super.localize(locale);
  }
}

/** Joins a path prefix (`input`) and a field path (`slug`) into `input.slug`, skipping empty parts. */
export function fieldPath(...parts: string[]): string {
  return parts.filter(Boolean).join(".");
}

const zodChinese = z.locales.zhCN();

/** An issue's Chinese: its own (bilingualIssue), the table's for our English, else zod's Chinese for its check. */
function chineseOf(issue: z.core.$ZodIssue, zodIssue: z.core.$ZodIssue | undefined): string {
  const params = issue.code === "custom" ? (issue.params as { zh?: unknown } | undefined) : undefined;
  if (typeof params?.zh === "string") return params.zh;
  return chineseOfInputMessage(issue.message) ?? zodIssue?.message ?? issue.message;
}

/**
 * Validates input against a zod schema; failures become one BadUserInputError naming each field under a prefix,
 * each message in both languages (a refused input is parsed once more for zod's Chinese: the failure path only).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, fieldPrefix: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const inChinese = schema.safeParse(input, { error: zodChinese.localeError });
  const zodIssues = inChinese.success ? [] : inChinese.error.issues;
  throw new BadUserInputError(
    result.error.issues.map((issue, index) => ({
      field: fieldPath(fieldPrefix, ...issue.path.map(String)),
      message: { zh: chineseOf(issue, zodIssues[index]), en: issue.message },
    })),
  );
}
