import { randomUUID } from "node:crypto";
import { limitAnonymousRequest } from "../graphql/anonymous-limit.ts";
import type { BaseServices, RequestContext } from "../graphql/context.ts";
import { requestError } from "../graphql/errors.ts";
import { RequestLoaders } from "../graphql/loaders.ts";
import { DEFAULT_LOCALE, localeFromAcceptLanguage } from "../lib/locale.ts";
import type { AuthUser } from "../modules/auth/context.ts";
import { viewerFromAuthorization } from "../modules/auth/viewer.ts";
import type { SubmissionServices } from "../modules/submissions/service.ts";

/** Services shared by every request of one API process. */
export type AppServices = BaseServices & SubmissionServices;

/** The context of one GraphQL request or WebSocket operation: it satisfies every feature module's context. */
export type AppContext = AppServices & RequestContext<AuthUser>;

/** What the transport knows about the request; the rest of the context does not depend on it. */
export type RequestInfo = {
  authorization: unknown;
  ip: string;
  /** The client's X-Request-Id (HTTP); a fresh one otherwise. */
  requestId?: string;
  /** The request's Accept-Language (over WebSocket: the connection request's). */
  acceptLanguage?: string;
  transport: "http" | "ws";
};

/** Builds the context once per request, for HTTP and WebSocket alike; bad credentials fail the whole request. */
export async function buildContext(
  services: AppServices,
  request: RequestInfo,
  onContentChanged: () => void,
): Promise<AppContext> {
  const acceptLanguageLocale = localeFromAcceptLanguage(request.acceptLanguage);
  // A refusal while the context is built speaks the request's language (the requester is not known yet).
  const headerLocale = acceptLanguageLocale ?? DEFAULT_LOCALE;
  const viewer = await viewerFromAuthorization(services.db, request.authorization).catch((error: unknown) => {
    throw requestError(error, headerLocale);
  });
  // Clients without a token are limited per IP on both transports (see anonymous-limit.ts).
  if (!viewer.user) {
    await limitAnonymousRequest(services, request.ip).catch((error: unknown) => {
      throw requestError(error, headerLocale);
    });
  }
  const requestId = request.requestId ?? randomUUID();
  return {
    ...services,
    log: services.log.child(request.transport === "ws" ? { requestId, transport: "ws" } : { requestId }),
    requestId,
    ip: request.ip,
    ...viewer,
    // The one place a request's locale is resolved: explicit arguments are applied on top (withRequestLocale, src/graphql/locale-arguments.ts).
    locale: viewer.user?.preferredLocale ?? headerLocale,
    acceptLanguageLocale,
    loaders: new RequestLoaders(),
    onContentChanged,
  };
}
