// GraphQL over WebSocket (graphql-ws), through the same pipeline as HTTP: the same validation rules
// (introspection, depth, cost), the same error mapping, credentials checked once when the socket opens
// and again for every operation. Only the transport differs.

import type { IncomingMessage } from "node:http";
import {
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  GraphQLError,
  type GraphQLFormattedError,
  type GraphQLSchema,
  getOperationAST,
  parse,
  specifiedRules,
  type ValidationRule,
  validate,
} from "graphql";
import type { SubscribePayload } from "graphql-ws";
import type { WebSocketServer } from "ws";
import { DATABASE_RETRY_AFTER_SECONDS, rememberErrorLocale } from "../graphql/errors.ts";
import { type QueryLimits, queryLimitErrors } from "../graphql/limits.ts";
import { isTrustedDocument, untrustedOperationError } from "../graphql/trusted-documents.ts";
import { chargeUserRequest, requestCost } from "../graphql/user-budget.ts";
import { isDatabaseUnavailable } from "../lib/database-unavailable.ts";
import { DomainError, RateLimitedError, UnauthenticatedError } from "../lib/domain-errors.ts";
import { DEFAULT_LOCALE, inLocale, type Locale, type Localized, localeFromAcceptLanguage } from "../lib/locale.ts";
import { viewerFromAuthorization } from "../modules/auth/viewer.ts";
import { type AppContext, type AppServices, buildContext } from "./context.ts";
import { SocketLeases } from "./socket-leases.ts";
import { SocketOwners } from "./socket-owners.ts";
import { serveGraphqlWs, type SocketExtra as TransportExtra } from "./ws-transport.ts";

/** Close codes of graphql-ws's protocol (4401, 4403) and RFC 6455 (1011). */
const CLOSE_UNAUTHORIZED = 4401;
const CLOSE_FORBIDDEN = 4403;
const CLOSE_INTERNAL_ERROR = 1011;
const CLOSE_TRY_AGAIN_LATER = 1013;
/** How long an anonymous socket may stay open before its first operation (graphql-ws clients are lazy by default). */
const WAITING_SOCKET_MS = 10_000;

function socketClosedError(locale: Locale): GraphQLError {
  const message = inLocale({ zh: "连接已关闭。", en: "The socket closed." }, locale);
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT" } });
}

/** The locale of a socket's operations before its requester is known: its connection request's Accept-Language. */
function connectionLocale(request: IncomingMessage): Locale {
  return localeFromAcceptLanguage(request.headers["accept-language"]) ?? DEFAULT_LOCALE;
}

/**
 * A concurrency cap's refusal: RATE_LIMITED with retryAfterSeconds like every other, 1 s because the cap frees as
 * soon as one of the requester's operations or sockets ends, which the server cannot predict.
 */
const CAP_RETRY_AFTER_SECONDS = 1;
function capError(text: Localized, locale: Locale): GraphQLError {
  const refusal = new RateLimitedError(CAP_RETRY_AFTER_SECONDS, text).localize(locale);
  return new GraphQLError(refusal.message, { originalError: refusal });
}

type SocketExtra = TransportExtra;
type ConnectionParams = Record<string, unknown> | undefined;

export type WebSocketPipeline = {
  services: AppServices;
  schema: GraphQLSchema;
  /** The size limits HTTP enforces (apiQueryLimits), checked before any other rule. */
  limits: QueryLimits;
  /** The rules HTTP validates with (apiValidationRules), on top of graphql-js's specified rules. */
  validationRules: readonly ValidationRule[];
  formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError;
  onContentChanged(): void;
  /** With TRUSTED_DOCUMENTS_ONLY, the manifest's operations: any other text is refused, as over HTTP. */
  trustedDocuments: ReadonlyMap<string, string> | null;
  /** The client's address of an upgrade request, by HTTP's rule (TRUST_PROXY): anonymous limits count by it. */
  clientAddress(request: IncomingMessage): string;
  /** Tests only: how long an anonymous socket may wait for its first operation (default 10 s). */
  waitingSocketMs?: number;
};

function authorizationOf(params: ConnectionParams): unknown {
  return params?.authorization ?? params?.Authorization;
}

/**
 * An operation's credentials: the socket's (connection parameters), else the operation's own
 * `extensions.headers` (GraphiQL sends its Headers tab there), so one socket serves the explorer's operations.
 */
function operationAuthorization(params: ConnectionParams, payload: SubscribePayload): unknown {
  const fromSocket = authorizationOf(params);
  if (fromSocket !== undefined && fromSocket !== null && fromSocket !== "") return fromSocket;
  const headers = payload.extensions?.headers;
  return headers && typeof headers === "object" ? authorizationOf(headers as Record<string, unknown>) : undefined;
}

/** A request error carrying the code HTTP's Apollo gives the same failure, so the one mapping applies. */
function requestFailure(error: GraphQLError, code: string): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    extensions: { ...error.extensions, code },
  });
}

