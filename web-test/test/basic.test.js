// The package in a real headless Chromium: the wasm engine loads from the page's origin and a
// memory database answers the DynamoDB API.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { chromium } from "playwright-core";
import { startStaticServer } from "../static-server.js";

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

let site;
let profile;
let context;

before(async () => {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run npm run setup (Debian's chromium package)`);
  site = await startStaticServer();
  profile = await mkdtemp(join(tmpdir(), "shoaldb-chromium-"));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS });
});

after(async () => {
  await context?.close();
  await site?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

test("a page opens a memory database, creates a table, puts and gets items", async () => {
  const page = await context.newPage();
  const problems = [];
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
  const wasmResponses = [];
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.url()}`);
    if (response.url().endsWith(".wasm")) wasmResponses.push(response);
  });

  await page.goto(`${site.url}/basic.html`);
  const result = await page.evaluate(() => window.testResult);

  assert.deepEqual(problems, []);
  assert.ok(result.ok, result.error);
  assert.equal(wasmResponses.length, 1, "the engine wasm was fetched once");
  assert.equal(await wasmResponses[0].headerValue("content-type"), "application/wasm");
  assert.deepEqual(result.value, {
    tableStatus: "ACTIVE",
    wire: { id: { S: "wire" }, n: { N: "1" } },
    doc: { id: "doc", title: "hello", big: "123456789012345678901234567890", bytes: [1, 2, 3] },
    missing: { name: "ResourceNotFoundException", status: 400 },
    handler: { status: 200, isBytes: true, body: { TableNames: ["pages"] }, crc32: true },
  });
});
