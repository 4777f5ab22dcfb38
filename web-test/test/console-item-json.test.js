// The console's item text formats, in Node (no browser needed): plain JSON and DynamoDB JSON as the
// item editor shows and reads them, and the export lines. Every conversion must give back the
// item it started from, numbers digit for digit.
import assert from "node:assert/strict";
import { test } from "node:test";
import { dynamoJsonText } from "../../demo/app/items/dynamo-json.js";
import { exportText, parseExportText } from "../../demo/app/items/export-lines.js";
import { itemFromPlainText, JsonSyntaxError, plainTextFromItem } from "../../demo/app/items/plain-json.js";

const PLAIN_ITEM = {
  id: { S: 'quote " and \\ and \n and ☃' },
  exact: { N: "12345678901234567890123456789012345678" },
  small: { N: "-0.000000000000000000000000000000000001" },
  expo: { N: "1.5E+300" },
  yes: { BOOL: true },
  nothing: { NULL: true },
  empty: { S: "" },
  list: { L: [{ N: "1" }, { M: { deep: { L: [] } } }, { S: "x" }] },
  map: { M: { "a b": { M: {} }, "#x": { BOOL: false } } },
};

test("plain JSON text round-trips an item without sets or binary, numbers exactly", () => {
  const { text, lossy } = plainTextFromItem(PLAIN_ITEM);
  assert.deepEqual(lossy, []);
  assert.match(text, /"exact": 12345678901234567890123456789012345678,/);
  assert.deepEqual(itemFromPlainText(text), PLAIN_ITEM);
});

test("plain JSON names what it cannot hold (sets, binary), with paths", () => {
  const { lossy } = plainTextFromItem({
    tags: { SS: ["a"] },
    blob: { B: "AQI=" },
    nested: { M: { "odd name": { L: [{ NS: ["1"] }, { BS: ["AA=="] }] } } },
  });
  assert.deepEqual(lossy, ["tags (SS)", "blob (B)", 'nested."odd name"[0] (NS)', 'nested."odd name"[1] (BS)']);
});

test("plain JSON mistakes are reported with line and column", () => {
  const cases = [
    ['{"a": 1,\n  }', /^Expected an attribute name in double quotes but found "}" at line 2, column 3$/],
    ['{"a": 1, "a": 2}', /^The attribute name "a" appears twice at line 1, column 10$/],
    ["[1]", /^An item must be a JSON object/],
    ['{"a": 01}', /^Expected ',' or '}' but found "1" at line 1, column 8$/],
    ['{"a": tru}', /^Expected a value but found "t"/],
    ['{"a": "x}', /^Unterminated string/],
    ['{"a": 1} {', /^Unexpected text after the item: "\{"/],
  ];
  for (const [text, message] of cases) {
    const matches = (error) => error instanceof JsonSyntaxError && message.test(error.message);
    assert.throws(() => itemFromPlainText(text), matches, text);
  }
});

test("DynamoDB JSON text is one attribute per line and parses back to the same item", () => {
  const item = { ...PLAIN_ITEM, tags: { SS: ['a", "b', "c"] }, blob: { B: "AQI=" }, nums: { NS: ["1", "2.5"] } };
  const text = dynamoJsonText(item);
  assert.deepEqual(JSON.parse(text), item);
  assert.match(text, /^ {2}"yes": \{"BOOL": true\},$/m);
  assert.match(text, /^ {2}"tags": \{"SS": \["a\\", \\"b", "c"\]\},$/m);
  assert.match(text, /^ {2}"list": \{"L": \[$/m, "lists open up");
  assert.equal(dynamoJsonText({}), "{}");
});

test("export lines are one {\"Item\": ...} per line and read back; bad lines are named", () => {
  const items = [PLAIN_ITEM, { id: { S: "two" }, b: { B: "AA==" } }];
  const text = exportText(items);
  assert.equal(text.split("\n").length, 3);
  assert.ok(text.endsWith("\n"));
  const read = parseExportText(`${text}\n   \n`);
  assert.deepEqual(read.errors, []);
  assert.deepEqual(read.items, [
    { line: 1, item: items[0] },
    { line: 2, item: items[1] },
  ]);

  const bad = parseExportText('{"Item": {"id": {"S": "a"}}}\n{oops\n["Item"]\n{"Item": null}\n');
  assert.equal(bad.items.length, 1);
  assert.deepEqual(
    bad.errors.map((e) => e.line),
    [2, 3, 4],
  );
  assert.match(bad.errors[0].message, /^not valid JSON/);
  assert.match(bad.errors[1].message, /^expected \{"Item": \{\.\.\.\}\}/);
});
