import type { Logger } from "pino";
import type { Config } from "../config.ts";
import type { Db } from "../db.ts";
import type { Locale } from "../lib/locale.ts";
import type { RedisClient } from "../lib/redis-connection.ts";
import type { RequestLoaders } from "./loaders.ts";

/** The connections every request of one API process shares. */
export type BaseServices = {
  config: Config;
  db: Db;
  redis: RedisClient;
  log: Logger;
};

/**
 * What every GraphQL request carries, whatever the feature. `TUser` is the signed-in requester as the auth
 * module defines it; feature modules add the services they need on top (see src/app/context.ts).
 */
// A `type`, not an `interface`: graphql-ws's useServer generic rejects interfaces.
export type RequestContext<TUser> = BaseServices & {
  requestId: string;
  ip: string;
  user: TUser | null;
  /**
   * The locale of every text field whose \`locale\` argument is omitted, and of error messages: the user's saved
   * preference, else the request's Accept-Language, else ZH (resolved once, in buildContext).
   */
  locale: Locale;
  /** The request's Accept-Language locale (null: it names neither), for when the requester changes (sign-in). */
  acceptLanguageLocale: Locale | null;
  /** The bearer token of the request, when one was sent and is valid. */
  token: string | null;
  loaders: RequestLoaders;
  /** Called after an admin changes content, so cached public responses of this process are dropped. */
  onContentChanged(): void;
};
