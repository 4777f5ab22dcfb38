// Console scenario: the sync panel. The in-page database writes while no peer is there (its
// changes are pending), a hub (js/src/sync/hub.js, what `npx shoaldb hub` runs) writes the same
// attribute meanwhile; the user connects the tab to the hub from the panel (a wrong token first,
// refused with the hub's reason), and the panel shows the hub connected, the hub as a peer that
// has every change, nothing pending, and the conflict with both values, the winner and the sites.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runHub } from "../../js/src/sync/hub.js";
import { createTable, startConsole, useBrowserSource } from "../console-harness.js";

const TOKEN = "console-test-token";
const CONVERGE_MS = 8000; // sync over loopback is immediate; the machine may be busy

let app;
let hub;
before(async () => {
  [app, hub] = await Promise.all([startConsole(), runHub({ port: 0, token: TOKEN })]);
});
after(async () => {
  await hub?.close();
  await app?.close();
});

const hubDb = (operation, input) => hub.db.execute(operation, input);

test("sync panel: connect to a hub, see the peer, pending changes and a resolved conflict", async () => {
  const page = await app.open("#/tables/new");
  await useBrowserSource(page);

  // The same table on both sides, then writes of t1's state that do not see each other.
  await page.getByLabel("Table name").fill("Tasks");
  await page.getByLabel("Partition key name", { exact: true }).fill("id");
  await page.getByRole("button", { name: "Create table" }).click();
  await page.getByText("Table Tasks was created.").waitFor();
  await createTable(hubDb, "Tasks", { partition: ["id", "S"] });
  // The hub writes first, so the page's later write of t1 wins on both sides.
  await hubDb("PutItem", { TableName: "Tasks", Item: { id: { S: "t1" }, state: { S: "from the hub" } } });
  await hubDb("PutItem", { TableName: "Tasks", Item: { id: { S: "t3" }, state: { S: "only in the hub" } } });
  for (const [id, state] of [
    ["t1", "from the page"],
    ["t2", "only in the page"],
  ]) {
    await page.goto(`${app.url}#/tables/Tasks/items/new`);
    await page.getByLabel("Item JSON").fill(JSON.stringify({ id: { S: id }, state: { S: state } }));
    await page.getByRole("button", { name: "Create item" }).click();
    await page.getByText("The item was created.").waitFor();
  }

  await page.goto(`${app.url}#/sync`);
  const pending = page.getByTestId("pending");
  await pending.getByText("2 changes").waitFor();
  assert.match(await pending.textContent(), /kept until a peer connects/);
  assert.equal(await page.getByRole("table", { name: "Peers" }).count(), 0, "no peer yet");

  // A wrong token: the hub refuses the tab and the panel says why.
  const hubCard = page.locator("#sync-hub");
  await page.getByLabel("Hub URL").fill(hub.url);
  await page.getByLabel("Token").fill("not-the-token");
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await hubCard.getByTestId("hub-state").getByText("Refused").waitFor({ timeout: CONVERGE_MS });
  assert.match(await hubCard.getByRole("alert").textContent(), /the token is not valid for this hub/);
  await app.screenshot(page, "sync-panel-refused");

  await page.getByLabel("Token").fill(TOKEN);
  await page.getByRole("button", { name: "Connect", exact: true }).click();
  await hubCard.getByTestId("hub-state").getByText("Connected").waitFor({ timeout: CONVERGE_MS });
  assert.match(await hubCard.textContent(), new RegExp(`Hub site id${hub.peer.site}`));

  const peerRow = page.getByRole("table", { name: "Peers" }).locator("tbody tr", { hasText: String(hub.peer.site) });
  await peerRow.getByText("Hub (WebSocket)").waitFor({ timeout: CONVERGE_MS });
  await peerRow.locator(".badge", { hasText: "Yes" }).waitFor({ timeout: CONVERGE_MS });
  await pending.getByText("None: every peer has this tab's changes").waitFor({ timeout: CONVERGE_MS });
  assert.equal(await page.locator("#sync-errors").count(), 0, "the refusal shows in the hub's part only");

  // The conflict: both values, the winner, and where each write came from.
  const conflicts = page.getByRole("table", { name: "Resolved conflicts" });
  const row = conflicts.locator("tbody tr", { hasText: "id: t1" });
  await row.waitFor({ timeout: CONVERGE_MS });
  assert.equal(await conflicts.locator("tbody tr").count(), 1);
  const [table, key, attribute, winner, loser] = await row.locator("td").allTextContents();
  assert.deepEqual([table, key, attribute], ["Tasks", "id: t1", "state"]);
  const hubSite = String(hub.peer.site);
  const sides = [winner, loser].map((text) => ({
    value: text.match(/^(from the (?:page|hub))/)?.[1],
    fromHub: text.includes(`site ${hubSite} `),
    fromThisTab: text.includes("(this tab)"),
  }));
  assert.deepEqual(sides.map((s) => s.value).sort(), ["from the hub", "from the page"]);
  for (const side of sides) assert.equal(side.fromHub, side.value === "from the hub", JSON.stringify(sides));
  for (const side of sides) assert.equal(side.fromThisTab, side.value === "from the page", JSON.stringify(sides));
  await app.screenshot(page, "sync-panel-hub");

  // Both sides hold the winner and every item.
  const hubItems = (await hubDb("Scan", { TableName: "Tasks" })).Items.map((i) => [i.id.S, i.state.S]).sort();
  assert.deepEqual(hubItems, [
    ["t1", sides[0].value],
    ["t2", "only in the page"],
    ["t3", "only in the hub"],
  ]);
  await page.goto(`${app.url}#/tables/Tasks/items`);
  await page.getByText("Items returned (3)").waitFor();
  await page.locator("table.grid td", { hasText: sides[0].value }).waitFor();
  app.assertNoProblems();
});
