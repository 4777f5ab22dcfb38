// ShoalDB.open({ worker: true }) in headless Chromium: the same API with the engine in a dedicated
// worker, requests batched into few messages, subscribe events, errors, and durable storage
// reopened from the worker.
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

test("a memory database in a worker answers the document API; a burst of 200 puts is a few messages", async () => {
  const { result, problems } = await runPage(browser.context, `${site.url}/worker.html?storage=memory`);
  assert.deepEqual(problems, []);
  assert.ok(result.ok, result.error);
  const { value } = result;
  assert.ok(value.burstMessages <= 2, `200 concurrent puts took ${value.burstMessages} messages`);
  assert.equal(value.changes, 200, "subscribe saw every put");
  assert.deepEqual(value.got, { id: "k7", n: 7 });
  assert.equal(value.count, 200);
  assert.equal(value.error.name, "ValidationException");
  assert.match(value.error.message, /:v/);
  assert.equal(value.kind, "memory");
  assert.match(value.closedError, /closed/);
});

test("IndexedDB storage in a worker keeps its data across a page reload", async () => {
  const first = await runPage(browser.context, `${site.url}/worker.html?storage=indexeddb&name=reload`);
  assert.ok(first.result.ok, first.result.error);
  assert.equal(first.result.value.kind, "indexeddb");
  assert.equal(first.result.value.count, 200);
  // The second page finds the table (no CreateTable) and the 200 items written by the first.
  const second = await runPage(browser.context, `${site.url}/worker.html?storage=indexeddb&name=reload`);
  assert.ok(second.result.ok, second.result.error);
  assert.equal(second.result.value.count, 200);
  assert.deepEqual(second.problems, []);
});
