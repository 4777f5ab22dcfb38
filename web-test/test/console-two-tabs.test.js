// Console scenario (endpoint mode): two tabs on the same tables. What one tab writes shows in the
// other without a reload: the other tab polls the server's change version (demo/server.js, built
// on db.subscribe) and refreshes the page it shows.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTable, gridObjects, startConsole } from "../console-harness.js";

let app;
before(async () => {
  app = await startConsole();
  await createTable(app.db, "Tasks", { partition: ["id", "S"] });
  await app.db("PutItem", { TableName: "Tasks", Item: { id: { S: "t1" }, state: { S: "open" } } });
});
after(() => app?.close());

const CONVERGE_MS = 8000; // polling is every second; the machine may be busy

test("edits in one tab appear in the other", async () => {
  const a = await app.open("#/tables/Tasks/items");
  const b = await app.open("#/tables/Tasks/items");
  for (const page of [a, b]) await page.getByText("Items returned (1)").waitFor();

  // A adds an item through the editor; B's grid shows it.
  await a.getByRole("link", { name: "Create item" }).click();
  await a.getByLabel("Item JSON").fill('{"id": {"S": "t2"}, "state": {"S": "open"}}');
  await a.getByRole("button", { name: "Create item" }).click();
  await a.getByText("The item was created.").waitFor();
  await b.getByText("Items returned (2)").waitFor({ timeout: CONVERGE_MS });
  assert.deepEqual(await gridObjects(b), await gridObjects(a));

  // B edits t1; A shows the new value.
  await b.getByRole("link", { name: "t1", exact: true }).click();
  const editor = b.getByLabel("Item JSON");
  await editor.waitFor();
  await editor.fill((await editor.inputValue()).replace('"open"', '"done"'));
  await b.getByRole("button", { name: "Save changes" }).click();
  await b.getByText("The item was saved.").waitFor();
  await a.locator("table.grid td", { hasText: "done" }).waitFor({ timeout: CONVERGE_MS });
  const rows = await gridObjects(a);
  assert.deepEqual(rows.find((r) => r.id === "t1"), { id: "t1", state: "done" });
  await app.screenshot(a, "two-tabs-a");
  await app.screenshot(b, "two-tabs-b");

  // A table made in A appears in B's table list.
  await b.goto(`${app.url}#/tables`);
  await b.locator("table.grid tbody tr", { hasText: "Tasks" }).waitFor();
  await a.goto(`${app.url}#/tables/new`);
  await a.getByLabel("Table name").fill("Projects");
  await a.getByLabel("Partition key name", { exact: true }).fill("id");
  await a.getByRole("button", { name: "Create table" }).click();
  await a.getByText("Table Projects was created.").waitFor();
  await b.locator("table.grid tbody tr", { hasText: "Projects" }).waitFor({ timeout: CONVERGE_MS });

  // Another client (here the server's own database, as an AWS SDK would) is seen the same way.
  await b.goto(`${app.url}#/tables/Tasks/items`);
  await b.getByText("Items returned (2)").waitFor();
  await app.db("DeleteItem", { TableName: "Tasks", Key: { id: { S: "t2" } } });
  await b.getByText("Items returned (1)").waitFor({ timeout: CONVERGE_MS });
  app.assertNoProblems();
});

test("an open editor with unsaved edits is not overwritten: it says the item changed", async () => {
  const page = await app.open(`#/tables/Tasks/item?key=${encodeURIComponent(JSON.stringify({ id: { S: "t1" } }))}`);
  const editor = page.getByLabel("Item JSON");
  await editor.waitFor();
  const mine = (await editor.inputValue()).replace('"done"', '"mine"');
  await editor.fill(mine);
  await app.db("PutItem", { TableName: "Tasks", Item: { id: { S: "t1" }, state: { S: "theirs" } } });
  await page.getByText("This item changed elsewhere").waitFor({ timeout: CONVERGE_MS });
  assert.equal(await editor.inputValue(), mine, "the user's edits stay");
  await app.screenshot(page, "two-tabs-editor-conflict");
  await page.getByRole("button", { name: "Discard my edits and load theirs" }).click();
  assert.match(await editor.inputValue(), /"theirs"/);
  app.assertNoProblems();
});
