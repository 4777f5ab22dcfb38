// Console scenario: query a global secondary index with a sort-key condition, descending, a
// filter and a small Limit, and page through the results with LastEvaluatedKey, forward and
// back; each page matches what the same Query returns from the database.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTable, gridColumns, gridObjects, startConsole } from "../console-harness.js";

let app;
const GENRES = ["Choral", "Minimal", "Choral"];

before(async () => {
  app = await startConsole();
  await createTable(app.db, "Music", {
    partition: ["Artist", "S"],
    sort: ["Song", "S"],
    gsis: [{ name: "ByGenre", partition: ["Genre", "S"], sort: ["Year", "N"] }],
  });
  for (let i = 0; i < 15; i++) {
    await app.db("PutItem", {
      TableName: "Music",
      Item: {
        Artist: { S: i % 2 ? "Arvo Pärt" : "Steve Reich" },
        Song: { S: `Song ${String(i).padStart(2, "0")}` },
        Genre: { S: GENRES[i % 3] },
        Year: { N: String(1970 + i) },
        Rating: { N: String(i % 5) },
      },
    });
  }
});
after(() => app?.close());

/** Every page of a Query, as the console should show them (cell texts by column). */
async function expectedPages(input) {
  const pages = [];
  let ExclusiveStartKey;
  do {
    const page = await app.db("Query", { ...input, ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}) });
    pages.push(page.Items.map((item) => Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v.S ?? v.N]))));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return pages;
}

test("a Query on an index with a key condition, a filter, descending order and paging", async () => {
  const page = await app.open("#/tables/Music/items");
  await page.getByText("Items returned (15)").waitFor();

  await page.locator(".segmented label", { hasText: "Query" }).click();
  await page.getByLabel("Table or index").selectOption({ label: "Index: ByGenre (GSI)" });
  await page.getByLabel("Genre (String) – partition key").fill("Choral");
  await page.getByLabel("Year condition").selectOption(">=");
  await page.getByLabel("Year value").fill("1973");
  await page.getByRole("button", { name: "Add filter" }).click();
  await page.getByLabel("Filter 1 attribute name").fill("Rating");
  await page.getByLabel("Filter 1 type").selectOption("N");
  await page.getByLabel("Filter 1 condition").selectOption(">");
  await page.getByLabel("Filter 1 value").fill("0");
  await page.getByLabel("Sort descending").check();
  await page.getByLabel("Limit", { exact: true }).fill("3");
  await page.getByRole("button", { name: "Run" }).click();

  const pages = await expectedPages({
    TableName: "Music",
    IndexName: "ByGenre",
    KeyConditionExpression: "Genre = :g AND #y >= :y",
    FilterExpression: "Rating > :r",
    ExpressionAttributeNames: { "#y": "Year" },
    ExpressionAttributeValues: { ":g": { S: "Choral" }, ":y": { N: "1973" }, ":r": { N: "0" } },
    ScanIndexForward: false,
    Limit: 3,
  });
  assert.ok(pages.length >= 3, `the query spans several pages (${pages.length})`);
  assert.ok(pages.flat().length >= 4);

  const shown = [];
  for (let i = 0; i < pages.length; i++) {
    await page.getByText(`Query · page ${i + 1} ·`).waitFor();
    const rows = await gridObjects(page);
    assert.deepEqual(rows, pages[i], `page ${i + 1}`);
    shown.push(...rows);
    if (i === 0) {
      // Table keys first, then the index keys, then the rest.
      assert.deepEqual((await gridColumns(page)).slice(0, 4), ["Artist", "Song", "Genre", "Year"]);
      await app.screenshot(page, "query-index");
    }
    const next = page.getByRole("button", { name: "Next ›" });
    if (i < pages.length - 1) await next.click();
    else assert.equal(await next.isDisabled(), true, "no page after the last");
  }
  const years = shown.map((row) => Number(row.Year));
  assert.deepEqual(years, [...years].sort((a, b) => b - a), "descending by the index sort key");
  assert.ok(shown.every((row) => row.Genre === "Choral" && Number(row.Year) >= 1973 && Number(row.Rating) > 0));

  // Back to the first page, through the remembered start keys.
  for (let i = pages.length - 1; i > 0; i--) await page.getByRole("button", { name: "‹ Previous" }).click();
  await page.getByText("Query · page 1 ·").waitFor();
  assert.deepEqual(await gridObjects(page), pages[0]);
  assert.equal(await page.getByRole("button", { name: "‹ Previous" }).isDisabled(), true);

  // The same request as expressions: the form writes them out, and they run as written.
  await page.getByLabel("Edit as expressions").check();
  assert.equal(await page.getByLabel("KeyConditionExpression").inputValue(), "#n0 = :v0 AND #n1 >= :v1");
  assert.equal(await page.getByLabel("FilterExpression").inputValue(), "#n2 > :v2");
  await page.getByLabel("ProjectionExpression").fill("Song, #n1");
  await page.getByRole("button", { name: "Run" }).click();
  await page.getByText("Query · page 1 ·").waitFor();
  await page.locator("table.grid").waitFor();
  assert.deepEqual(await gridColumns(page), ["Song", "Year"], "only the projected attributes");
  assert.deepEqual(await gridObjects(page), pages[0].map(({ Song, Year }) => ({ Song, Year })));
  await app.screenshot(page, "query-index-expressions");
  app.assertNoProblems();
});
