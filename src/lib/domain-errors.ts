import type { z } from "zod";

/** The failures a service reports to its caller; anything else is a fault of ours (INTERNAL_SERVER_ERROR). */
export type DomainErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "RATE_LIMITED"
  | "SERVICE_UNAVAILABLE";

/**
 * `field` is the path of the offending value as the API client sent it (`input.email`, `after`), so a
 * client can show the message next to the field it filled in.
 */
export type FieldError = { field: string; message: string };

/**
 * Base of every error a service throws on purpose. The GraphQL layer maps it to a response error in one
 * place (src/graphql/errors.ts); services and resolvers never build transport errors themselves.
 */
export class DomainError extends Error {
  override name = "DomainError";
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export class UnauthenticatedError extends DomainError {
  override name = "UnauthenticatedError";
  constructor(message = "Sign in first: send Authorization: Bearer <token>.") {
    super("UNAUTHENTICATED", message);
  }
}

export class ForbiddenError extends DomainError {
  override name = "ForbiddenError";
  constructor(message = "You are not allowed to do this.") {
    super("FORBIDDEN", message);
  }
}

export class NotFoundError extends DomainError {
  override name = "NotFoundError";
  constructor(message: string) {
    super("NOT_FOUND", message);
  }
}

export class RateLimitedError extends DomainError {
  override name = "RateLimitedError";
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number, message = `Too many requests; retry in ${retryAfterSeconds} s.`) {
    super("RATE_LIMITED", message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/** A dependency (the database) cannot be reached right now: nothing was done, and the same call may be retried. */
export class ServiceUnavailableError extends DomainError {
  override name = "ServiceUnavailableError";
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds = 5, message = `The service is briefly unavailable; retry in ${retryAfterSeconds} s.`) {
    super("SERVICE_UNAVAILABLE", message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export function joinFieldErrors(fieldErrors: readonly FieldError[]): string {
  return fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join("; ");
}

export class BadUserInputError extends DomainError {
  override name = "BadUserInputError";
  readonly fieldErrors: FieldError[];
  constructor(fieldErrors: FieldError[]) {
    super("BAD_USER_INPUT", joinFieldErrors(fieldErrors));
    this.fieldErrors = fieldErrors;
  }
}

/** Joins a path prefix (`input`) and a field path (`slug`) into `input.slug`, skipping empty parts. */
export function fieldPath(...parts: string[]): string {
  return parts.filter(Boolean).join(".");
}

/** Validates input against a zod schema; failures become one BadUserInputError naming each field under a prefix. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, fieldPrefix: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new BadUserInputError(
    result.error.issues.map((issue) => ({
      field: fieldPath(fieldPrefix, ...issue.path.map(String)),
      message: issue.message,
    })),
  );
}
