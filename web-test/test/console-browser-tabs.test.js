// Console scenario (in-page database): two tabs of the console on one origin converge live. The
// first tab holds the durable database (its Web Lock); the second keeps a copy in memory, and
// the two sync over BroadcastChannel, so an edit in either shows in the other without a reload
// (the views redraw on db.subscribe's merged changes). When the first tab closes, the second
// takes the durable database over, and what it wrote after that survives its own reload.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { gridObjects, startConsole, useBrowserSource } from "../console-harness.js";

let app;
before(async () => {
  app = await startConsole();
});
after(() => app?.close());

const CONVERGE_MS = 8000; // sync is immediate; the machine may be busy

/** The grid's rows by id (Scan's order of hash keys is not theirs). */
async function sortedGrid(page) {
  return (await gridObjects(page)).sort((x, y) => (x.id < y.id ? -1 : 1));
}

async function createItem(page, json, message = "The item was created.") {
  await page.getByRole("link", { name: "Create item" }).click();
  await page.getByLabel("Item JSON").fill(json);
  await page.getByRole("button", { name: "Create item" }).click();
  await page.getByText(message).waitFor();
}

test("two tabs on the in-page database: edits in one appear in the other", async () => {
  const a = await app.open("#/tables");
  const storage = await useBrowserSource(a);
  assert.ok(["OPFS", "IndexedDB"].includes(storage), `the first tab holds a durable database, not ${storage}`);

  await a.goto(`${app.url}#/tables/new`);
  await a.getByLabel("Table name").fill("Notes");
  await a.getByLabel("Partition key name", { exact: true }).fill("id");
  await a.getByRole("button", { name: "Create table" }).click();
  await a.getByText("Table Notes was created.").waitFor();
  await a.goto(`${app.url}#/tables/Notes/items`);
  await createItem(a, '{"id": {"S": "n1"}, "text": {"S": "first"}}');

  // The second tab finds the database held and follows it through sync: it starts with A's data.
  const b = await app.open("#/tables/Notes/items");
  await b.locator(".source-name", { hasText: `This browser (synced with ${storage})` }).waitFor();
  await b.getByText("Items returned (1)").waitFor();

  // A adds an item: B's grid shows it, without a reload.
  await createItem(a, '{"id": {"S": "n2"}, "text": {"S": "second"}}');
  await b.getByText("Items returned (2)").waitFor({ timeout: CONVERGE_MS });
  assert.deepEqual(await sortedGrid(b), [
    { id: "n1", text: "first" },
    { id: "n2", text: "second" },
  ]);

  // B edits n1: A shows the new value.
  await b.getByRole("link", { name: "n1", exact: true }).click();
  const editor = b.getByLabel("Item JSON");
  await editor.waitFor();
  await editor.fill((await editor.inputValue()).replace('"first"', '"edited in B"'));
  await b.getByRole("button", { name: "Save changes" }).click();
  await b.getByText("The item was saved.").waitFor();
  await a.locator("table.grid td", { hasText: "edited in B" }).waitFor({ timeout: CONVERGE_MS });
  assert.deepEqual(await sortedGrid(a), await sortedGrid(b));
  await app.screenshot(b, "browser-tabs-b");

  // Each tab's sync panel lists the other as a peer that has all of its changes.
  await b.goto(`${app.url}#/sync`);
  const peers = b.getByRole("table", { name: "Peers" });
  const otherTab = peers.locator("tr", { hasText: "Another tab (BroadcastChannel)" });
  await otherTab.locator(".badge", { hasText: "Yes" }).waitFor({ timeout: CONVERGE_MS });
  await b.getByTestId("pending").getByText("None: every peer has this tab's changes").waitFor({ timeout: CONVERGE_MS });
  await app.screenshot(b, "browser-tabs-sync-panel");

  // A closes: B takes the durable database over, and what B writes then outlives B's reload.
  await a.close();
  await b.locator(".source-name", { hasText: `This browser (${storage})` }).waitFor({ timeout: CONVERGE_MS });
  await b.goto(`${app.url}#/tables/Notes/items`);
  await createItem(b, '{"id": {"S": "n3"}, "text": {"S": "after the takeover"}}');
  await b.reload();
  await b.locator(".source-name", { hasText: `This browser (${storage})` }).waitFor();
  await b.getByText("Items returned (3)").waitFor();
  assert.deepEqual(await sortedGrid(b), [
    { id: "n1", text: "edited in B" },
    { id: "n2", text: "second" },
    { id: "n3", text: "after the takeover" },
  ]);
  app.assertNoProblems();
});
