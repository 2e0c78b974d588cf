import { createHash, timingSafeEqual } from "node:crypto";
import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import { Histogram, Registry } from "prom-client";
import type { Config } from "../config.ts";
import { withProcessMetrics } from "../lib/process-metrics.ts";
import { registerQueueDepth } from "../lib/queue-metrics.ts";
import { viewerFromAuthorization } from "../modules/auth/viewer.ts";
import type { AppServices } from "./context.ts";

export const QUEUE_DASHBOARD_PATH = "/admin/queues";
const TOKEN_COOKIE = "dojo_token";

/**
 * The API's own metrics: request latency and the grading queue's depth (graders export grading metrics), served
 * with the process's metrics when the entry point collected them (src/lib/process-metrics.ts).
 */
function createApiMetrics(
  services: AppServices,
  processMetrics: Registry | undefined,
): {
  registry: Registry;
  requestDuration: Histogram<"route" | "status">;
} {
  const registry = new Registry();
  registerQueueDepth(registry, services.gradeQueue);
  const requestDuration = new Histogram({
    name: "dojo_api_request_duration_seconds",
    help: "HTTP request duration",
    labelNames: ["route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return { registry: withProcessMetrics(registry, processMetrics), requestDuration };
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

const LOGIN_PATH = `${QUEUE_DASHBOARD_PATH}/login`;

const LOGIN_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Queue dashboard: sign in</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}input{width:100%}</style>
</head>
<body>
<h1>Queue dashboard</h1>
<form method="post" action="${LOGIN_PATH}">
<label>An admin's bearer token <input type="password" name="token" autocomplete="off" required></label>
<p><button type="submit">Open the dashboard</button></p>
</form>
</body>
</html>
`;

/** Browsers navigating to the dashboard are sent to the sign-in form; API clients get JSON. */
function wantsPage(req: Request): boolean {
  return req.method === "GET" && req.accepts(["json", "html"]) === "html";
}

/**
 * Admins only. Browsers cannot send a bearer header on navigation, so the sign-in form (a POST: the token never
 * appears in a URL, where logs, history and Referer headers would keep it) sets an HttpOnly, SameSite=Strict
 * cookie scoped to the dashboard, Secure in production; API clients send the usual Authorization header.
 */
function adminOnly(services: AppServices) {
  return async (req: Request, res: Response, next: NextFunction) => {
    if (typeof req.query.token === "string") {
      return void res.status(400).json({
        error: `Tokens do not belong in URLs (logs and browser history keep them): sign in at ${LOGIN_PATH}.`,
      });
    }
    const token = cookie(req, TOKEN_COOKIE);
    const header = req.headers.authorization ?? (token ? `Bearer ${token}` : undefined);
    try {
      const viewer = await viewerFromAuthorization(services.db, header);
      if (!viewer.user) {
        if (wantsPage(req)) return void res.redirect(303, LOGIN_PATH);
        return void res.status(401).json({ error: "Sign in as an admin: Authorization: Bearer <token>" });
      }
      if (viewer.user.role !== "ADMIN") return void res.status(403).json({ error: "Admins only" });
      next();
    } catch {
      if (wantsPage(req)) return void res.redirect(303, LOGIN_PATH);
      res.status(401).json({ error: "Unknown, revoked or expired token" });
    }
  };
}

/** The dashboard's sign-in form and its POST, which sets the dashboard's cookie for an admin's token. */
function mountDashboardLogin(app: Express, services: AppServices): void {
  const secure = services.config.NODE_ENV === "production" ? "; Secure" : "";
  app.get(LOGIN_PATH, (_req, res) => {
    res.type("html").send(LOGIN_PAGE);
  });
  app.post(LOGIN_PATH, express.urlencoded({ extended: false, limit: "4kb" }), async (req, res) => {
    const body: unknown = req.body;
    const token =
      body && typeof body === "object" && "token" in body && typeof body.token === "string" ? body.token.trim() : "";
    const viewer = await viewerFromAuthorization(services.db, token ? `Bearer ${token}` : undefined).catch(() => null);
    if (!viewer?.user) return void res.status(401).type("text").send("Unknown, revoked or expired token.\n");
    if (viewer.user.role !== "ADMIN") return void res.status(403).type("text").send("Admins only.\n");
    res.setHeader(
      "set-cookie",
      `${TOKEN_COOKIE}=${encodeURIComponent(token)}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict${secure}`,
    );
    res.redirect(303, `${QUEUE_DASHBOARD_PATH}/`);
  });
}

/**
 * /metrics: with METRICS_TOKEN set, only for `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time);
 * without it, open outside production (a development machine) and off in production, where request latencies and
 * queue depth are nobody else's business.
 */
function metricsAccess(config: Config) {
  const expected = config.METRICS_TOKEN ? createHash("sha256").update(`Bearer ${config.METRICS_TOKEN}`).digest() : null;
  return (req: Request, res: Response, next: NextFunction) => {
    if (expected) {
      const given = createHash("sha256")
        .update(req.headers.authorization ?? "")
        .digest();
      if (timingSafeEqual(given, expected)) return next();
      res.setHeader("www-authenticate", "Bearer");
      return void res.status(401).type("text").send("Authorization: Bearer <METRICS_TOKEN> required.\n");
    }
    if (config.NODE_ENV !== "production") return next();
    res
      .status(404)
      .type("text")
      .send("Metrics are off: set METRICS_TOKEN and scrape with Authorization: Bearer <it>.\n");
  };
}

/** /metrics (Prometheus) and the admin-only queue dashboard. */
export function mountOperations(app: Express, services: AppServices, processMetrics?: Registry): void {
  const metrics = createApiMetrics(services, processMetrics);
  app.use((req, res, next) => {
    const end = metrics.requestDuration.startTimer();
    // Read now: a router mounted on /graphql strips its path from req.path before the response finishes.
    const route = req.path === "/graphql" ? "/graphql" : "other";
    res.on("finish", () => end({ route, status: String(res.statusCode) }));
    next();
  });
  app.get("/metrics", metricsAccess(services.config), async (_req, res) => {
    res.setHeader("content-type", metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  const dashboard = new ExpressAdapter();
  dashboard.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(services.gradeQueue, { readOnlyMode: false })],
    serverAdapter: dashboard,
  });
  mountDashboardLogin(app, services);
  app.use(QUEUE_DASHBOARD_PATH, adminOnly(services), dashboard.getRouter());
}
