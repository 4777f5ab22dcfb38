// Sync in a real headless Chromium: two pages of one origin converge over BroadcastChannel; pages
// that wrote offline converge through a WebSocket hub and keep the merged state across a reload.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runHub } from "../../js/src/sync/hub.js";
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

test("two pages of one origin converge through BroadcastChannel", async () => {
  const channel = `notes-${Date.now()}`;
  const pages = [];
  const problems = [];
  for (let i = 0; i < 2; i++) {
    const page = await browser.context.newPage();
    page.on("pageerror", (error) => problems.push(String(error)));
    page.on("console", (message) => message.type() === "error" && problems.push(message.text()));
    pages.push(page);
  }
  const url = (name) => `${site.url}/sync.html?channel=${channel}&name=${name}&count=25&expect=51`;
  await Promise.all(pages.map((page, i) => page.goto(url(i ? "right" : "left"))));
  const results = await Promise.all(pages.map((page) => page.evaluate(() => window.testResult)));
  for (const page of pages) await page.close();
  assert.deepEqual(problems, []);
  for (const r of results) assert.ok(r.ok, r.error);
  const [left, right] = results.map((r) => r.value);
  assert.equal(left.items.length, 51);
  assert.deepEqual(left.items, right.items);
  assert.deepEqual(left.vector, right.vector);
  const shared = left.items.find((i) => i.startsWith("shared:"));
  assert.ok(shared === "shared:left" || shared === "shared:right");
});

test("pages that wrote offline converge through the hub and keep the merged state after a reload", async () => {
  const hub = await runHub({ port: 0, token: "web-test" });
  const query = (name, phase, extra = "") =>
    `${site.url}/sync-hub.html?name=${name}&phase=${phase}&hub=${encodeURIComponent(hub.url)}&token=web-test${extra}`;
  try {
    for (const [name, count] of [["alpha", 3], ["beta", 2]]) {
      const { result, problems } = await runPage(browser.context, query(name, "offline", `&count=${count}`));
      assert.deepEqual(problems, []);
      assert.ok(result.ok, result.error);
      assert.equal(result.value.length, count);
    }
    // Both come online at once; each writes one more item.
    const goOnline = (name) => runPage(browser.context, query(name, "online", "&expect=7"));
    const online = await Promise.all(["alpha", "beta"].map(goOnline));
    for (const { result, problems } of online) {
      assert.deepEqual(problems, []);
      assert.ok(result.ok, result.error);
    }
    const merged = online[0].result.value;
    assert.equal(merged.length, 7);
    assert.deepEqual(online[1].result.value, merged);
    // A reload (a new page on the same profile) reads the merged state from IndexedDB, no hub needed.
    for (const name of ["alpha", "beta"]) {
      const { result } = await runPage(browser.context, query(name, "check"));
      assert.ok(result.ok, result.error);
      assert.deepEqual(result.value, merged);
    }
  } finally {
    await hub.close();
  }
});
