import type { Queue } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Db } from "../db.ts";
import type { SubmissionEvents } from "../modules/submissions/events.ts";
import type { GradeJobData } from "../modules/submissions/queue.ts";
import { forbidden, unauthenticated } from "./errors.ts";
import type { RequestLoaders } from "./loaders.ts";

export type AuthUser = {
  id: string;
  handle: string;
  email: string;
  role: "LEARNER" | "ADMIN";
  timeZone: string;
};

/** Services shared by every request of one API process. */
export type AppServices = {
  config: Config;
  db: Db;
  redis: Redis;
  log: Logger;
  gradeQueue: Queue<GradeJobData>;
  submissionEvents: SubmissionEvents;
};

// A `type`, not an `interface`: graphql-ws's useServer generic rejects interfaces.
export type Context = AppServices & {
  requestId: string;
  ip: string;
  user: AuthUser | null;
  /** The bearer token of the request, when one was sent and is valid. */
  token: string | null;
  loaders: RequestLoaders;
  /** Called after an admin changes content, so cached public responses of this process are dropped. */
  onContentChanged(): void;
};

export function requireUser(ctx: Context): AuthUser {
  if (!ctx.user) throw unauthenticated();
  return ctx.user;
}

export function requireAdmin(ctx: Context): AuthUser {
  const user = requireUser(ctx);
  if (user.role !== "ADMIN") throw forbidden("Only admins can do this.");
  return user;
}
