// Console scenario: switch the data source to "This browser". ShoalDB then runs in the page;
// durable storage is tried (OPFS, then IndexedDB) and, where the package does not have it yet,
// the console says it keeps the tables in memory and why. Tables and items made this way never
// reach the server. A second tab, while the first holds the durable database, follows it through
// sync and says so (console-browser-tabs.test.js has the two tabs editing).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { gridObjects, startConsole, useBrowserSource } from "../console-harness.js";

let app;
before(async () => {
  app = await startConsole();
});
after(() => app?.close());

test("the in-page database: storage notice, a table and an item, nothing sent to the endpoint", async () => {
  const page = await app.open("#/tables");
  await page.getByText("No tables yet").waitFor();
  const posts = [];
  page.on("request", (request) => request.method() === "POST" && posts.push(request.url()));

  const storage = await useBrowserSource(page);
  const notice = page.locator("#source-notice");
  if (storage === "memory") {
    // Today's package: durable storage is refused, the console says so and why.
    await notice.getByText("This browser, in memory.").waitFor();
    await notice.getByText("Why not durable storage?").click();
    assert.match(await notice.textContent(), /OPFS: /);
    assert.match(await notice.textContent(), /IndexedDB: /);
  } else {
    assert.ok(["OPFS", "IndexedDB"].includes(storage), storage);
  }
  assert.match(await notice.textContent(), /a new table reaches other tabs with its first item/);
  await page.getByText("No tables yet").waitFor();

  await page.getByRole("link", { name: "Create table" }).first().click();
  await page.getByLabel("Table name").fill("Local");
  await page.getByLabel("Partition key name", { exact: true }).fill("id");
  await page.getByRole("button", { name: "Create table" }).click();
  await page.getByText("Table Local was created.").waitFor();
  await page.getByRole("link", { name: "Explore items" }).first().click();
  await page.getByRole("link", { name: "Create item" }).click();
  await page.getByLabel("Item JSON").fill('{"id": {"S": "here"}, "n": {"N": "0.1"}}');
  await page.getByRole("button", { name: "Create item" }).click();
  await page.getByText("The item was created.").waitFor();
  await page.locator("table.grid").waitFor();
  assert.deepEqual(await gridObjects(page), [{ id: "here", n: "0.1" }]);
  await app.screenshot(page, "browser-source");

  assert.deepEqual(posts, [], "no DynamoDB request left the page");
  assert.deepEqual((await app.db("ListTables", {})).TableNames, [], "the server has no tables");

  // The choice is remembered across a reload; in memory, the table is gone with the old page.
  await page.reload();
  await page.locator(".source-name", { hasText: /^This browser \(/ }).waitFor();
  if (storage === "memory") {
    await page.getByRole("alert").getByText("ResourceNotFoundException").waitFor();
    await app.screenshot(page, "browser-source-after-reload");
  } else {
    await page.locator("table.grid td", { hasText: "here" }).waitFor();
    // A durable database is one tab's at a time: a second tab does not hang waiting for it, it
    // keeps a copy in memory that syncs with the first tab, and says so.
    const second = await app.open("#/tables/Local/items");
    await second.locator(".source-name", { hasText: `This browser (synced with ${storage})` }).waitFor();
    assert.match(
      await second.locator("#source-notice").textContent(),
      new RegExp(`synced with the tab that holds the ${storage} database`),
    );
    await second.locator("table.grid td", { hasText: "here" }).waitFor();
    await app.screenshot(second, "browser-source-second-tab");
  }
  app.assertNoProblems();
});
