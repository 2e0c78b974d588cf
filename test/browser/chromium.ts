import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

const CANDIDATES = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

/** Debian's chromium (or CHROMIUM_PATH); null when none is installed. */
export function findChromium(): string | null {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

/**
 * Whether the browser tests can run here. Without a browser they are skipped with a printed reason, unless
 * BROWSER_TESTS_REQUIRED=true (CI installs chromium and sets it, so CI never skips them silently).
 */
export function browserOrSkipReason(): { executable: string } | { skip: string } {
  const executable = findChromium();
  if (executable) return { executable };
  const reason =
    "browser tests skipped: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH to a Chrome/Chromium binary)";
  if (process.env.BROWSER_TESTS_REQUIRED === "true") throw new Error(`${reason}, and BROWSER_TESTS_REQUIRED=true`);
  return { skip: reason };
}

export function launchChromium(executable: string): Promise<Browser> {
  // Chromium refuses to start its sandbox as root (containers, CI); the pages it opens are our own.
  const asRoot = process.getuid?.() === 0;
  return chromium.launch({ executablePath: executable, args: asRoot ? ["--no-sandbox"] : [] });
}
