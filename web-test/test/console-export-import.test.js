// Console scenario: export a table to a file of DynamoDB JSON lines (one {"Item": ...} per line,
// as DynamoDB's export writes) and import that file into another table; every type survives
// exactly. A gzipped export imports too; a file with a broken line imports nothing.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { after, before, test } from "node:test";
import { gzipSync } from "node:zlib";
import { createTable, scanAll, startConsole } from "../console-harness.js";

let app;
const ITEMS = 60; // more than two BatchWriteItem groups of 25

before(async () => {
  app = await startConsole();
  await createTable(app.db, "Source", { partition: ["pk", "S"], sort: ["sk", "N"] });
  for (let i = 0; i < ITEMS; i++) {
    await app.db("PutItem", {
      TableName: "Source",
      Item: {
        pk: { S: `user#${i % 7}` },
        sk: { N: String(i) },
        exact: { N: `123456789012345678901234567890.${i}` },
        text: { S: `naïve ☃ line\n${i}` },
        bytes: { B: Buffer.from([i, 0, 255]).toString("base64") },
        flags: { SS: ["a", `f${i}`] },
        scores: { NS: ["1", "2.5", String(i + 10)] },
        blobs: { BS: [Buffer.from([1]).toString("base64")] },
        nested: { M: { list: { L: [{ BOOL: true }, { NULL: true }, { M: {} }, { L: [] }] } } },
      },
    });
  }
  for (const name of ["Target", "Zipped", "Broken"]) {
    await createTable(app.db, name, { partition: ["pk", "S"], sort: ["sk", "N"] });
  }
});
after(() => app?.close());

test("an exported table imports into another table item for item", async () => {
  const page = await app.open("#/tables/Source/export");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Export to file" }).click(),
  ]);
  assert.equal(download.suggestedFilename(), "Source.json");
  const text = await readFile(await download.path(), "utf8");
  const lines = text.split("\n");
  assert.equal(lines.pop(), "", "the file ends with a newline");
  assert.equal(lines.length, ITEMS);
  for (const line of lines) assert.deepEqual(Object.keys(JSON.parse(line)), ["Item"], "one {\"Item\": ...} per line");
  const source = await scanAll(app.db, "Source");
  const exported = lines.map((line) => JSON.parse(line).Item);
  assert.deepEqual(exported.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)), source);
  await page.getByText(`${ITEMS} items`).waitFor();
  await app.screenshot(page, "export");

  const file = join(tmpdir(), `shoaldb-console-export-${process.pid}.json`);
  await writeFile(file, text);
  await page.goto(`${app.url}#/tables/Target/export`);
  await page.getByLabel("File of DynamoDB JSON lines").setInputFiles(file);
  await page.getByRole("button", { name: "Import" }).click();
  await page.getByText(`${ITEMS} items from ${basename(file)} were written to Target.`).waitFor();
  await app.screenshot(page, "import");
  assert.deepEqual(await scanAll(app.db, "Target"), source);

  // What a DynamoDB export to S3 delivers: the same lines, gzipped.
  const zipped = join(tmpdir(), `shoaldb-console-export-${process.pid}.json.gz`);
  await writeFile(zipped, gzipSync(text));
  await page.goto(`${app.url}#/tables/Zipped/export`);
  await page.getByLabel("File of DynamoDB JSON lines").setInputFiles(zipped);
  await page.getByRole("button", { name: "Import" }).click();
  await page.getByText(`${ITEMS} items from`).waitFor();
  assert.deepEqual(await scanAll(app.db, "Zipped"), source);
  app.assertNoProblems();
});

test("a file with unreadable lines imports nothing and names the lines", async () => {
  const file = join(tmpdir(), `shoaldb-console-broken-${process.pid}.json`);
  await writeFile(
    file,
    [
      '{"Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}}',
      "{not json",
      '{"Items": {}}',
      '{"Item": {"pk": {"S": "b"}, "sk": {"N": "2"}}}',
    ].join("\n"),
  );
  const page = await app.open("#/tables/Broken/export");
  await page.getByLabel("File of DynamoDB JSON lines").setInputFiles(file);
  await page.getByRole("button", { name: "Import" }).click();
  const box = page.locator(".alert-error");
  await box.waitFor();
  assert.match(await box.textContent(), /has 2 lines that cannot be read; nothing was imported/);
  assert.match(await box.textContent(), /Line 2: not valid JSON/);
  assert.match(await box.textContent(), /Line 3: expected \{"Item": \{\.\.\.\}\}/);
  assert.deepEqual(await scanAll(app.db, "Broken"), []);

  // An item DynamoDB refuses stops the import at its line, with DynamoDB's message.
  await writeFile(file, ['{"Item": {"pk": {"S": "a"}, "sk": {"N": "1"}}}', '{"Item": {"pk": {"S": "b"}}}'].join("\n"));
  await page.getByLabel("File of DynamoDB JSON lines").setInputFiles(file);
  await page.getByRole("button", { name: "Import" }).click();
  const alert = page.getByRole("alert");
  await alert.waitFor();
  let expected;
  await app.db("PutItem", { TableName: "Broken", Item: { pk: { S: "b" } } }).catch((error) => (expected = error));
  const title = await alert.locator(".alert-title").textContent();
  assert.equal(title, "The import stopped at line 2 (1 item written before it)");
  assert.equal(await alert.locator(".alert-type").textContent(), expected.name);
  assert.equal(await alert.locator(".alert-message").textContent(), expected.message);
  await app.screenshot(page, "import-refused-item");
  app.assertNoProblems();
});
