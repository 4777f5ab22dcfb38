// Console scenario: a mistake in an expression or a statement shows DynamoDB's own error, type
// and message word for word, where the results would be; fixing it shows the results again.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { createTable, startConsole } from "../console-harness.js";

let app;
before(async () => {
  app = await startConsole();
  await createTable(app.db, "Orders", { partition: ["customer", "S"], sort: ["placed", "N"] });
  for (let i = 1; i <= 3; i++) {
    const Item = { customer: { S: "c1" }, placed: { N: String(i) }, amount: { N: String(i * 10) } };
    await app.db("PutItem", { TableName: "Orders", Item });
  }
});
after(() => app?.close());

/** DynamoDB's error for a request, asked of the database directly. */
async function errorFor(operation, input) {
  try {
    await app.db(operation, input);
  } catch (error) {
    return error;
  }
  assert.fail(`${operation} was expected to fail`);
}

test("a bad FilterExpression shows the ValidationException DynamoDB gives", async () => {
  const page = await app.open("#/tables/Orders/items");
  await page.getByText("Items returned (3)").waitFor();
  await page.getByLabel("Edit as expressions").check();
  await page.getByLabel("FilterExpression").fill("amount >> :min");
  await page.getByLabel("ExpressionAttributeValues").fill('{":min": {"N": "15"}}');
  await page.getByRole("button", { name: "Run" }).click();

  const expected = await errorFor("Scan", {
    TableName: "Orders",
    Limit: 50,
    FilterExpression: "amount >> :min",
    ExpressionAttributeValues: { ":min": { N: "15" } },
  });
  assert.equal(expected.name, "ValidationException");
  assert.match(expected.message, /^Invalid FilterExpression: Syntax error; token: ">"/);
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.equal(await alert.locator(".alert-title").textContent(), "ValidationException");
  assert.equal(await alert.locator(".alert-message").textContent(), expected.message);
  assert.equal(await page.locator("table.grid").count(), 0, "no stale results under the error");
  await app.screenshot(page, "bad-expression-filter");

  // An unused value is DynamoDB's error too, not the console's.
  await page.getByLabel("FilterExpression").fill("amount > :min");
  await page.getByLabel("ExpressionAttributeValues").fill('{":min": {"N": "15"}, ":unused": {"S": "x"}}');
  await page.getByRole("button", { name: "Run" }).click();
  const unused = await errorFor("Scan", {
    TableName: "Orders",
    Limit: 50,
    FilterExpression: "amount > :min",
    ExpressionAttributeValues: { ":min": { N: "15" }, ":unused": { S: "x" } },
  });
  await alert.locator(".alert-message", { hasText: unused.message }).waitFor();

  // Fixed, the results come back.
  await page.getByLabel("ExpressionAttributeValues").fill('{":min": {"N": "15"}}');
  await page.getByRole("button", { name: "Run" }).click();
  await page.getByText("Items returned (2)").waitFor();
  assert.equal(await page.getByRole("alert").count(), 0);

  // The form's typed values reach DynamoDB as typed: a number that is not one is its error.
  await page.getByLabel("Edit as expressions").uncheck();
  await page.locator(".segmented label", { hasText: "Query" }).click();
  await page.getByLabel("customer (String) – partition key").fill("c1");
  await page.getByLabel("placed value").fill("two");
  await page.getByRole("button", { name: "Run" }).click();
  const badNumber = await errorFor("Query", {
    TableName: "Orders",
    Limit: 50,
    KeyConditionExpression: "#n0 = :v0 AND #n1 = :v1",
    ExpressionAttributeNames: { "#n0": "customer", "#n1": "placed" },
    ExpressionAttributeValues: { ":v0": { S: "c1" }, ":v1": { N: "two" } },
  });
  await alert.locator(".alert-message", { hasText: badNumber.message }).waitFor();
  assert.equal(await alert.locator(".alert-title").textContent(), badNumber.name);
  app.assertNoProblems();
});

test("a bad PartiQL statement shows DynamoDB's error, a good one its items", async () => {
  const page = await app.open("#/partiql");
  const statement = page.getByLabel("Statement");
  await statement.fill('SELEC * FROM "Orders"');
  await statement.press("Control+Enter");
  const expected = await errorFor("ExecuteStatement", { Statement: 'SELEC * FROM "Orders"' });
  const alert = page.getByRole("alert");
  await alert.waitFor();
  assert.equal(await alert.locator(".alert-title").textContent(), expected.name);
  assert.equal(await alert.locator(".alert-message").textContent(), expected.message);
  await app.screenshot(page, "bad-expression-partiql");

  await statement.fill(`SELECT * FROM "Orders" WHERE customer = 'c1' AND placed >= ?`);
  await page.getByText("Parameters", { exact: true }).click();
  await page.getByLabel("Parameters for ? placeholders").fill('[{"N": "2"}]');
  await page.getByRole("button", { name: "Run" }).click();
  await page.getByText("Results (2)").waitFor();
  const placed = await page.locator("table.grid tbody tr").evaluateAll((rows) => rows.length);
  assert.equal(placed, 2);
  app.assertNoProblems();
});
