import cors from "cors";
import type { RequestHandler } from "express";
import type { Config } from "../config.ts";

/** Any port on the loopback names: what a front-end dev server (Vite, Next, …) runs on. */
const LOCALHOST_ORIGIN = /^https?:\/\/(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

/** Browsers cache a preflight at most 2 h (Chromium) and 24 h (Firefox): 2 h saves the extra round trip. */
const PREFLIGHT_MAX_AGE_SECONDS = 7200;

/**
 * Which origins may call the API from a browser: exactly CORS_ORIGINS when set; otherwise none in production
 * and any localhost origin in development and test. Credentials are allowed (cookies for the queue dashboard).
 */
export function allowedOrigin(config: Pick<Config, "CORS_ORIGINS" | "NODE_ENV">): (origin: string) => boolean {
  if (config.CORS_ORIGINS) {
    const allowed = new Set(config.CORS_ORIGINS);
    return (origin) => allowed.has(origin);
  }
  if (config.NODE_ENV === "production") return () => false;
  return (origin) => LOCALHOST_ORIGIN.test(origin);
}

/** The `cors` middleware for the whole app; a refused origin simply gets no CORS headers (the browser blocks it). */
export function corsMiddleware(config: Pick<Config, "CORS_ORIGINS" | "NODE_ENV">): RequestHandler {
  const isAllowed = allowedOrigin(config);
  return cors({
    origin: (origin, callback) => callback(null, origin !== undefined && isAllowed(origin)),
    credentials: true,
    // What Apollo Client, urql, graphql-request and GraphiQL send; the Apollo ones also satisfy CSRF prevention.
    allowedHeaders: [
      "authorization",
      "content-type",
      "apollo-require-preflight",
      "x-apollo-operation-name",
      "apollographql-client-name",
      "apollographql-client-version",
      "x-request-id",
    ],
    exposedHeaders: ["x-request-id"],
    methods: ["GET", "POST", "OPTIONS"],
    maxAge: PREFLIGHT_MAX_AGE_SECONDS,
  });
}
