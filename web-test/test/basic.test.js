// The package in a real headless Chromium, unbundled: the wasm engine loads from the page's origin
// and a memory database answers the DynamoDB API.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser, runPage } from "../browser.js";
import { startStaticServer } from "../static-server.js";

let site;
let browser;

before(async () => {
  site = await startStaticServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

test("a page opens a memory database, creates a table, puts and gets items", async () => {
  const { result, problems, responses } = await runPage(browser.context, `${site.url}/basic.html`);
  assert.deepEqual(problems, []);
  assert.ok(result.ok, result.error);
  const wasm = responses.filter((response) => response.url().endsWith(".wasm"));
  assert.equal(wasm.length, 1, "the engine wasm was fetched once");
  assert.equal(wasm[0].headers()["content-type"], "application/wasm");
  assert.deepEqual(result.value, {
    tableStatus: "ACTIVE",
    wire: { id: { S: "wire" }, n: { N: "1" } },
    doc: { id: "doc", title: "hello", big: "123456789012345678901234567890", bytes: [1, 2, 3] },
    missing: { name: "ResourceNotFoundException", status: 400 },
    handler: { status: 200, isBytes: true, body: { TableNames: ["pages"] }, crc32: true },
  });
});
