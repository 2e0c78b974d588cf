import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, jest } from "@jest/globals";
import type { Browser, Page } from "playwright-core";
import { signUpUser, startTestApi, type TestApi } from "../helpers/api.ts";
import { uniqueSuffix } from "../helpers/env.ts";
import { createQuestion } from "../helpers/fixtures.ts";
import { itInBrowser, launchChromium } from "./chromium.ts";

// Loading the explorer parses ~9 MB of JavaScript: slow with both cores busy.
jest.setTimeout(120_000);

/** A page on another origin than the API, served by a bare HTTP server. */
function startPageServer(): Promise<Server> {
  const server = createServer((_req, res) => {
    res.setHeader("content-type", "text/html");
    res.end("<!doctype html><title>a front-end app</title><p>app</p>");
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

const RESPONSE = ".graphiql-response";

async function replaceEditorText(page: Page, selector: string, text: string): Promise<void> {
  await page.locator(selector).click();
  await page.keyboard.press("Control+A");
  await page.keyboard.press("Delete");
  await page.keyboard.insertText(text);
}

/**
 * Clicks Run until the response pane shows `expected` (GraphiQL reads an edited document after a debounce);
 * returns the pane's text with its whitespace (the editor renders non-breaking spaces) made single spaces.
 */
async function runUntilResponseContains(page: Page, expected: string): Promise<string> {
  let text = "";
  for (let attempt = 0; attempt < 20; attempt++) {
    await page.click(".graphiql-execute-button");
    try {
      await page.locator(RESPONSE).filter({ hasText: expected }).waitFor({ timeout: 3_000 });
      return ((await page.locator(RESPONSE).textContent()) ?? "").replace(/\s+/g, " ");
    } catch {
      text = (await page.locator(RESPONSE).textContent()) ?? "";
    }
  }
  throw new Error(`the response pane never showed ${expected}; it shows:\n${text}`);
}

describe("in Chromium", () => {
  let t: TestApi;
  let browser: Browser;
  let pageServer: Server;
  let pagePort: number;
  const marker = uniqueSuffix();
  const firstSlugs: string[] = [];

  beforeAll(async () => {
    pageServer = await startPageServer();
    pagePort = (pageServer.address() as AddressInfo).port;
    t = await startTestApi({ CORS_ORIGINS: `http://localhost:${pagePort}` });
    // The three oldest questions, so `questions(first: 3)` returns exactly these whatever other files create.
    for (let i = 0; i < 3; i++) {
      const createdAt = new Date(Date.UTC(2000, 0, 1, 0, 0, i));
      firstSlugs.push((await createQuestion(t.db, "browser", { slug: `browser-${marker}-${i}`, createdAt })).slug);
    }
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t.close();
    await new Promise((resolve) => pageServer.close(resolve));
  });

  itInBrowser("opens the explorer without any request elsewhere and runs questions(first: 3)", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
    const apiOrigin = new URL(t.api.url).origin;
    const elsewhere: string[] = [];
    page.on("request", (request) => {
      const url = request.url();
      if (!url.startsWith(apiOrigin) && !url.startsWith("blob:") && !url.startsWith("data:")) elsewhere.push(url);
    });
    await page.goto(t.api.url);
    await page.waitForSelector(".graphiql-execute-button");
    // The default document is `query FirstQuestions { questions(first: 3) … }`.
    const response = await runUntilResponseContains(page, firstSlugs[2] ?? "");
    const shown = firstSlugs.map((slug) => response.indexOf(slug));
    expect(shown.every((index) => index >= 0)).toBe(true);
    expect([...shown].sort((a, b) => a - b)).toEqual(shown);
    expect(elsewhere).toEqual([]);
    await page.close();
  });

  itInBrowser("loads the schema into the Docs pane (GraphiQL's introspection query passes validation)", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
    await page.goto(t.api.url);
    await page.waitForSelector(".graphiql-execute-button");
    await page.click('button[aria-label="Show Documentation Explorer"]');
    const docs = page.locator(".graphiql-doc-explorer");
    // The root types come from the schema; on a refused introspection the pane says "Error fetching schema".
    await docs.filter({ hasText: /Root Types|Error fetching schema/ }).waitFor({ timeout: 60_000 });
    expect(await docs.textContent()).not.toContain("Error fetching schema");
    await docs.getByText("Query", { exact: true }).first().click();
    await docs.filter({ hasText: "questions" }).waitFor({ timeout: 10_000 });
    expect(await docs.textContent()).not.toContain("Error fetching schema");
    await page.close();
  });

  itInBrowser(
    "sends the bearer header typed in the Headers editor, and runs subscriptions over graphql-ws",
    async () => {
      const learner = await signUpUser(t);
      const page = await browser.newPage({ viewport: { width: 1400, height: 1200 } });
      const socketUrls: string[] = [];
      const subscribeFrames: string[] = [];
      page.on("websocket", (socket) => {
        socketUrls.push(socket.url());
        socket.on("framesent", (frame) => {
          if (String(frame.payload).includes('"subscribe"')) subscribeFrames.push(String(frame.payload));
        });
      });
      await page.goto(t.api.url);
      await page.waitForSelector(".graphiql-execute-button");
      await replaceEditorText(
        page,
        ".graphiql-editor-tool .graphiql-editor:not(.hidden)",
        JSON.stringify({ Authorization: `Bearer ${learner.token}` }),
      );
      await replaceEditorText(page, ".graphiql-query-editor .graphiql-editor", "query Me { me { handle } }");
      const me = await runUntilResponseContains(page, learner.handle);
      expect(me).toContain(`"handle": "${learner.handle}"`);

      await replaceEditorText(
        page,
        ".graphiql-query-editor .graphiql-editor",
        'subscription Live { submissionUpdated(id: "00000000-0000-4000-8000-000000000000") { status } }',
      );
      // A server's error: GraphiQL's own "Cannot infer operation Me" (its operation name not yet updated after the
      // editor's text was replaced) also says "errors", but was never sent.
      await runUntilResponseContains(page, '"extensions"');
      expect(socketUrls).toContain(t.api.url.replace(/^http/, "ws"));
      expect(subscribeFrames.some((frame) => frame.includes("submissionUpdated"))).toBe(true);
      await page.close();
    },
  );

  itInBrowser(
    "lets a page on an allowed origin call the API, and blocks the same page on another origin (CORS)",
    async () => {
      const page = await browser.newPage();
      const call = (apiUrl: string) =>
        page.evaluate(async (url) => {
          try {
            const response = await fetch(url, {
              method: "POST",
              credentials: "include",
              headers: { "content-type": "application/json" },
              body: JSON.stringify({ query: "{ topics { slug } }" }),
            });
            return { reached: true, status: response.status, body: await response.text() };
          } catch (error) {
            return { reached: false, error: String(error) };
          }
        }, apiUrl);

      await page.goto(`http://localhost:${pagePort}/`);
      const allowed = await call(t.api.url);
      expect(allowed).toMatchObject({ reached: true, status: 200 });
      expect(JSON.parse((allowed as { body: string }).body)).toHaveProperty("data.topics");

      await page.goto(`http://127.0.0.1:${pagePort}/`);
      const refused = await call(t.api.url);
      expect(refused).toMatchObject({ reached: false, error: expect.stringContaining("Failed to fetch") });
      await page.close();
    },
  );
});
