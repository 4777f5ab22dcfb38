// Console scenario: add items and edit them, as plain JSON and as DynamoDB JSON; numbers keep
// every digit; a key that exists already is refused with DynamoDB's error; an item is deleted.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTable, gridObjects, gridRows, startConsole } from "../console-harness.js";

let app;
before(async () => {
  app = await startConsole();
  await createTable(app.db, "Notes", { partition: ["id", "S"] });
});
after(() => app?.close());

const editor = (page) => page.getByLabel("Item JSON");
const modeSwitch = (page) => page.getByRole("switch", { name: "DynamoDB JSON" });

test("items are created and edited as plain JSON and DynamoDB JSON", async () => {
  const page = await app.open("#/tables/Notes/items");
  await page.getByText("Nothing matched.").waitFor();

  // Create an item in plain JSON, with a number a double cannot hold.
  await page.getByRole("link", { name: "Create item" }).click();
  await editor(page).waitFor();
  assert.equal(await modeSwitch(page).isChecked(), true, "DynamoDB JSON is the default view");
  assert.deepEqual(JSON.parse(await editor(page).inputValue()), { id: { S: "" } }, "a new item starts with its key");
  await modeSwitch(page).uncheck();
  assert.deepEqual(JSON.parse(await editor(page).inputValue()), { id: "" });
  await editor(page).fill('{\n  "id": "n1",\n  "title": "First note",\n  "price": 12345678901234567890.25,\n' +
    '  "done": false\n}');
  await page.getByRole("button", { name: "Create item" }).click();
  await page.getByText("The item was created.").waitFor();
  await page.locator("table.grid").waitFor();
  assert.deepEqual(await gridObjects(page), [
    { id: "n1", title: "First note", price: "12345678901234567890.25", done: "false" },
  ]);
  assert.deepEqual((await app.db("GetItem", { TableName: "Notes", Key: { id: { S: "n1" } } })).Item, {
    id: { S: "n1" },
    title: { S: "First note" },
    price: { N: "12345678901234567890.25" },
    done: { BOOL: false },
  });

  // Open it (the key links to the editor); the plain view is remembered and keeps every digit.
  await page.getByRole("link", { name: "n1" }).click();
  await editor(page).waitFor();
  assert.equal(await modeSwitch(page).isChecked(), false);
  const plain = await editor(page).inputValue();
  assert.match(plain, /"price": 12345678901234567890\.25/);
  await editor(page).fill(plain.replace("First note", "Edited note"));
  await app.screenshot(page, "items-edit-plain");
  await editor(page).press("Control+Enter");
  await page.getByText("The item was saved.").waitFor();
  await page.locator("table.grid td", { hasText: "Edited note" }).waitFor();

  // Edit as DynamoDB JSON: add a string set, which plain JSON cannot express.
  await page.getByRole("link", { name: "n1" }).click();
  await editor(page).waitFor();
  await modeSwitch(page).check();
  const wire = JSON.parse(await editor(page).inputValue());
  assert.deepEqual(wire.price, { N: "12345678901234567890.25" });
  wire.tags = { SS: ["work", "urgent"] };
  await editor(page).fill(JSON.stringify(wire, null, 2));
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByText("The item was saved.").waitFor();
  const stored = (await app.db("GetItem", { TableName: "Notes", Key: { id: { S: "n1" } } })).Item;
  assert.deepEqual(stored.tags.SS.sort(), ["urgent", "work"]);
  assert.equal(stored.title.S, "Edited note");

  // Back in plain JSON the set shows as a list, and the editor will not save what it would lose.
  await page.getByRole("link", { name: "n1" }).click();
  await editor(page).waitFor();
  await modeSwitch(page).uncheck();
  await page.getByText("Read only as plain JSON").waitFor();
  assert.equal(await editor(page).getAttribute("readonly"), "");
  assert.equal(await page.getByRole("button", { name: "Save changes" }).isDisabled(), true);
  await app.screenshot(page, "items-plain-read-only");
  await modeSwitch(page).check();

  // A broken edit is reported with its line and column, and nothing is written.
  await editor(page).fill('{"id": {"S": "n1"},, }');
  await page.getByRole("button", { name: "Save changes" }).click();
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.match(await alert.textContent(), /The JSON has a mistake.*line 1, column \d+/);
  assert.equal((await app.db("GetItem", { TableName: "Notes", Key: { id: { S: "n1" } } })).Item.title.S, "Edited note");
  app.assertNoProblems();
});

test("creating an item whose key exists shows DynamoDB's ConditionalCheckFailedException", async () => {
  await app.db("PutItem", { TableName: "Notes", Item: { id: { S: "taken" }, v: { N: "1" } } });
  const page = await app.open("#/tables/Notes/items/new");
  await editor(page).waitFor();
  await modeSwitch(page).check();
  await editor(page).fill('{"id": {"S": "taken"}, "v": {"N": "2"}}');
  await page.getByRole("button", { name: "Create item" }).click();
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.equal(await alert.locator(".alert-title").textContent(), "An item with this primary key exists already");
  assert.equal(await alert.locator(".alert-type").textContent(), "ConditionalCheckFailedException");
  assert.equal(await alert.locator(".alert-message").textContent(), "The conditional request failed");
  assert.deepEqual((await app.db("GetItem", { TableName: "Notes", Key: { id: { S: "taken" } } })).Item.v, { N: "1" });
  await app.screenshot(page, "items-create-existing-key");
  app.assertNoProblems();
});

test("changing an item's key moves it; deleting items removes them", async () => {
  await app.db("PutItem", { TableName: "Notes", Item: { id: { S: "old" }, body: { S: "moving" } } });
  const key = encodeURIComponent(JSON.stringify({ id: { S: "old" } }));
  const page = await app.open(`#/tables/Notes/item?key=${key}`);
  await editor(page).waitFor();
  await modeSwitch(page).check();
  await editor(page).fill('{"id": {"S": "new"}, "body": {"S": "moving"}}');
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Write new item" }).click();
  await page.getByText("The item was saved.").waitFor();
  assert.equal((await app.db("GetItem", { TableName: "Notes", Key: { id: { S: "old" } } })).Item, undefined);
  assert.equal((await app.db("GetItem", { TableName: "Notes", Key: { id: { S: "new" } } })).Item.body.S, "moving");

  // Delete two items from the grid.
  await page.locator("table.grid").waitFor();
  const rowOf = (id) => page.locator("table.grid tbody tr", { has: page.getByRole("link", { name: id, exact: true }) });
  await rowOf("new").getByRole("checkbox").check();
  await rowOf("taken").getByRole("checkbox").check();
  await page.getByRole("button", { name: "Delete (2)" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
  await page.getByText("Deleted 2 items.").waitFor();
  await rowOf("new").waitFor({ state: "detached" });
  const ids = (await app.db("Scan", { TableName: "Notes" })).Items.map((item) => item.id.S);
  assert.ok(!ids.includes("new") && !ids.includes("taken"), `left: ${ids}`);
  assert.deepEqual((await gridRows(page)).map((row) => row[0]).sort(), ids.sort());
  await app.screenshot(page, "items-after-delete");
  app.assertNoProblems();
});
