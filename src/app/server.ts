import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApolloServer, type ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import { ApolloServerPluginDrainHttpServer } from "@apollo/server/plugin/drainHttpServer";
import { expressMiddleware } from "@as-integrations/express5";
import express, { type Express } from "express";
import { specifiedRules, validate } from "graphql";
import { useServer } from "graphql-ws/use/ws";
import { WebSocketServer } from "ws";
import { compiledExecutionGateway } from "../graphql/compiled-executor.ts";
import { apiErrorFormatter } from "../graphql/errors.ts";
import { queryLimitsRule } from "../graphql/limits.ts";
import { publicResponseCache } from "../graphql/public-cache.ts";
import { type AppContext, type AppServices, buildContext } from "./context.ts";
import { mountOperations } from "./operations.ts";
import { buildSchema } from "./schema.ts";

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

export async function startApiServer(services: AppServices): Promise<RunningApi> {
  const { config } = services;
  const schema = buildSchema();
  const limitsRule = queryLimitsRule({ maxDepth: config.MAX_QUERY_DEPTH, maxCost: config.MAX_QUERY_COST });
  const app = express();
  if (config.TRUST_PROXY) app.set("trust proxy", true);
  app.disable("x-powered-by");
  // No ETag: a GraphQL POST is never revalidated, and hashing every response body cost CPU on each request.
  app.set("etag", false);
  const httpServer = createServer(app);

  const formatError = apiErrorFormatter(services.log);
  const publicCache = publicResponseCache<AppContext>(config.PUBLIC_CACHE_TTL_MS);
  const onContentChanged = () => publicCache.clear();

  const wsServer = new WebSocketServer({ server: httpServer, path: "/graphql", maxPayload: config.MAX_BODY_BYTES });
  const wsCleanup = useServer<Record<string, unknown>>(
    {
      schema,
      context: (socketContext) => {
        const params = socketContext.connectionParams ?? {};
        const ip = String(socketContext.extra.request.socket.remoteAddress ?? "unknown");
        return buildContext(
          services,
          { authorization: params.authorization ?? params.Authorization, ip, transport: "ws" },
          onContentChanged,
        );
      },
      validate: (wsSchema, document) => validate(wsSchema, document, [...specifiedRules, limitsRule]),
      // The same error mapping as HTTP: results' errors, and errors thrown while a subscription streams.
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((error) => formatError(error.toJSON(), error)) }
          : result,
      // Errors without an original error are the document's own (validation): they pass as they are.
      onError: (_ctx, _id, _payload, errors) =>
        errors.map((error) => (error.originalError ? formatError(error.toJSON(), error) : error.toJSON())),
    },
    wsServer,
  );

  const apollo = new ApolloServer<AppContext>({
    // The schema, served through compiled execution (see compiled-executor.ts).
    gateway: compiledExecutionGateway(schema),
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    // Shutdown is ours (onShutdownSignal): Apollo's own handler would re-raise the signal mid-drain.
    stopOnTerminationSignals: false,
    validationRules: [limitsRule],
    formatError,
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
    const checks = await Promise.allSettled([services.db.$queryRaw`SELECT 1`, services.redis.ping()]);
    const [postgres, redis] = checks.map((check) => (check.status === "fulfilled" ? "ok" : "down"));
    const ready = postgres === "ok" && redis === "ok";
    res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not ready", postgres, redis });
  });
  app.use(
    "/graphql",
    express.json({ limit: config.MAX_BODY_BYTES }),
    expressMiddleware(apollo, {
      context: ({ req, res }) =>
        buildContext(
          services,
          {
            authorization: req.headers.authorization,
            ip: req.ip ?? req.socket.remoteAddress ?? "unknown",
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
