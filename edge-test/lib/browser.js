// Debian's Chromium, headless, driven by playwright-core, on a fresh temporary profile.
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

/** A browser context on a fresh profile; close() also removes the profile. */
export async function launchBrowser() {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run npm run setup (Debian's chromium package)`);
  const profile = await mkdtemp(join(tmpdir(), "shoaldb-edge-chromium-"));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `url`, waits for the page's `window.testResult` promise and returns it with what went
 * wrong on the way (page errors, console errors, HTTP errors) and every response seen.
 */
export async function runPage(context, url) {
  const page = await context.newPage();
  const problems = [];
  const responses = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  page.on("response", (response) => {
    responses.push({ url: response.url(), status: response.status(), type: response.headers()["content-type"] });
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
  });
  try {
    await page.goto(url);
    const result = await page.evaluate(() => window.testResult);
    return { result, problems, responses };
  } finally {
    await page.close();
  }
}
