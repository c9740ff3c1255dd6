/**
 * Real headless Chromium for the console's browser tests, driven by playwright-core: Debian's
 * chromium (/usr/bin/chromium, or CHROMIUM_PATH), one browser per test file in a fresh profile.
 * Without Chromium the suites are skipped with a printed NOTICE; in CI (REQUIRE_TEST_SERVICES=1,
 * set by .ci/run, which installs the package) a missing Chromium fails the run instead.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { REPO_ROOT } from "./run-command.js";

const CANDIDATES = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter((p): p is string => !!p);

/** Without these Chromium stalls on machines with no network (it waits for its background services). */
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export const SCREENSHOT_DIR = path.join(REPO_ROOT, "test-results");

/** Where Chromium is, or null (after a NOTICE) when the browser suites should be skipped. Throws in CI. */
export function findChromium(): string | null {
  const found = CANDIDATES.find((p) => fs.existsSync(p)) ?? null;
  if (found) return found;
  const line = `no Chromium found (looked at ${CANDIDATES.join(", ")})`;
  if (process.env.REQUIRE_TEST_SERVICES === "1") throw new Error(`${line}: REQUIRE_TEST_SERVICES=1 (CI) needs it; install the chromium package (.ci/run does) and run again`);
  console.warn(`\nNOTICE: ${line}: the console's browser tests are SKIPPED. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH to run them.\n`);
  return null;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** A full-page screenshot to test-results/console-<name>.png (for review), and its path. */
  screenshot(name: string, page?: Page): Promise<string>;
  close(): Promise<void>;
}

export async function launchBrowser(executablePath: string): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "chromium-profile-"));
  // A persistent context is how a profile folder of our own is given (--user-data-dir in args is refused).
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    locale: "zh-CN",
    timeout: 60_000,
  });
  context.setDefaultTimeout(15_000);
  const page = context.pages()[0] ?? (await context.newPage());
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  return {
    context,
    page,
    async screenshot(name, p = page) {
      const file = path.join(SCREENSHOT_DIR, `console-${name}.png`);
      await p.screenshot({ path: file, fullPage: true });
      return file;
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}
