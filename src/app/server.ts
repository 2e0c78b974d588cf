import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express } from "express";
import type { Registry } from "prom-client";
import { WebSocketServer } from "ws";
import { compiledExecutionGateway } from "../graphql/compiled-executor.ts";
import { apiErrorFormatter, errorLocalePlugin } from "../graphql/errors.ts";
import { queryLimitsMiddleware } from "../graphql/limits.ts";
import { operationResolutionPlugin } from "../graphql/operation-resolution.ts";
import { publicResponseCache } from "../graphql/public-cache.ts";
import { graphqlRequestSpan, graphqlTracingPlugin } from "../graphql/tracing.ts";
import {
  MANIFEST_FILE,
  readTrustedDocuments,
  trustedDocumentsCache,
  trustedDocumentsPlugin,
} from "../graphql/trusted-documents.ts";
import { userBudgetPlugin } from "../graphql/user-budget.ts";
import { checkDependencies } from "../lib/dependencies.ts";
import { tracingEnabled } from "../lib/tracing.ts";
import { clientAddress, trustFunction } from "./client-address.ts";
import { type AppContext, type AppServices, buildContext } from "./context.ts";
import { corsMiddleware } from "./cors.ts";
import { GRAPHQL_PATH, mountExplorer } from "./explorer.ts";
import { mountFavicon } from "./favicon.ts";
import { mountOperations } from "./operations.ts";
import { buildSchema } from "./schema.ts";
import { apiQueryLimits, apiValidationRules } from "./validation.ts";
import { serveGraphqlOverWebSocket } from "./websocket.ts";

export type RunningApi = {
  app: Express;
  httpServer: Server;
  url: string;
  close(): Promise<void>;
};

function requestLogger(): ApolloServerPlugin<AppContext> {
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

export type ApiServerOptions = {
  /** The process's own metrics, served on /metrics beside the API's (collected once per process). */
  processMetrics?: Registry;
};

export async function startApiServer(services: AppServices, options: ApiServerOptions = {}): Promise<RunningApi> {
  const { config } = services;
  const schema = buildSchema();
  const limits = apiQueryLimits(config);
  const validationRules = apiValidationRules(config);
  const app = express();
  // One rule for the client's address (TRUST_PROXY), for req.ip and for WebSocket upgrades alike.
  const trustProxy = trustFunction(config.TRUST_PROXY);
  app.set("trust proxy", trustProxy);
  app.disable("x-powered-by");
  // No ETag: a GraphQL POST is never revalidated, and hashing every response body cost CPU on each request.
  app.set("etag", false);
  const httpServer = createServer(app);

  const formatError = apiErrorFormatter(services.log, { hideSchemaDetails: !config.introspection });
  const publicCache = publicResponseCache<AppContext>({
    ttlMs: config.PUBLIC_CACHE_TTL_MS,
    maxBytes: config.PUBLIC_CACHE_MAX_BYTES,
  });
  const onContentChanged = () => publicCache.clear();
  const trustedDocuments = config.TRUSTED_DOCUMENTS_ONLY
    ? readTrustedDocuments(new URL(`../../${MANIFEST_FILE}`, import.meta.url))
    : null;

  const wsServer = new WebSocketServer({ server: httpServer, path: GRAPHQL_PATH, maxPayload: config.MAX_BODY_BYTES });
  const wsCleanup = serveGraphqlOverWebSocket(wsServer, {
    services,
    schema,
    limits,
    validationRules,
    formatError,
    onContentChanged,
    trustedDocuments,
    clientAddress: (request) => clientAddress(request, trustProxy),
  });

  const apollo = new ApolloServer<AppContext>({
    // The schema, served through compiled execution (see compiled-executor.ts).
    gateway: compiledExecutionGateway(schema),
    // Introspection is refused (when config.introspection is off) by apiValidationRules, the rules the
    // WebSocket path runs too; Apollo's own switch would cover HTTP only.
    introspection: true,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (onShutdownSignal): Apollo's own handler would re-raise the signal mid-drain.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: config.MAX_QUERY_TOKENS },
    validationRules,
    formatError,
    // Automatic persisted queries stay on; with trusted documents only, the manifest is the only store.
    ...(trustedDocuments && { persistedQueries: { cache: trustedDocumentsCache(trustedDocuments) } }),
    plugins: [
      // No HTTP cache hints are used; skipping the per-field cache-control bookkeeping saves CPU.
      ApolloServerPluginCacheControlDisabled(),
      // Apollo's landing pages load from a CDN: the explorer (explorer.ts) is served from node_modules instead.
      ApolloServerPluginLandingPageDisabled(),
      operationResolutionPlugin<AppContext>(),
      errorLocalePlugin<AppContext>(),
      userBudgetPlugin<AppContext>(schema, limits),
      ...(trustedDocuments ? [trustedDocumentsPlugin<AppContext>(trustedDocuments)] : []),
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
      // Only while tracing is on: with it off, a request runs no tracing code at all.
      ...(tracingEnabled() ? [graphqlTracingPlugin<AppContext>()] : []),
      publicCache,
    ],
  });
  await apollo.start();

  app.use(corsMiddleware(config));
  app.use((req, res, next) => {
    const requestId =
      (typeof req.headers["x-request-id"] === "string" && req.headers["x-request-id"].slice(0, 100)) || randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("x-request-id", requestId);
    next();
  });
  mountOperations(app, services, options.processMetrics);
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
  mountFavicon(app);
  mountExplorer(app, config);
  app.use(
    GRAPHQL_PATH,
    ...(tracingEnabled() ? [graphqlRequestSpan()] : []),
    // A response's texts follow Accept-Language when the client names no locale: caches must key on it.
    (_req: express.Request, res: express.Response, next: express.NextFunction) => {
      res.vary("Accept-Language");
      next();
    },
    express.json({ limit: config.MAX_BODY_BYTES }),
    queryLimitsMiddleware(schema, limits, config.MAX_QUERY_TOKENS),
    expressMiddleware(apollo, {
      context: ({ req, res }) =>
        buildContext(
          services,
          {
            authorization: req.headers.authorization,
            ip: clientAddress(req, trustProxy),
            acceptLanguage: req.headers["accept-language"],
            requestId: String(res.locals.requestId),
            transport: "http",
          },
          onContentChanged,
        ),
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
