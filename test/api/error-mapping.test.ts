import { describe, expect, it } from "@jest/globals";
import { GraphQLError } from "graphql";
import { apiErrorFormatter, requestError } from "../../src/graphql/errors.ts";
import {
  BadUserInputError,
  NotFoundError,
  RateLimitedError,
  UnauthenticatedError,
} from "../../src/lib/domain-errors.ts";
import { createLogger } from "../../src/logger.ts";

/** The one mapping from thrown errors to what clients see (Apollo's formatError and graphql-ws use it). */
describe("apiErrorFormatter", () => {
  const format = apiErrorFormatter(createLogger("silent", "error-mapping-test"));
  // What graphql-js makes of an error thrown in a resolver: a GraphQLError wrapping the original.
  const thrownAt = (error: Error) => new GraphQLError(error.message, { path: ["field"], originalError: error });
  const formatThrown = (error: Error) => {
    const wrapped = thrownAt(error);
    return format(wrapped.toJSON(), wrapped);
  };

  it("keeps a domain error's message and code, with the details of that code", () => {
    expect(formatThrown(new NotFoundError("No such thing"))).toEqual({
      message: "No such thing",
      path: ["field"],
      extensions: { code: "NOT_FOUND" },
    });
    const fieldErrors = [{ field: "input.email", message: "must be a valid email address" }];
    expect(formatThrown(new BadUserInputError(fieldErrors))).toMatchObject({
      message: "input.email: must be a valid email address",
      extensions: { code: "BAD_USER_INPUT", fieldErrors },
    });
    // A domain error not yet said in a request's locale reads the default, Chinese.
    expect(formatThrown(new RateLimitedError(7))).toMatchObject({
      message: "请求过于频繁；请在 7 秒后重试。",
      extensions: { code: "RATE_LIMITED", retryAfterSeconds: 7 },
    });
  });

  it("masks anything else as INTERNAL_SERVER_ERROR, without its message or a stack trace", () => {
    const formatted = formatThrown(new Error("connection string postgres://secret@db"));
    expect(formatted).toEqual({
      message: "Internal server error",
      path: ["field"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    });
    expect(JSON.stringify(formatted)).not.toContain("secret");
  });

  it("answers bad credentials before any resolver with 401", () => {
    const error = requestError(new UnauthenticatedError("Unknown or revoked token; log in again."));
    expect(error).toBeInstanceOf(GraphQLError);
    expect((error as GraphQLError).extensions).toEqual({ code: "UNAUTHENTICATED", http: { status: 401 } });
    const unexpected = new Error("database down");
    expect(requestError(unexpected)).toBe(unexpected);
  });
});
