// Console scenario: create a table from the form (keys, a global and a local index, provisioned
// capacity), find it in the list with its keys and indexes, be told DynamoDB's error when the
// name is taken, and delete a table.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { startConsole } from "../console-harness.js";

let app;
before(async () => {
  app = await startConsole();
});
after(() => app?.close());

test("a table created from the form has the keys, indexes and capacity entered", async () => {
  const page = await app.open("#/tables");
  await page.getByText("No tables yet").waitFor();
  await page.getByRole("link", { name: "Create table" }).first().click();

  await page.getByLabel("Table name").fill("Music");
  await page.getByLabel("Partition key name", { exact: true }).fill("Artist");
  await page.getByLabel("Sort key name", { exact: true }).fill("Song");
  await page.getByLabel("Provisioned").check();
  await page.getByLabel("Read capacity units", { exact: true }).first().fill("7");
  await page.getByLabel("Write capacity units", { exact: true }).first().fill("3");

  await page.getByRole("button", { name: "Add global index" }).click();
  const gsi = page.locator("fieldset.index").nth(0);
  await gsi.getByLabel("Index name").fill("ByGenre");
  await gsi.getByLabel("Index partition key name").fill("Genre");
  await gsi.getByLabel("Index sort key name").fill("Year");
  await gsi.getByLabel("Index sort key type").selectOption("N");
  await gsi.getByLabel("Projection").selectOption("INCLUDE");
  await gsi.getByLabel("Projected attributes").fill("Album, Length");

  await page.getByRole("button", { name: "Add local index" }).click();
  const lsi = page.locator("fieldset.index").nth(1);
  await lsi.getByLabel("Index name").fill("ByAlbum");
  await lsi.getByLabel("Index sort key name").fill("Album");
  await lsi.getByLabel("Projection").selectOption("KEYS_ONLY");

  await page.getByRole("button", { name: "Create table" }).click();
  await page.getByText("Table Music was created.").waitFor();
  assert.equal(new URL(page.url()).hash, "#/tables/Music");

  const { Table } = await app.db("DescribeTable", { TableName: "Music" });
  assert.deepEqual(Table.KeySchema, [
    { AttributeName: "Artist", KeyType: "HASH" },
    { AttributeName: "Song", KeyType: "RANGE" },
  ]);
  assert.deepEqual(
    Object.fromEntries(Table.AttributeDefinitions.map((d) => [d.AttributeName, d.AttributeType])),
    { Artist: "S", Song: "S", Genre: "S", Year: "N", Album: "S" },
  );
  assert.equal(Table.BillingModeSummary?.BillingMode ?? "PROVISIONED", "PROVISIONED");
  assert.equal(Table.ProvisionedThroughput.ReadCapacityUnits, 7);
  assert.equal(Table.ProvisionedThroughput.WriteCapacityUnits, 3);
  const [gsiOut] = Table.GlobalSecondaryIndexes;
  assert.equal(gsiOut.IndexName, "ByGenre");
  assert.deepEqual(gsiOut.KeySchema, [
    { AttributeName: "Genre", KeyType: "HASH" },
    { AttributeName: "Year", KeyType: "RANGE" },
  ]);
  assert.deepEqual(gsiOut.Projection, { ProjectionType: "INCLUDE", NonKeyAttributes: ["Album", "Length"] });
  assert.equal(gsiOut.ProvisionedThroughput.ReadCapacityUnits, 5, "the index got the form's default capacity");
  const [lsiOut] = Table.LocalSecondaryIndexes;
  assert.equal(lsiOut.IndexName, "ByAlbum");
  assert.deepEqual(lsiOut.KeySchema, [
    { AttributeName: "Artist", KeyType: "HASH" },
    { AttributeName: "Album", KeyType: "RANGE" },
  ]);

  // The overview reads DescribeTable back.
  await page.getByText("Artist (String)").first().waitFor();
  const overview = page.locator(".facts");
  assert.match(await overview.textContent(), /Capacity modeProvisioned \(7 read, 3 write units\)/);
  const indexRows = await page.locator("table.grid tbody tr").evaluateAll((rows) => rows.map((r) => r.textContent));
  assert.equal(indexRows.length, 2);
  assert.match(indexRows[0], /^ByGenreGlobalGenre \(String\)Year \(Number\)Include: Album, LengthACTIVE/);
  assert.match(indexRows[1], /^ByAlbumLocalArtist \(String\)Album \(String\)Keys onlyACTIVE/);
  await app.screenshot(page, "create-table-overview");

  // The list shows it with its keys, index count and billing mode.
  await page.getByRole("link", { name: "Tables", exact: true }).first().click();
  const row = page.locator("table.grid tbody tr", { hasText: "Music" });
  await row.waitFor();
  assert.deepEqual(await row.locator("td").allTextContents(), [
    "Music",
    "ACTIVE",
    "Artist (String)",
    "Song (String)",
    "2",
    "Provisioned",
    "0",
    "0 bytes",
  ]);
  await app.screenshot(page, "create-table-list");

  // The same name again: DynamoDB's ResourceInUseException, and the form stays filled in.
  await page.getByRole("link", { name: "Create table" }).click();
  await page.getByLabel("Table name").fill("Music");
  await page.getByLabel("Partition key name", { exact: true }).fill("Artist");
  await page.getByLabel("Partition key name", { exact: true }).press("Enter");
  const alert = page.getByRole("alert");
  await alert.waitFor();
  let expected;
  await app
    .db("CreateTable", {
      TableName: "Music",
      KeySchema: [{ AttributeName: "Artist", KeyType: "HASH" }],
      AttributeDefinitions: [{ AttributeName: "Artist", AttributeType: "S" }],
      BillingMode: "PAY_PER_REQUEST",
    })
    .catch((error) => (expected = error));
  assert.equal(expected.name, "ResourceInUseException");
  assert.equal(await alert.locator(".alert-type").textContent(), "ResourceInUseException");
  assert.equal(await alert.locator(".alert-message").textContent(), expected.message);
  assert.equal(await page.getByLabel("Table name").inputValue(), "Music");
  await app.screenshot(page, "create-table-error");
  app.assertNoProblems();
});

test("a table is deleted after typing confirm, and leaves the list", async () => {
  await app.db("CreateTable", {
    TableName: "Scratch",
    KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
    AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
    BillingMode: "PAY_PER_REQUEST",
  });
  await app.db("PutItem", { TableName: "Scratch", Item: { id: { S: "a" } } });
  const page = await app.open("#/tables/Scratch");
  await page.getByRole("button", { name: "Delete table" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByText("its 1 item and").waitFor();
  const confirm = dialog.getByRole("button", { name: "Delete table" });
  assert.equal(await confirm.isDisabled(), true, "disabled until confirm is typed");
  await dialog.getByLabel('To confirm, type "confirm"').fill("confirm");
  await app.screenshot(page, "delete-table-dialog");
  await confirm.click();
  await page.getByText("Table Scratch was deleted.").waitFor();
  assert.equal(new URL(page.url()).hash, "#/tables");
  const { TableNames } = await app.db("ListTables", {});
  assert.ok(!TableNames.includes("Scratch"));
  await page.locator("table.grid, .empty").first().waitFor();
  assert.equal(await page.locator("table.grid tbody tr", { hasText: "Scratch" }).count(), 0);
  assert.equal(await page.locator("table.grid tbody tr").count(), TableNames.length);
  app.assertNoProblems();
});
