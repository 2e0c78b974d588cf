import { GraphQLError } from "graphql";
import type { z } from "zod";

export type ErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "BAD_USER_INPUT"
  | "NOT_FOUND"
  | "RATE_LIMITED"
  | "INTERNAL_SERVER_ERROR";

export type FieldError = { field: string; message: string };

function apiError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extensions } });
}

/** For failures before any resolver runs (the request's credentials): Apollo answers 401 instead of 500. */
export function unauthenticatedRequest(message: string): GraphQLError {
  return apiError("UNAUTHENTICATED", message, { http: { status: 401 } });
}

export const unauthenticated = (message = "Sign in first: send Authorization: Bearer <token>.") =>
  apiError("UNAUTHENTICATED", message);
export const forbidden = (message = "You are not allowed to do this.") => apiError("FORBIDDEN", message);
export const notFound = (message: string) => apiError("NOT_FOUND", message);
export const rateLimited = (retryAfterSeconds: number) =>
  apiError("RATE_LIMITED", `Too many requests; retry in ${retryAfterSeconds} s.`, { retryAfterSeconds });

export function badUserInput(fieldErrors: FieldError[]): GraphQLError {
  const message = fieldErrors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join("; ");
  return apiError("BAD_USER_INPUT", message, { fieldErrors });
}

/** Validates resolver input; failures become BAD_USER_INPUT naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, fieldPrefix = "input"): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw badUserInput(
    result.error.issues.map((issue) => ({
      field: [fieldPrefix, ...issue.path.map(String)].filter(Boolean).join("."),
      message: issue.message,
    })),
  );
}
