import { promisify } from "node:util";
import { gzip } from "node:zlib";
import type { Express, Request, Response } from "express";
import { QUEUE_DASHBOARD_PATH } from "./operations.ts";

export const GRAPHQL_PATH = "/graphql";

const DEFAULT_QUERY = /* GraphQL */ `# Signed in? Put {"Authorization": "Bearer <token>"} in the Headers tab below.
# Subscriptions (submissionUpdated) run over graphql-ws on this same path.
query FirstQuestions {
  questions(first: 3) {
    totalCount
    edges { node { slug title(locale: EN) difficulty } }
  }
}
`;

type ExplorerPage = { html: Buffer; gzip: Buffer };

let page: Promise<ExplorerPage> | null = null;

/**
 * GraphiQL (the build that graphql-yoga publishes, with React, the editor and its workers inlined: no CDN
 * request), rendered on the first visit: importing it takes ~275 ms and ~18 MB that an API nobody browses should
 * not pay at start. The page is 9.05 MB; gzip (~0.7 s once, off the event loop) makes it 2.44 MB.
 */
function explorerPage(): Promise<ExplorerPage> {
  page ??= (async () => {
    const { renderGraphiQL } = await import("@graphql-yoga/render-graphiql");
    const html = Buffer.from(
      renderGraphiQL({
        title: "infra-dojo GraphQL explorer",
        endpoint: GRAPHQL_PATH,
        subscriptionsProtocol: "WS",
        defaultQuery: DEFAULT_QUERY,
        headers: "{}",
        isHeadersEditorEnabled: true,
        defaultEditorToolsVisibility: "headers",
        shouldPersistHeaders: false,
      }),
    );
    return { html, gzip: await promisify(gzip)(html) };
  })();
  page.catch(() => {
    page = null;
  });
  return page;
}

/** A browser navigation (HTML preferred over JSON) without a query in the URL, i.e. not a GET operation. */
function wantsExplorer(req: Request): boolean {
  return (
    req.query.query === undefined && req.query.extensions === undefined && req.accepts(["json", "html"]) === "html"
  );
}

async function sendExplorer(req: Request, res: Response): Promise<void> {
  const { html, gzip: compressed } = await explorerPage();
  res.setHeader("content-type", "text/html; charset=utf-8");
  res.setHeader("cache-control", "no-cache");
  res.setHeader("vary", "accept, accept-encoding");
  if (req.acceptsEncodings("gzip") === "gzip") {
    res.setHeader("content-encoding", "gzip");
    res.send(compressed);
  } else {
    res.send(html);
  }
}

const LANDING_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>infra-dojo API</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code{font-size:.9em}</style>
</head>
<body>
<h1>infra-dojo API</h1>
<ul>
<li><a href="${GRAPHQL_PATH}">GraphQL explorer</a> — <code>POST ${GRAPHQL_PATH}</code>, graphql-ws on the same path</li>
<li><a href="/healthz">Health</a> and <a href="/readyz">readiness</a></li>
<li><a href="/metrics">Metrics</a> (Prometheus; with METRICS_TOKEN set, send it as a bearer token)</li>
<li><a href="${QUEUE_DASHBOARD_PATH}">Queue dashboard</a> (admins: sign in with a token once)</li>
</ul>
</body>
</html>
`;

/** The settings that decide the explorer: GRAPHQL_EXPLORER as given, and the resulting switches (config.ts). */
export type ExplorerSettings = { explorer: boolean; introspection: boolean; GRAPHQL_EXPLORER?: boolean };

/**
 * What turns the explorer on, for the pages that say it is off. GraphiQL loads the schema through introspection, so
 * with introspection off (production's default) GRAPHQL_EXPLORER=true alone would serve an explorer without one.
 */
export function explorerSwitch(settings: ExplorerSettings): string {
  if (settings.introspection) return "GRAPHQL_EXPLORER=true turns it on";
  if (settings.GRAPHQL_EXPLORER === false) {
    return "GRAPHQL_INTROSPECTION=true and GRAPHQL_EXPLORER=true turn it on (it loads the schema by introspection)";
  }
  return "GRAPHQL_INTROSPECTION=true turns it on (it loads the schema by introspection; GRAPHQL_EXPLORER follows)";
}

export function landingPage(settings: ExplorerSettings): string {
  if (!settings.explorer) {
    return LANDING_PAGE.replace(
      `<a href="${GRAPHQL_PATH}">GraphQL explorer</a>`,
      `GraphQL (the explorer is off: ${explorerSwitch(settings)})`,
    );
  }
  if (settings.introspection) return LANDING_PAGE;
  return LANDING_PAGE.replace(
    `<a href="${GRAPHQL_PATH}">GraphQL explorer</a>`,
    `<a href="${GRAPHQL_PATH}">GraphQL explorer</a> (without the schema: introspection is off; ` +
      "GRAPHQL_INTROSPECTION=true gives it one)",
  );
}

/**
 * `GET /`: a short page of links. `GET /graphql` from a browser: the explorer when enabled; otherwise a
 * plain 404 that says how to enable it (Apollo's own landing pages load from a CDN and are disabled).
 */
export function mountExplorer(app: Express, settings: ExplorerSettings): void {
  const landing = landingPage(settings);
  const disabled = `The GraphQL explorer is disabled here; ${explorerSwitch(settings)}.\n`;
  app.get("/", (_req, res) => {
    res.type("html").send(landing);
  });
  // Express 5 passes a rejected handler's error on to the error middleware.
  app.get(GRAPHQL_PATH, async (req, res, next) => {
    if (!wantsExplorer(req)) return next();
    if (settings.explorer) return sendExplorer(req, res);
    res.status(404).type("text").send(disabled);
  });
}
