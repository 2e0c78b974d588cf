import { type ApolloServerPlugin, HeaderMap } from "@apollo/server";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { isDatabaseUnavailable } from "../lib/database-unavailable.ts";
import { BadUserInputError, DomainError, RateLimitedError, ServiceUnavailableError } from "../lib/domain-errors.ts";
import type { Locale } from "../lib/locale.ts";

// GraphQLErrors raised by this plumbing itself (the query limits rule) already carry a public code.
const PUBLIC_CODES = new Set([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "BAD_USER_INPUT",
  "NOT_FOUND",
  "RATE_LIMITED",
  "SERVICE_UNAVAILABLE",
]);
// Apollo's own codes for requests that never ran: the client sent something wrong.
const CLIENT_FAULT_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** The extensions a client sees for a domain error: its code and the details that belong to that code. */
function extensionsOf(error: DomainError): Record<string, unknown> {
  if (error instanceof BadUserInputError) return { code: error.code, fieldErrors: error.fieldErrors };
  if (error instanceof RateLimitedError || error instanceof ServiceUnavailableError) {
    return { code: error.code, retryAfterSeconds: error.retryAfterSeconds };
  }
  return { code: error.code };
}

/** Seconds a client is asked to wait before retrying while the database cannot be reached. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// The locale of the request each error was raised in (recorded by rememberErrorLocale), read by the formatter:
// Apollo's formatError and graphql-ws's hooks see the error but not the request's context.
const errorLocales = new WeakMap<object, Locale>();

/** Records the request's locale on its errors, so the one formatter says each in that language. */
export function rememberErrorLocale(errors: readonly unknown[], locale: Locale): void {
  for (const error of errors) if (typeof error === "object" && error !== null) errorLocales.set(error, locale);
}

/** HTTP: resolver errors are said in the request's locale (context.locale). */
export function errorLocalePlugin<TContext extends { locale: Locale }>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ contextValue, errors }) {
          rememberErrorLocale(errors, contextValue.locale);
        },
      };
    },
  };
}

/**
 * The domain error a thrown error stands for: itself, or SERVICE_UNAVAILABLE for a database that cannot be reached
 * (nothing was done; the same call may be retried); said in `locale` when one is given.
 */
function domainErrorOf(error: unknown, locale?: Locale): DomainError | null {
  const original = error instanceof GraphQLError ? error.originalError : error;
  let domain: DomainError | null = null;
  if (original instanceof DomainError) domain = original;
  else if (isDatabaseUnavailable(original)) {
    domain = new ServiceUnavailableError(DATABASE_RETRY_AFTER_SECONDS, {
      zh: `数据库暂时无法访问，本次请求没有执行任何操作。请在 ${DATABASE_RETRY_AFTER_SECONDS} 秒后重试。`,
      en: `The database is unavailable; nothing was done. Retry in ${DATABASE_RETRY_AFTER_SECONDS} s.`,
    });
  }
  return domain && locale ? domain.localize(locale) : domain;
}

/** The HTTP status (and headers) Apollo answers a request with when building its context failed this way. */
function httpOf(error: DomainError): { status: number; headers?: HeaderMap } | null {
  if (error.code === "UNAUTHENTICATED") return { status: 401 };
  if (error instanceof RateLimitedError) {
    return { status: 429, headers: new HeaderMap([["retry-after", String(error.retryAfterSeconds)]]) };
  }
  if (error instanceof ServiceUnavailableError) {
    return { status: 503, headers: new HeaderMap([["retry-after", String(error.retryAfterSeconds)]]) };
  }
  return null;
}

/**
 * For failures while building the request context (credentials, the anonymous per-IP limit), before any
 * resolver runs: a GraphQLError carrying the HTTP status Apollo answers with (401 for UNAUTHENTICATED, 429
 * with Retry-After for RATE_LIMITED, 503 with Retry-After when the database cannot be reached, instead of 500).
 */
export function requestError(error: unknown, locale?: Locale): unknown {
  const domain = domainErrorOf(error, locale);
  if (!domain) return error;
  const http = httpOf(domain);
  // Apollo reads `extensions.http` (status, a HeaderMap of headers); another package's typing of the same
  // extension (a plain record of headers) is merged into graphql's, so the object is built untyped here.
  const extensions: Record<string, unknown> = { ...extensionsOf(domain), ...(http && { http }) };
  return new GraphQLError(domain.message, { originalError: domain, extensions });
}

/** The 4xx HTTP status Apollo attached to an error it raised itself (never to a resolver's), else null. */
function clientStatusOf(error: unknown): number | null {
  if (!(error instanceof GraphQLError) || error.originalError) return null;
  const http = error.extensions.http as { status?: unknown } | undefined;
  const status = typeof http?.status === "number" ? http.status : null;
  return status !== null && status >= 400 && status < 500 ? status : null;
}

/**
 * The one mapping from thrown errors to what clients see, for HTTP (Apollo's formatError) and WebSocket
 * alike: a domain error keeps its message and code; a database that cannot be reached is SERVICE_UNAVAILABLE with
 * retryAfterSeconds (logged as a warning); a client fault keeps its message as BAD_USER_INPUT; anything else is
 * logged and masked as INTERNAL_SERVER_ERROR (no stack trace, no internal message).
 */
export function apiErrorFormatter(log: Logger, options: { hideSchemaDetails?: boolean } = {}) {
  const format = formatterOf(log);
  if (!options.hideSchemaDetails) return format;
  // Without introspection, validation and variable errors must not spell the schema out either ("Cannot query
  // field "emial" on type "User". Did you mean "email"?"): the suggestion is cut, the rest of the message kept.
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const result = format(formatted, error);
    return { ...result, message: withoutSuggestions(result.message) };
  };
}

export function withoutSuggestions(message: string): string {
  return message.replace(/ ?Did you mean .+\?$/s, "");
}

function formatterOf(log: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { path, locations } = formatted;
    const locale = typeof error === "object" && error !== null ? errorLocales.get(error) : undefined;
    const domain = domainErrorOf(error, locale);
    if (domain) {
      if (domain.code === "SERVICE_UNAVAILABLE")
        log.warn({ path }, "database unavailable: answered SERVICE_UNAVAILABLE");
      return { message: domain.message, path, locations, extensions: extensionsOf(domain) };
    }
    const code = String(formatted.extensions?.code ?? "");
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    if (PUBLIC_CODES.has(code)) return { ...formatted, extensions };
    if (CLIENT_FAULT_CODES.has(code))
      return { ...formatted, extensions: { ...extensions, code: "BAD_USER_INPUT", reason: code } };
    // Apollo's own refusals without a code but with a 4xx status (a persisted query's hash that is not its text's).
    if (clientStatusOf(error) !== null) {
      const { http: _http, ...rest } = extensions;
      return { ...formatted, extensions: { ...rest, code: "BAD_USER_INPUT", reason: "BAD_REQUEST" } };
    }
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    log.error({ err: original, path }, "unexpected error in a resolver");
    return { message: "Internal server error", path, locations, extensions: { code: "INTERNAL_SERVER_ERROR" } };
  };
}
