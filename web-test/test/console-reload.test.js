// Console scenario (endpoint mode): make a table and an item in the console, reload the page,
// and find them again; a new browser (a fresh profile, nothing kept in the page) sees them too,
// because the server keeps the data.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser } from "../browser.js";
import { gridObjects, startConsole } from "../console-harness.js";

let app;
before(async () => {
  app = await startConsole();
});
after(() => app?.close());

test("a table and an item made in the console are there after a reload and in a new browser", async () => {
  const page = await app.open("#/tables/new");
  await page.getByLabel("Table name").fill("Inventory");
  await page.getByLabel("Partition key name", { exact: true }).fill("sku");
  await page.getByRole("button", { name: "Create table" }).click();
  await page.getByText("Table Inventory was created.").waitFor();
  await page.getByRole("link", { name: "Explore items" }).first().click();
  await page.getByRole("link", { name: "Create item" }).click();
  const editor = page.getByLabel("Item JSON");
  await editor.waitFor();
  await editor.fill('{"sku": {"S": "A-100"}, "count": {"N": "42"}, "name": {"S": "Widget"}}');
  await page.getByRole("button", { name: "Create item" }).click();
  await page.getByText("The item was created.").waitFor();
  assert.equal(new URL(page.url()).hash, "#/tables/Inventory/items");

  await page.reload();
  await page.locator("table.grid").waitFor();
  assert.deepEqual(await gridObjects(page), [{ sku: "A-100", count: "42", name: "Widget" }]);
  assert.equal(await page.locator(".source-name").textContent(), `Endpoint ${app.server.url}`);
  await app.screenshot(page, "reload-items");

  // The overview counts it (DescribeTable).
  await page.getByRole("link", { name: "Overview" }).click();
  await page.locator(".facts").getByText("Item count").waitFor();
  assert.match(await page.locator(".facts").textContent(), /Item count1Table size\d+ bytes/);

  // A new browser: nothing of the first one's state, the same tables.
  const other = await launchBrowser();
  try {
    const fresh = await other.context.newPage();
    await fresh.goto(`${app.url}#/tables`);
    const row = fresh.locator("table.grid tbody tr", { hasText: "Inventory" });
    await row.waitFor();
    assert.deepEqual((await row.locator("td").allTextContents()).slice(0, 3), ["Inventory", "ACTIVE", "sku (String)"]);
    assert.equal(await row.locator("td").nth(6).textContent(), "1", "item count");
  } finally {
    await other.close();
  }
  app.assertNoProblems();
});
