// What every console scenario needs: the console's server (demo/server.js, endpoint + console on
// one free port), Debian's headless Chromium, pages that record what went wrong in them, and a
// screenshot per scenario in web-test/screenshots/ for a person to look at.
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { startConsoleServer } from "../demo/server.js";
import { launchBrowser } from "./browser.js";

export const SCREENSHOTS = fileURLToPath(new URL("./screenshots/", import.meta.url));
const VIEWPORT = { width: 1280, height: 860 };

/** Starts the server and a browser; `close()` stops both. */
export async function startConsole() {
  const [serverStart, browserStart] = await Promise.allSettled([startConsoleServer({ port: 0 }), launchBrowser()]);
  if (serverStart.status === "rejected" || browserStart.status === "rejected") {
    if (serverStart.status === "fulfilled") await serverStart.value.close();
    if (browserStart.status === "fulfilled") await browserStart.value.close();
    throw serverStart.reason ?? browserStart.reason;
  }
  const server = serverStart.value;
  const browser = browserStart.value;
  const pages = [];
  return {
    server,
    url: `${server.url}/`,
    browser,
    /** Runs one DynamoDB operation on the server's database directly (setup and checks). */
    db: (operation, input) => server.db.execute(operation, input),
    /** A new tab on the console at `hash`, with its console errors and failed requests recorded. */
    async open(hash = "#/tables") {
      const page = await browser.context.newPage();
      await page.setViewportSize(VIEWPORT);
      page.problems = [];
      page.on("pageerror", (error) => page.problems.push(`page error: ${error.message}`));
      page.on("console", (message) => {
        // A DynamoDB error is an HTTP 400 answer, which Chromium also logs; the tests check
        // those answers themselves.
        if (message.type() === "error" && !/status of 400/.test(message.text())) page.problems.push(message.text());
      });
      page.on("requestfailed", (request) => page.problems.push(`request failed: ${request.url()}`));
      page.on("request", (request) => {
        const url = request.url();
        if (!url.startsWith(`${server.url}/`) && !url.startsWith("blob:") && !url.startsWith("data:")) {
          page.problems.push(`request to another origin: ${request.url()}`);
        }
      });
      await page.goto(`${server.url}/${hash}`);
      pages.push(page);
      return page;
    },
    async screenshot(page, name) {
      await mkdir(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: true });
    },
    /** Asserts that no open page had an error or talked to another origin. */
    assertNoProblems() {
      for (const page of pages) assert.deepEqual(page.problems, [], `problems in ${page.url()}`);
    },
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/**
 * Switches a page to the in-page database ("This browser") through the data source dialog, as a
 * person does; the choice is remembered, so tabs opened later use it too. Resolves to the storage
 * the page got ("OPFS", "IndexedDB", "memory", ...), as the source button shows it.
 */
export async function useBrowserSource(page) {
  await page.getByRole("button", { name: /Data source/ }).click();
  const dialog = page.getByRole("dialog", { name: "Data source" });
  await dialog.getByLabel(/This browser/).check();
  await dialog.getByRole("button", { name: "Use this source" }).click();
  await page.locator(".source-name", { hasText: /^This browser \(/ }).waitFor();
  return (await page.locator(".source-name").textContent()).match(/\((.*)\)/)[1];
}

/** Every item of a table, through Scan's pages, sorted by their JSON (for comparisons). */
export async function scanAll(db, TableName) {
  const items = [];
  let ExclusiveStartKey;
  do {
    const page = await db("Scan", { TableName, ...(ExclusiveStartKey ? { ExclusiveStartKey } : {}) });
    items.push(...page.Items);
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** A table with a string partition key and an optional sort key, created directly. */
export async function createTable(db, TableName, { partition = ["id", "S"], sort, gsis = [], extra = [] } = {}) {
  const defs = [partition, sort, ...gsis.flatMap((g) => [g.partition, g.sort]), ...extra].filter(Boolean);
  const unique = [...new Map(defs.map(([name, type]) => [name, type])).entries()];
  await db("CreateTable", {
    TableName,
    KeySchema: [
      { AttributeName: partition[0], KeyType: "HASH" },
      ...(sort ? [{ AttributeName: sort[0], KeyType: "RANGE" }] : []),
    ],
    AttributeDefinitions: unique.map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    BillingMode: "PAY_PER_REQUEST",
    ...(gsis.length
      ? {
          GlobalSecondaryIndexes: gsis.map((g) => ({
            IndexName: g.name,
            KeySchema: [
              { AttributeName: g.partition[0], KeyType: "HASH" },
              ...(g.sort ? [{ AttributeName: g.sort[0], KeyType: "RANGE" }] : []),
            ],
            Projection: { ProjectionType: "ALL" },
          })),
        }
      : {}),
  });
}

/** The text of each row of the visible items grid, as arrays of cell texts (selection box left out). */
export async function gridRows(page, scope = page) {
  return scope.locator("table.grid tbody tr").evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll("td:not(.select)")].map((cell) => cell.textContent)),
  );
}

/** The header texts of the visible items grid (without the KEY tags). */
export async function gridColumns(page) {
  return page.locator("table.grid thead th:not(.select)").evaluateAll((cells) =>
    cells.map((cell) => cell.firstChild?.textContent ?? ""),
  );
}

/** The visible items grid as objects: column name -> cell text (cells of absent attributes left out). */
export async function gridObjects(page) {
  const columns = await gridColumns(page);
  return (await gridRows(page)).map((cells) =>
    Object.fromEntries(cells.map((text, i) => [columns[i], text]).filter(([, text]) => text !== "")),
  );
}
