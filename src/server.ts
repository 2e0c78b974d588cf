import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express } from "express";
import { GraphQLError, type GraphQLFormattedError } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { limitAnonymousRequest } from "./graphql/anonymous-limit.ts";
import { viewerFromAuthorization } from "./graphql/auth-context.ts";
import type { AppServices, Context } from "./graphql/context.ts";
import { type QueryLimits, queryLimitsMiddleware, validateWithinLimits } from "./graphql/limits.ts";
import { RequestLoaders } from "./graphql/loaders.ts";
import { publicResponseCache } from "./graphql/public-cache.ts";
import { buildSchema } from "./graphql/schema.ts";
import { checkDependencies } from "./lib/dependencies.ts";
import { mountOperations } from "./operations.ts";

export type RunningApi = {
  app: Express;
  httpServer: Server;
  url: string;
  close(): Promise<void>;
};

const PUBLIC_CODES = new Set(["UNAUTHENTICATED", "FORBIDDEN", "BAD_USER_INPUT", "NOT_FOUND", "RATE_LIMITED"]);
// Apollo's own codes for requests that never ran: the client sent something wrong.
const CLIENT_FAULT_CODES = new Set([
  "GRAPHQL_PARSE_FAILED",
  "GRAPHQL_VALIDATION_FAILED",
  "BAD_REQUEST",
  "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED",
  "OPERATION_RESOLUTION_FAILURE",
]);

/** Known failures keep their code and message; anything else is logged and masked (no stack traces to clients). */
function formatError(services: AppServices) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = String(formatted.extensions?.code ?? "");
    const { stacktrace: _stacktrace, ...extensions } = formatted.extensions ?? {};
    if (PUBLIC_CODES.has(code)) return { ...formatted, extensions };
    if (CLIENT_FAULT_CODES.has(code))
      return { ...formatted, extensions: { ...extensions, code: "BAD_USER_INPUT", reason: code } };
    const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
    services.log.error({ err: original, path: formatted.path }, "unexpected error in a resolver");
    return {
      message: "Internal server error",
      path: formatted.path,
      locations: formatted.locations,
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
  };
}

function requestLogger(): ApolloServerPlugin<Context> {
  return {
    async requestDidStart({ contextValue, request }) {
      const started = performance.now();
      return {
        async willSendResponse({ errors }) {
          contextValue.log.info(
            {
              operation: request.operationName ?? null,
              ms: Math.round((performance.now() - started) * 10) / 10,
              errors: errors?.length ?? 0,
            },
            "graphql request",
          );
        },
      };
    },
  };
}

export async function startApiServer(services: AppServices): Promise<RunningApi> {
  const { config } = services;
  const schema = buildSchema();
  const limits: QueryLimits = {
    maxDepth: config.MAX_QUERY_DEPTH,
    maxCost: config.MAX_QUERY_COST,
    maxAliases: config.MAX_ALIASES,
  };
  const app = express();
  if (config.TRUST_PROXY) app.set("trust proxy", true);
  app.disable("x-powered-by");
  const httpServer = createServer(app);

  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: config.MAX_BODY_BYTES });
  const wsCleanup = useServer<Record<string, unknown>>(
    {
      schema,
      context: async (socketContext) => {
        const params = socketContext.connectionParams ?? {};
        const viewer = await viewerFromAuthorization(services, params.authorization ?? params.Authorization);
        const requestId = randomUUID();
        const ip = String(socketContext.extra.request.socket.remoteAddress ?? "unknown");
        if (!viewer.user) await limitAnonymousRequest(services, ip);
        return {
          ...services,
          log: services.log.child({ requestId, transport: "ws" }),
          requestId,
          ip,
          ...viewer,
          loaders: new RequestLoaders(),
          onContentChanged: () => publicCache.clear(),
        } satisfies Context;
      },
      validate: (wsSchema, document) => validateWithinLimits(wsSchema, document, limits),
    },
    wsServer,
  );

  const publicCache = publicResponseCache({
    ttlMs: config.PUBLIC_CACHE_TTL_MS,
    maxBytes: config.PUBLIC_CACHE_MAX_BYTES,
  });
  const apollo = new ApolloServer<Context>({
    schema,
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (onShutdownSignal): Apollo's own handler would re-raise the signal mid-drain.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: config.MAX_QUERY_TOKENS },
    formatError: formatError(services),
    plugins: [
      // No HTTP cache hints are used; skipping the per-field cache-control bookkeeping saves CPU.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      {
        async serverWillStart() {
          return {
            async drainServer() {
              await wsCleanup.dispose();
            },
          };
        },
      },
      requestLogger(),
      publicCache,
    ],
  });
  await apollo.start();

  app.use((req, res, next) => {
    const requestId =
      (typeof req.headers["x-request-id"] === "string" && req.headers["x-request-id"].slice(0, 100)) || randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    next();
  });
  mountOperations(app, services);
  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const report = await checkDependencies(services.db, services.redis);
    const down = Object.entries(report).flatMap(([name, state]) => (state === "down" ? [name] : []));
    res
      .status(down.length === 0 ? 200 : 503)
      .json({ status: down.length === 0 ? "ready" : "not ready", ...report, down });
  });
  app.use(
    "/graphql",
    express.json({ limit: config.MAX_BODY_BYTES }),
    queryLimitsMiddleware(schema, limits, config.MAX_QUERY_TOKENS),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => {
        const requestId = String(res.locals.requestId);
        const viewer = await viewerFromAuthorization(services, req.headers.authorization);
        const ip = req.ip ?? req.socket.remoteAddress ?? "unknown";
        if (!viewer.user) await limitAnonymousRequest(services, ip);
        return {
          ...services,
          log: services.log.child({ requestId }),
          requestId,
          ip,
          ...viewer,
          loaders: new RequestLoaders(),
          onContentChanged: () => publicCache.clear(),
        };
      },
    }),
  );
  // Body too large, malformed JSON: answer in GraphQL's error shape instead of an HTML page.
  app.use(
    (
      error: Error & { status?: number; type?: string },
      _req: express.Request,
      res: express.Response,
      next: express.NextFunction,
    ) => {
      if (res.headersSent) return next(error);
      const status = error.status ?? 500;
      const message =
        status === 413
          ? `Request body exceeds ${config.MAX_BODY_BYTES} bytes.`
          : status < 500
            ? error.message
            : "Internal server error";
      if (status >= 500) services.log.error({ err: error }, "http error");
      res.status(status).json({
        errors: [{ message, extensions: { code: status < 500 ? "BAD_USER_INPUT" : "INTERNAL_SERVER_ERROR" } }],
      });
    },
  );

  await new Promise<void>((resolve) => httpServer.listen(config.PORT, config.HOST, resolve));
  const address = httpServer.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}/graphql`;
  services.log.info({ url }, "api listening");

  let closing: Promise<void> | null = null;
  return {
    app,
    httpServer,
    url,
    close() {
      // Apollo's drain plugin stops new connections and waits for in-flight requests; then the sockets close.
      closing ??= (async () => {
        await apollo.stop();
        wsServer.close();
      })();
      return closing;
    },
  };
}
