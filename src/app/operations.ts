import { createBullBoard } from "@bull-board/api";
import { BullMQAdapter } from "@bull-board/api/bullMQAdapter";
import { ExpressAdapter } from "@bull-board/express";
import type { Express, NextFunction, Request, Response } from "express";
import { collectDefaultMetrics, Histogram, Registry } from "prom-client";
import { registerQueueDepth } from "../lib/queue-metrics.ts";
import { viewerFromAuthorization } from "../modules/auth/viewer.ts";
import type { AppServices } from "./context.ts";

export const QUEUE_DASHBOARD_PATH = "/admin/queues";
const TOKEN_COOKIE = "dojo_token";

/** The API's own metrics: request latency and the grading queue's depth (graders export grading metrics). */
function createApiMetrics(services: AppServices): {
  registry: Registry;
  requestDuration: Histogram<"route" | "status">;
} {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "dojo_api_" });
  registerQueueDepth(registry, services.gradeQueue);
  const requestDuration = new Histogram({
    name: "dojo_api_request_duration_seconds",
    help: "HTTP request duration",
    labelNames: ["route", "status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return { registry, requestDuration };
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const [key, ...value] = part.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

/**
 * Admins only. Browsers cannot send a bearer header on navigation, so `?token=` once sets an
 * HttpOnly cookie scoped to the dashboard; API clients send the usual Authorization header.
 */
function adminOnly(services: AppServices) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const queryToken = typeof req.query.token === "string" ? req.query.token : undefined;
    const token = queryToken ?? cookie(req, TOKEN_COOKIE);
    const header = req.headers.authorization ?? (token ? `Bearer ${token}` : undefined);
    try {
      const viewer = await viewerFromAuthorization(services.db, header);
      if (!viewer.user)
        return void res.status(401).json({ error: "Sign in as an admin: Authorization: Bearer <token>" });
      if (viewer.user.role !== "ADMIN") return void res.status(403).json({ error: "Admins only" });
      if (queryToken) {
        res.setHeader(
          "set-cookie",
          `${TOKEN_COOKIE}=${encodeURIComponent(queryToken)}; Path=${QUEUE_DASHBOARD_PATH}; HttpOnly; SameSite=Strict`,
        );
      }
      next();
    } catch {
      res.status(401).json({ error: "Unknown, revoked or expired token" });
    }
  };
}

/** /metrics (Prometheus) and the admin-only queue dashboard. */
export function mountOperations(app: Express, services: AppServices): void {
  const metrics = createApiMetrics(services);
  app.use((req, res, next) => {
    const end = metrics.requestDuration.startTimer();
    // Read now: a router mounted on /graphql strips its path from req.path before the response finishes.
    const route = req.path === "/graphql" ? "/graphql" : "other";
    res.on("finish", () => end({ route, status: String(res.statusCode) }));
    next();
  });
  app.get("/metrics", async (_req, res) => {
    res.setHeader("content-type", metrics.registry.contentType);
    res.send(await metrics.registry.metrics());
  });

  const dashboard = new ExpressAdapter();
  dashboard.setBasePath(QUEUE_DASHBOARD_PATH);
  createBullBoard({
    queues: [new BullMQAdapter(services.gradeQueue, { readOnlyMode: false })],
    serverAdapter: dashboard,
  });
  app.use(QUEUE_DASHBOARD_PATH, adminOnly(services), dashboard.getRouter());
}
