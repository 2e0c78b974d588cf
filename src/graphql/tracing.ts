// The GraphQL request's spans over HTTP (src/lib/tracing.ts; off unless an OTLP endpoint is configured): the
// request span, made active for everything that runs for the request, and Apollo's parse and validate phases as
// its children. Execution's span is the executor's (compiled-executor.ts), where graphql-jit runs.
import type { ApolloServerPlugin } from "@apollo/server";
import type { RequestHandler } from "express";
import {
  activeSpan,
  runInNewSpan,
  SPAN,
  type Span,
  SpanKind,
  SpanStatusCode,
  startDetachedSpan,
} from "../lib/tracing.ts";

/**
 * Opens the request span (kind SERVER, continuing the caller's `traceparent` header when it sends one) around the
 * rest of the chain, so body parsing, Apollo and the resolvers run in its context; it ends with the response.
 */
export function graphqlRequestSpan(): RequestHandler {
  return (req, res, next) => {
    runInNewSpan(
      SPAN.graphqlRequest,
      {
        kind: SpanKind.SERVER,
        attributes: { "http.request.method": req.method, "url.path": req.path },
        remoteParent: req.headers,
      },
      (span) => {
        res.once("close", () => {
          span.setAttribute("http.response.status_code", res.statusCode);
          span.end();
        });
        next();
      },
    );
  };
}

/** Ends a phase's span with the errors it ended with, if any. */
function endPhase(span: Span | null, errors: readonly Error[] | Error | undefined): void {
  if (!span) return;
  const list = errors === undefined ? [] : Array.isArray(errors) ? errors : [errors as Error];
  for (const error of list) span.recordException(error);
  if (list.length > 0) span.setStatus({ code: SpanStatusCode.ERROR, message: list[0]?.message });
  span.end();
}

/**
 * Names the request span after its operation (`mutation Submit`, as OpenTelemetry's GraphQL conventions name
 * it) and adds parse and validate spans. Apollo skips both phases for a document already in its cache, so they
 * appear on a document's first request only. Added to Apollo's plugins only while tracing is on.
 */
export function graphqlTracingPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      const request = activeSpan();
      if (!request) return;
      return {
        async parsingDidStart() {
          const span = startDetachedSpan(SPAN.graphqlParse);
          return async (error) => endPhase(span, error);
        },
        async validationDidStart() {
          const span = startDetachedSpan(SPAN.graphqlValidate);
          return async (errors) => endPhase(span, errors);
        },
        async didResolveOperation({ operation, operationName }) {
          if (!operation) return;
          request.updateName(operationName ? `${operation.operation} ${operationName}` : operation.operation);
          request.setAttribute("graphql.operation.type", operation.operation);
          if (operationName) request.setAttribute("graphql.operation.name", operationName);
        },
        async didEncounterErrors({ errors }) {
          request.setAttribute("graphql.errors", errors.length);
        },
      };
    },
  };
}
