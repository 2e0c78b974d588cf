import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";
import { itWhen } from "../helpers/capabilities.ts";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

const executable = findChromium();

/**
 * Debian's chromium (or CHROMIUM_PATH). Absent, the browser tests are skipped visibly (the reason in their names
 * and on the console); CI installs chromium and sets BROWSER_TESTS_REQUIRED=true, so there they run, and fail.
 */
export const CHROMIUM = {
  present: executable !== null,
  required: process.env.BROWSER_TESTS_REQUIRED === "true",
  missing: "Chromium (apt-get install chromium, or set CHROMIUM_PATH)",
};

export const itInBrowser = itWhen(CHROMIUM);

export function launchChromium(): Promise<Browser> {
  if (!executable) throw new Error(`BROWSER_TESTS_REQUIRED=true but there is no ${CHROMIUM.missing}`);
  // Chromium refuses to start its sandbox as root (containers, CI); the pages it opens are our own.
  const asRoot = process.getuid?.() === 0;
  return chromium.launch({ executablePath: executable, args: asRoot ? ["--no-sandbox"] : [] });
}
