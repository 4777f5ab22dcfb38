// Debian's Chromium, headless, driven by playwright-core, with a fresh profile per launch.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * A browser context on a fresh temporary profile; close() also removes the profile. With `profile`
 * (a folder), that profile is used and kept, so a later launch on it is a browser restart.
 */
export async function launchBrowser({ profile } = {}) {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run npm run setup (Debian's chromium package)`);
  const dir = profile ?? (await mkdtemp(join(tmpdir(), "shoaldb-chromium-")));
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    context,
    async close() {
      await context.close();
      if (!profile) await rm(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `url` in a new page and waits for the page's `window.testResult` promise. Returns the
 * result, the page errors / console errors / failed HTTP responses seen, and every response.
 */
export async function runPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  const responses = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  page.on("response", (response) => {
    responses.push(response);
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  await page.goto(url);
  const result = await page.evaluate(() => window.testResult);
  await page.close();
  return { result, problems, responses };
}