export function serveGraphqlOverWebSocket(wsServer: WebSocketServer, pipeline: WebSocketPipeline) {
  const { services, schema, formatError } = pipeline;
  const { config, log } = services;
  const rules = [...specifiedRules, ...pipeline.validationRules];
  const ipOf = (extra: SocketExtra) => pipeline.clientAddress(extra.request);
  const capMessage: Localized = {
    zh: `每位用户最多同时打开 ${config.WS_MAX_SOCKETS_PER_USER} 个连接；请先关闭一个。`,
    en: `At most ${config.WS_MAX_SOCKETS_PER_USER} open sockets per user; close one first.`,
  };
  const owners = new SocketOwners<SocketExtra>({
    maxPerOwner: config.WS_MAX_SOCKETS_PER_USER,
    maxWaitingPerAddress: config.WS_MAX_SOCKETS_PER_USER,
    waitingMs: pipeline.waitingSocketMs ?? WAITING_SOCKET_MS,
    evict: (extra, reason) => extra.socket.close(CLOSE_FORBIDDEN, reason),
  });
  // The same cap for the whole fleet of API processes (Redis); `owners` above is this process's share of it.
  const leases = new SocketLeases<SocketExtra>({
    redis: services.redis,
    prefix: config.REDIS_PREFIX,
    max: config.WS_MAX_SOCKETS_PER_USER,
    log,
  });

  /**
   * Closes the socket for bad credentials (4401) or, logged, for a fault of ours (1011); returns the error
   * an operation would have got (graphql-ws needs one, though a closing socket sends nothing more). A domain
   * refusal (rate limited) is that operation's error, and the socket stays open.
   */
  function refuse(extra: SocketExtra, error: unknown, locale: Locale): GraphQLError {
    if (error instanceof UnauthenticatedError) {
      // A close reason is at most 123 bytes of UTF-8: the English one fits, and clients show the operation's error.
      extra.socket.close(CLOSE_UNAUTHORIZED, error.texts.en);
      return new GraphQLError(error.localize(locale).message, { extensions: { code: error.code } });
    }
    // Any other refusal (the anonymous rate limit: RATE_LIMITED with retryAfterSeconds) fails this operation only.
    if (error instanceof DomainError) return new GraphQLError(error.localize(locale).message, { originalError: error });
    log.error({ err: error, transport: "ws" }, "websocket connection failed");
    extra.socket.close(CLOSE_INTERNAL_ERROR, "Internal server error");
    return new GraphQLError("Internal server error", { extensions: { code: "INTERNAL_SERVER_ERROR" } });
  }

  function toDocument(payload: SubscribePayload): DocumentNode | readonly GraphQLError[] {
    let document: DocumentNode;
    try {
      document = parse(payload.query, { maxTokens: config.MAX_QUERY_TOKENS });
    } catch (error) {
      if (error instanceof GraphQLError) return [requestFailure(error, "GRAPHQL_PARSE_FAILED")];
      throw error;
    }
    // The limits' own refusals carry their public code, exactly as HTTP's middleware answers them.
    const refused = queryLimitErrors(schema, document, pipeline.limits);
    if (refused.length > 0) return refused;
    const invalid = validate(schema, document, rules);
    if (invalid.length > 0) return invalid.map((error) => requestFailure(error, "GRAPHQL_VALIDATION_FAILED"));
    if (!getOperationAST(document, payload.operationName)) {
      return [
        new GraphQLError("Unable to identify the operation to run.", {
          extensions: { code: "OPERATION_RESOLUTION_FAILURE" },
        }),
      ];
    }
    return document;
  }

  const transport = serveGraphqlWs<NonNullable<ConnectionParams>, SocketExtra>(
    wsServer,
    {
      schema,
      async onConnect(ctx) {
        const extra = ctx.extra;
        try {
          const viewer = await viewerFromAuthorization(services.db, authorizationOf(ctx.connectionParams));
          // Closed while its token was looked up: onClose has run already, so nothing may be counted now.
          if (extra.socket.readyState !== extra.socket.OPEN) return false;
          // An anonymous socket belongs to whoever its first operation runs as (see SocketOwners).
          if (!viewer.user) {
            owners.openWaiting(extra, ipOf(extra));
            return true;
          }
          const owner = `user:${viewer.user.id}`;
          if (!owners.openAs(extra, owner)) {
            extra.socket.close(CLOSE_FORBIDDEN, capMessage.en);
            return false;
          }
          if (!(await leases.acquire(extra, owner))) {
            extra.socket.close(CLOSE_FORBIDDEN, capMessage.en);
            return false;
          }
          // Closed while the lease was taken: onClose has run and could not release it yet.
          if (extra.socket.readyState !== extra.socket.OPEN) {
            leases.release(extra);
            return false;
          }
          return true;
        } catch (error) {
          if (isDatabaseUnavailable(error)) {
            // RFC 6455's "try again later": the client's reconnection logic retries.
            extra.socket.close(
              CLOSE_TRY_AGAIN_LATER,
              `The database is unavailable; retry in ${DATABASE_RETRY_AFTER_SECONDS} s.`,
            );
          } else refuse(extra, error, connectionLocale(extra.request));
          // The socket is already closing with our code; graphql-ws's own close (4403) then does nothing.
          return false;
        }
      },
      onClose(ctx) {
        owners.close(ctx.extra);
        leases.release(ctx.extra);
      },
      async onSubscribe(ctx, _id, payload): Promise<ExecutionArgs | readonly GraphQLError[]> {
        // graphql-ws registered this operation before calling us, so it counts itself.
        const running = Object.keys(ctx.subscriptions).length;
        const socketLocale = connectionLocale(ctx.extra.request);
        if (running > config.WS_MAX_SUBSCRIPTIONS_PER_SOCKET) {
          const most = config.WS_MAX_SUBSCRIPTIONS_PER_SOCKET;
          return [
            capError(
              {
                zh: `一个连接上最多同时运行 ${most} 个操作；请先完成一个。`,
                en: `At most ${most} operations at once on one socket; complete one first.`,
              },
              socketLocale,
            ),
          ];
        }
        if (pipeline.trustedDocuments && !isTrustedDocument(pipeline.trustedDocuments, payload.query)) {
          return [untrustedOperationError()];
        }
        try {
          const parsed = toDocument(payload);
          if (Array.isArray(parsed)) return parsed;
          // Array.isArray does not narrow a readonly array out of the union.
          const document = parsed as DocumentNode;
          let contextValue: AppContext;
          const ip = ipOf(ctx.extra);
          try {
            // Credentials again for every operation: a token revoked (log out) after the socket opened stops here.
            contextValue = await buildContext(
              services,
              {
                authorization: operationAuthorization(ctx.connectionParams, payload),
                ip,
                acceptLanguage: ctx.extra.request.headers["accept-language"],
                transport: "ws",
              },
              pipeline.onContentChanged,
            );
          } catch (error) {
            const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
            return [refuse(ctx.extra, original, socketLocale)];
          }
          // Closed while the context was built: onClose has run, so the socket may not be claimed now.
          const locale = contextValue.locale;
          if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) return [socketClosedError(locale)];
          const waiting = owners.ownerOf(ctx.extra) === undefined;
          const identity = contextValue.user ? `user:${contextValue.user.id}` : `ip:${ip}`;
          const refusal = owners.claim(ctx.extra, identity, Object.keys(ctx.subscriptions).length === 1);
          if (refusal === "cap" && waiting) {
            ctx.extra.socket.close(CLOSE_FORBIDDEN, capMessage.en);
            return [capError(capMessage, locale)];
          }
          if (refusal === "cap") return [capError(capMessage, locale)];
          if (refusal === "taken") {
            const taken = {
              zh: "这个连接此刻正以另一位用户（或匿名）的身份运行操作；请先完成它们，或另开一个连接。",
              en: "This socket runs operations as another user (or anonymously) right now; complete them first, or open another socket.",
            };
            return [new GraphQLError(inLocale(taken, locale), { extensions: { code: "FORBIDDEN" } })];
          }
          // This process counted the socket for `identity`; the fleet's cap too (a no-op when it holds it already).
          if (!(await leases.acquire(ctx.extra, identity))) {
            ctx.extra.socket.close(CLOSE_FORBIDDEN, capMessage.en);
            return [capError(capMessage, locale)];
          }
          if (ctx.extra.socket.readyState !== ctx.extra.socket.OPEN) {
            leases.release(ctx.extra);
            return [socketClosedError(locale)];
          }
          // The user's request budget, charged once the operation may run on this socket.
          if (contextValue.user) {
            const cost = requestCost(schema, document, payload.operationName, pipeline.limits);
            try {
              await chargeUserRequest(contextValue, contextValue.user.id, cost);
            } catch (error) {
              return [refuse(ctx.extra, error, locale)];
            }
          }
          return {
            schema,
            document,
            operationName: payload.operationName,
            variableValues: payload.variables,
            contextValue,
          };
        } catch (error) {
          // Anything thrown out of this hook would close the whole socket (4500), not fail one operation.
          log.error({ err: error, transport: "ws" }, "websocket operation failed before it ran");
          return [new GraphQLError("Internal server error", { extensions: { code: "INTERNAL_SERVER_ERROR" } })];
        }
      },
      onNext: (_ctx, _id, _payload, args, result: ExecutionResult) => {
        if (!result.errors) return result;
        // Resolver errors speak the operation's locale (its context's), as over HTTP (errorLocalePlugin).
        rememberErrorLocale(result.errors, (args.contextValue as AppContext).locale);
        // Without data the operation never ran: graphql-js refused its variables, as Apollo answers with BAD_USER_INPUT.
        const requestRefused = !("data" in result);
        const errors = result.errors.map((error) =>
          requestRefused
            ? formatError(requestFailure(error, "BAD_USER_INPUT").toJSON(), null)
            : formatError(error.toJSON(), error),
        );
        return { ...result, errors };
      },
      onError: (_ctx, _id, _payload, errors) => errors.map((error) => formatError(error.toJSON(), error)),
    },
    log,
  );
  return {
    async dispose() {
      // Closing the sockets releases their leases (onClose); then nothing is left to renew.
      await transport.dispose();
      leases.stop();
    },
  };
}
