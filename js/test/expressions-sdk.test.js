// The DynamoDB expression language through the official AWS SDK v3 (@aws-sdk/client-dynamodb and
// @aws-sdk/lib-dynamodb's Document client), over both transports: the in-process request handler
// and the HTTP endpoint. Conditions, updates, ReturnValues, Query/Scan with every key operator,
// filters, projections, paging, parallel scan, secondary indexes, the legacy parameters, and the
// errors, asserted by the SDK's error class and DynamoDB's message.
import assert from "node:assert/strict";
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  DynamoDBServiceException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
  UpdateItemCommand,
} from "@aws-sdk/client-dynamodb";
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  NumberValue,
  paginateQuery,
  paginateScan,
  PutCommand,
  QueryCommand as DocQueryCommand,
  ScanCommand as DocScanCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { after, before, describe, test } from "node:test";
import { rejection, transports } from "./transports.js";

const ITEMS = "expr-items"; // hash key id (S)
const ORDERED = "expr-ordered"; // hash pk (S), range sk (N), an LSI on lsk (S), a GSI on gpk (S) / gsk (N)
const WORDS = "expr-words"; // hash pk (S), range sk (S)

const pay = { BillingMode: "PAY_PER_REQUEST" };

function validation(error, message) {
  assert.ok(error instanceof DynamoDBServiceException, `not an SDK service exception: ${error}`);
  assert.equal(error.name, "ValidationException", `got ${error.name}: ${error.message}`);
  assert.equal(error.$fault, "client");
  assert.equal(error.$metadata.httpStatusCode, 400);
  if (message instanceof RegExp) assert.match(error.message, message);
  else assert.equal(error.message, message);
}

function conditionFailed(error) {
  assert.ok(error instanceof ConditionalCheckFailedException, `got ${error?.name}: ${error?.message}`);
  assert.equal(error.name, "ConditionalCheckFailedException");
  assert.equal(error.message, "The conditional request failed");
  assert.equal(error.$fault, "client");
  assert.equal(error.$metadata.httpStatusCode, 400);
}

for (const [transport, open] of Object.entries(transports)) {
  describe(`expressions through the AWS SDK v3 via the ${transport}`, () => {
    let target;
    let client;
    let doc;
    let exactClient;
    let exact; // a Document client that keeps every number as lib-dynamodb's NumberValue

    before(async () => {
      target = await open();
      client = new DynamoDBClient(target.config);
      doc = DynamoDBDocumentClient.from(client);
      // A Document client's options live on its DynamoDBClient's config, so this one needs its own.
      exactClient = new DynamoDBClient(target.config);
      exact = DynamoDBDocumentClient.from(exactClient, { unmarshallOptions: { wrapNumbers: true } });
      await client.send(
        new CreateTableCommand({
          TableName: ITEMS,
          KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
          AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
          ...pay,
        }),
      );
      await client.send(
        new CreateTableCommand({
          TableName: ORDERED,
          KeySchema: [
            { AttributeName: "pk", KeyType: "HASH" },
            { AttributeName: "sk", KeyType: "RANGE" },
          ],
          AttributeDefinitions: [
            { AttributeName: "pk", AttributeType: "S" },
            { AttributeName: "sk", AttributeType: "N" },
            { AttributeName: "lsk", AttributeType: "S" },
            { AttributeName: "gpk", AttributeType: "S" },
            { AttributeName: "gsk", AttributeType: "N" },
          ],
          LocalSecondaryIndexes: [
            {
              IndexName: "by-lsk",
              KeySchema: [
                { AttributeName: "pk", KeyType: "HASH" },
                { AttributeName: "lsk", KeyType: "RANGE" },
              ],
              Projection: { ProjectionType: "ALL" },
            },
          ],
          GlobalSecondaryIndexes: [
            {
              IndexName: "by-group",
              KeySchema: [
                { AttributeName: "gpk", KeyType: "HASH" },
                { AttributeName: "gsk", KeyType: "RANGE" },
              ],
              Projection: { ProjectionType: "INCLUDE", NonKeyAttributes: ["label"] },
            },
          ],
          ...pay,
        }),
      );
      await client.send(
        new CreateTableCommand({
          TableName: WORDS,
          KeySchema: [
            { AttributeName: "pk", KeyType: "HASH" },
            { AttributeName: "sk", KeyType: "RANGE" },
          ],
          AttributeDefinitions: [
            { AttributeName: "pk", AttributeType: "S" },
            { AttributeName: "sk", AttributeType: "S" },
          ],
          ...pay,
        }),
      );
      // ORDERED: partition "p" holds sk = -5, -1.5, 0, 2, 3, ..., 10, 100 (numeric order, not text).
      const sks = [100, -5, 10, 0, 2, -1.5, 3, 4, 5, 6, 7, 8, 9];
      for (const sk of sks) {
        const item = { pk: "p", sk, lsk: `l${String(1000 - Math.round(sk * 10)).padStart(5, "0")}`, label: `n${sk}`, odd: Math.abs(sk % 2) === 1, pad: "x".repeat(10) };
        if (Number.isInteger(sk) && sk >= 0) Object.assign(item, { gpk: sk % 3 === 0 ? "three" : "other", gsk: sk });
        await doc.send(new PutCommand({ TableName: ORDERED, Item: item }));
      }
      await doc.send(new PutCommand({ TableName: ORDERED, Item: { pk: "q", sk: 1, label: "other partition", gpk: "three", gsk: 1000 } }));
      for (const sk of ["a", "a#1", "a#2", "a#10", "ab", "b#1", "B#1", "é"]) {
        await doc.send(new PutCommand({ TableName: WORDS, Item: { pk: "w", sk } }));
      }
    });
    after(async () => {
      client.destroy();
      exactClient.destroy();
      await target.close();
    });

    // ---- ConditionExpression on PutItem, UpdateItem, DeleteItem

    describe("ConditionExpression", () => {
      test("PutItem with attribute_not_exists: first put succeeds, second fails and leaves the item", async () => {
        const put = (Item) =>
          doc.send(new PutCommand({ TableName: ITEMS, Item, ConditionExpression: "attribute_not_exists(id)" }));
        await put({ id: "c-put", v: 1 });
        const error = await rejection(put({ id: "c-put", v: 2 }));
        conditionFailed(error);
        assert.equal(error.Item, undefined, "no Item without ReturnValuesOnConditionCheckFailure");
        const { Item } = await doc.send(new GetCommand({ TableName: ITEMS, Key: { id: "c-put" } }));
        assert.deepEqual(Item, { id: "c-put", v: 1 });
      });

      test("ReturnValuesOnConditionCheckFailure ALL_OLD puts the item on the exception (Put, Update, Delete)", async () => {
        const Item = { id: { S: "c-old" }, v: { N: "7" }, tags: { SS: ["a", "b"] } };
        await client.send(new PutItemCommand({ TableName: ITEMS, Item }));
        const common = {
          TableName: ITEMS,
          ConditionExpression: "v > :limit",
          ExpressionAttributeValues: { ":limit": { N: "10" } },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        };
        const putError = await rejection(client.send(new PutItemCommand({ ...common, Item: { id: { S: "c-old" } } })));
        conditionFailed(putError);
        assert.deepEqual(putError.Item, Item);

        const updateError = await rejection(
          client.send(
            new UpdateItemCommand({
              ...common,
              Key: { id: { S: "c-old" } },
              UpdateExpression: "SET v = :limit",
            }),
          ),
        );
        conditionFailed(updateError);
        assert.deepEqual(updateError.Item, Item);

        const deleteError = await rejection(client.send(new DeleteItemCommand({ ...common, Key: { id: { S: "c-old" } } })));
        conditionFailed(deleteError);
        assert.deepEqual(deleteError.Item, Item);

        const noneError = await rejection(
          client.send(
            new DeleteItemCommand({ ...common, Key: { id: { S: "c-old" } }, ReturnValuesOnConditionCheckFailure: "NONE" }),
          ),
        );
        conditionFailed(noneError);
        assert.equal(noneError.Item, undefined);

        // A condition on an item that does not exist: the exception carries no Item.
        const missingError = await rejection(client.send(new DeleteItemCommand({ ...common, Key: { id: { S: "c-none" } } })));
        conditionFailed(missingError);
        assert.equal(missingError.Item, undefined);

        const { Item: still } = await client.send(new GetItemCommand({ TableName: ITEMS, Key: { id: { S: "c-old" } } }));
        assert.deepEqual(still, Item, "nothing changed");
      });

      test("UpdateItem with a condition: passes, then fails without touching the item", async () => {
        await doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "c-upd", version: 1, state: "draft" } }));
        const bump = (expected) =>
          doc.send(
            new UpdateCommand({
              TableName: ITEMS,
              Key: { id: "c-upd" },
              UpdateExpression: "SET version = version + :one, #s = :s",
              ConditionExpression: "version = :expected AND #s IN (:draft, :review)",
              ExpressionAttributeNames: { "#s": "state" },
              ExpressionAttributeValues: { ":one": 1, ":expected": expected, ":s": "review", ":draft": "draft", ":review": "review" },
              ReturnValues: "ALL_NEW",
            }),
          );
        const { Attributes } = await bump(1);
        assert.deepEqual(Attributes, { id: "c-upd", version: 2, state: "review" });
        conditionFailed(await rejection(bump(1)));
        const { Item } = await doc.send(new GetCommand({ TableName: ITEMS, Key: { id: "c-upd" } }));
        assert.deepEqual(Item, { id: "c-upd", version: 2, state: "review" });
      });

      test("DeleteItem with a condition", async () => {
        await doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "c-del", owner: "ann" } }));
        const del = (owner) =>
          doc.send(
            new DeleteCommand({
              TableName: ITEMS,
              Key: { id: "c-del" },
              ConditionExpression: "#o = :o",
              ExpressionAttributeNames: { "#o": "owner" },
              ExpressionAttributeValues: { ":o": owner },
              ReturnValues: "ALL_OLD",
            }),
          );
        conditionFailed(await rejection(del("bob")));
        const { Attributes } = await del("ann");
        assert.deepEqual(Attributes, { id: "c-del", owner: "ann" });
        assert.equal((await doc.send(new GetCommand({ TableName: ITEMS, Key: { id: "c-del" } }))).Item, undefined);
      });

      test("functions, comparators, BETWEEN, IN, NOT, AND/OR precedence and nested paths", async () => {
        await doc.send(
          new PutCommand({
            TableName: ITEMS,
            Item: {
              id: "c-fn",
              title: "Hello world",
              n: 5,
              tags: new Set(["red", "blue"]),
              nums: new Set([1, 2, 3]),
              lst: ["x", { deep: true }, 3],
              mp: { kid: { leaf: "v" } },
              nothing: null,
              bin: new Uint8Array([1, 2, 3]),
            },
          }),
        );
        const holds = async (ConditionExpression, values = {}, names) => {
          const input = { TableName: ITEMS, Key: { id: "c-fn" }, UpdateExpression: "SET touched = :t", ConditionExpression };
          input.ExpressionAttributeValues = { ":t": true, ...values };
          if (names) input.ExpressionAttributeNames = names;
          try {
            await doc.send(new UpdateCommand(input));
            return true;
          } catch (error) {
            if (error instanceof ConditionalCheckFailedException) return false;
            throw error;
          }
        };
        const cases = [
          ["attribute_exists(title)", {}, true],
          ["attribute_not_exists(title)", {}, false],
          ["attribute_exists(mp.kid.leaf)", {}, true],
          ["attribute_exists(mp.kid.nope)", {}, false],
          ["attribute_exists(lst[1].deep)", {}, true],
          ["attribute_exists(lst[5])", {}, false],
          ["attribute_type(tags, :ss)", { ":ss": "SS" }, true],
          ["attribute_type(nums, :ns)", { ":ns": "NS" }, true],
          ["attribute_type(nothing, :null)", { ":null": "NULL" }, true],
          ["attribute_type(bin, :b)", { ":b": "B" }, true],
          ["attribute_type(n, :s)", { ":s": "S" }, false],
          ["begins_with(title, :p)", { ":p": "Hello" }, true],
          ["begins_with(title, :p)", { ":p": "hello" }, false],
          ["contains(title, :w)", { ":w": "o w" }, true],
          ["contains(tags, :c)", { ":c": "red" }, true],
          ["contains(nums, :c)", { ":c": 4 }, false],
          ["contains(lst, :c)", { ":c": "x" }, true],
          ["size(title) = :len", { ":len": 11 }, true],
          ["size(tags) = :two AND size(lst) > :two", { ":two": 2 }, true],
          ["size(mp) = :one", { ":one": 1 }, true],
          ["size(bin) = :three", { ":three": 3 }, true],
          ["n BETWEEN :lo AND :hi", { ":lo": 5, ":hi": 9 }, true],
          ["n BETWEEN :lo AND :hi", { ":lo": 6, ":hi": 9 }, false],
          ["n IN (:a, :b, :c)", { ":a": 1, ":b": 5, ":c": 9 }, true],
          ["n <> :n", { ":n": 5 }, false],
          ["n < :n OR n >= :n", { ":n": 5 }, true],
          ["n <= :four", { ":four": 4 }, false],
          ["NOT n = :n", { ":n": 5 }, false],
          // AND binds tighter than OR: true OR (false AND false)
          ["n = :five OR n = :six AND n = :seven", { ":five": 5, ":six": 6, ":seven": 7 }, true],
          ["(n = :five OR n = :six) AND n = :seven", { ":five": 5, ":six": 6, ":seven": 7 }, false],
          // a comparison across types is false, not an error
          ["title > :num", { ":num": 1 }, false],
          ["#t = :title", { ":title": "Hello world" }, true, { "#t": "title" }],
          ["#m.#i.leaf = :v", { ":v": "v" }, true, { "#m": "mp", "#i": "kid" }],
          ["lst[0] = :x", { ":x": "x" }, true],
        ];
        for (const [expression, values, expected, names] of cases) {
          assert.equal(await holds(expression, values, names), expected, `${expression} with ${JSON.stringify(values)}`);
        }
      });
    });

    // ---- UpdateExpression

    describe("UpdateExpression", () => {
      test("SET with if_not_exists, list_append on either side, nested paths and list indexes", async () => {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: ITEMS,
            Key: { id: "u-set" },
            UpdateExpression:
              "SET created = if_not_exists(created, :now), hits = if_not_exists(hits, :zero) + :one, events = list_append(if_not_exists(events, :empty), :e), profile = :p",
            ExpressionAttributeValues: { ":now": "t1", ":zero": 0, ":one": 1, ":empty": [], ":e": ["created"], ":p": { name: "ann", langs: ["en"] } },
            ReturnValues: "ALL_NEW",
          }),
        );
        assert.deepEqual(Attributes, { id: "u-set", created: "t1", hits: 1, events: ["created"], profile: { name: "ann", langs: ["en"] } });

        const second = await doc.send(
          new UpdateCommand({
            TableName: ITEMS,
            Key: { id: "u-set" },
            UpdateExpression:
              "SET created = if_not_exists(created, :now), hits = if_not_exists(hits, :zero) + :one, events = list_append(:front, events), profile.#n = :n, profile.langs[1] = :fr, profile.langs[0] = :de",
            ExpressionAttributeNames: { "#n": "name" },
            ExpressionAttributeValues: { ":now": "t2", ":zero": 0, ":one": 1, ":front": ["first"], ":n": "Ann", ":fr": "fr", ":de": "de" },
            ReturnValues: "ALL_NEW",
          }),
        );
        assert.deepEqual(second.Attributes, {
          id: "u-set",
          created: "t1",
          hits: 2,
          events: ["first", "created"],
          profile: { name: "Ann", langs: ["de", "fr"] },
        });
      });

      test("SET a list index past the end appends", async () => {
        await doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "u-idx", l: ["a", "b"] } }));
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: ITEMS,
            Key: { id: "u-idx" },
            UpdateExpression: "SET l[10] = :c",
            ExpressionAttributeValues: { ":c": "c" },
            ReturnValues: "ALL_NEW",
          }),
        );
        assert.deepEqual(Attributes.l, ["a", "b", "c"]);
      });

      test("REMOVE attributes, nested map entries and list elements (the list shifts)", async () => {
        await doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "u-rm", a: 1, b: 2, m: { x: 1, y: 2 }, l: ["a", "b", "c", "d"] } }));
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: ITEMS,
            Key: { id: "u-rm" },
            UpdateExpression: "REMOVE a, m.x, l[1], l[2], absent",
            ReturnValues: "ALL_NEW",
          }),
        );
        assert.deepEqual(Attributes, { id: "u-rm", b: 2, m: { y: 2 }, l: ["a", "d"] });
      });

      test("ADD numbers and sets, DELETE from sets; an emptied set disappears", async () => {
        await doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "u-add", n: 10, tags: new Set(["a", "b"]), ids: new Set([1, 2]) } }));
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: ITEMS,
            Key: { id: "u-add" },
            UpdateExpression: "ADD n :minus, fresh :five, tags :more, newset :s DELETE ids :ids",
            ExpressionAttributeValues: { ":minus": -3, ":five": 5, ":more": new Set(["b", "c"]), ":s": new Set(["z"]), ":ids": new Set([1]) },
            ReturnValues: "ALL_NEW",
          }),
        );
        assert.deepEqual(Attributes, { id: "u-add", n: 7, fresh: 5, tags: new Set(["a", "b", "c"]), newset: new Set(["z"]), ids: new Set([2]) });
        const emptied = await doc.send(
          new UpdateCommand({
            TableName: ITEMS,
            Key: { id: "u-add" },
            UpdateExpression: "DELETE ids :ids, tags :all",
            ExpressionAttributeValues: { ":ids": new Set([2, 99]), ":all": new Set(["a", "b", "c"]) },
            ReturnValues: "ALL_NEW",
          }),
        );
        assert.equal("ids" in emptied.Attributes, false);
        assert.equal("tags" in emptied.Attributes, false);
      });

      test("UpdateItem on a missing item creates it (and SET + REMOVE + ADD + DELETE in one expression)", async () => {
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: ITEMS,
            Key: { id: "u-new" },
            UpdateExpression: "SET a = :a REMOVE gone ADD c :one DELETE s :x",
            ExpressionAttributeValues: { ":a": "A", ":one": 1, ":x": new Set(["x"]) },
            ReturnValues: "ALL_NEW",
          }),
        );
        assert.deepEqual(Attributes, { id: "u-new", a: "A", c: 1 });
      });

      test("exact decimal arithmetic with 38 significant digits (lib-dynamodb NumberValue)", async () => {
        const big = "12345678901234567890123456789012345678"; // 38 digits
        await exact.send(
          new PutCommand({
            TableName: ITEMS,
            Item: { id: "u-dec", big: NumberValue.from(big), tenth: NumberValue.from("0.1"), small: NumberValue.from("0.00000000000000000000000000000000000001") },
          }),
        );
        const { Attributes } = await exact.send(
          new UpdateCommand({
            TableName: ITEMS,
            Key: { id: "u-dec" },
            UpdateExpression: "SET big = big + :one, tenth = tenth + :fifth, diff = :a - :b, small = small + small ADD tally :huge",
            ExpressionAttributeValues: {
              ":one": 1,
              ":fifth": NumberValue.from("0.2"),
              ":a": NumberValue.from("5"),
              ":b": NumberValue.from("7.5"),
              ":huge": NumberValue.from("99999999999999999999999999999999999999"),
            },
            ReturnValues: "ALL_NEW",
          }),
        );
        assert.ok(Attributes.big instanceof NumberValue);
        assert.equal(Attributes.big.toString(), "12345678901234567890123456789012345679");
        assert.equal(Attributes.tenth.toString(), "0.3", "0.1 + 0.2 is exactly 0.3");
        assert.equal(Attributes.diff.toString(), "-2.5");
        assert.equal(Attributes.small.toString(), "0.00000000000000000000000000000000000002");
        assert.equal(Attributes.tally.toString(), "99999999999999999999999999999999999999");

        const { Item } = await client.send(new GetItemCommand({ TableName: ITEMS, Key: { id: { S: "u-dec" } } }));
        assert.deepEqual(Item.big, { N: "12345678901234567890123456789012345679" });
        assert.deepEqual(Item.tenth, { N: "0.3" });
      });

      test("number limits after arithmetic: 1E+38 is fine, past 1E+125 is an overflow", async () => {
        const { Attributes } = await exact.send(
          new UpdateCommand({
            TableName: ITEMS,
            Key: { id: "u-limits" },
            UpdateExpression: "SET n = :max + :one",
            ExpressionAttributeValues: { ":max": NumberValue.from("99999999999999999999999999999999999999"), ":one": 1 },
            ReturnValues: "UPDATED_NEW",
          }),
        );
        assert.equal(Attributes.n.toString(), "100000000000000000000000000000000000000");
        validation(
          await rejection(
            exact.send(
              new UpdateCommand({
                TableName: ITEMS,
                Key: { id: "u-limits" },
                UpdateExpression: "SET n = :big + :big",
                ExpressionAttributeValues: { ":big": NumberValue.from("9.9E+125") },
              }),
            ),
          ),
          "Number overflow. Attempting to store a number with magnitude larger than supported range",
        );
        // 1E+50 + 1 needs 51 significant digits. DynamoDB refuses it with the same (odd) overflow message
        // (ScyllaDB's alternator test_number.py, test_update_expression_plus_imprecise, notes this).
        validation(
          await rejection(
            exact.send(
              new UpdateCommand({
                TableName: ITEMS,
                Key: { id: "u-limits" },
                UpdateExpression: "SET n = :a + :b",
                ExpressionAttributeValues: { ":a": NumberValue.from("1E+50"), ":b": 1 },
              }),
            ),
          ),
          "Number overflow. Attempting to store a number with magnitude larger than supported range",
        );
      });

      test("UPDATED_OLD / UPDATED_NEW name only what changed: list elements, set additions, nested maps", async () => {
        await doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "u-upd-new", l: [1, 2, 3], s: new Set(["a"]), m: { x: { y: 1, z: 2 } }, other: 0 } }));
        const { Attributes } = await doc.send(
          new UpdateCommand({
            TableName: ITEMS,
            Key: { id: "u-upd-new" },
            UpdateExpression: "SET l[1] = :v, m.x.y = :v ADD s :b",
            ExpressionAttributeValues: { ":v": 20, ":b": new Set(["b"]) },
            ReturnValues: "UPDATED_NEW",
          }),
        );
        assert.deepEqual(Attributes, { l: [20], s: new Set(["a", "b"]), m: { x: { y: 20 } } });
        const old = await doc.send(
          new UpdateCommand({
            TableName: ITEMS,
            Key: { id: "u-upd-new" },
            UpdateExpression: "REMOVE l[0] SET fresh = :v",
            ExpressionAttributeValues: { ":v": 1 },
            ReturnValues: "UPDATED_OLD",
          }),
        );
        assert.deepEqual(old.Attributes, { l: [1] }, "fresh did not exist before");
      });

      test("ReturnValues: NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW", async () => {
        const base = { id: "u-rv", a: 1, b: { c: 2, d: 3 }, keep: "k", gone: "g" };
        const run = async (ReturnValues) => {
          await doc.send(new PutCommand({ TableName: ITEMS, Item: base }));
          return doc.send(
            new UpdateCommand({
              TableName: ITEMS,
              Key: { id: "u-rv" },
              UpdateExpression: "SET a = a + :one, b.c = :c, added = :x REMOVE gone",
              ExpressionAttributeValues: { ":one": 1, ":c": 20, ":x": "x" },
              ReturnValues,
            }),
          );
        };
        assert.equal((await run("NONE")).Attributes, undefined);
        assert.equal((await run(undefined)).Attributes, undefined);
        assert.deepEqual((await run("ALL_OLD")).Attributes, base);
        assert.deepEqual((await run("UPDATED_OLD")).Attributes, { a: 1, b: { c: 2 }, gone: "g" });
        assert.deepEqual((await run("ALL_NEW")).Attributes, { id: "u-rv", a: 2, b: { c: 20, d: 3 }, keep: "k", added: "x" });
        assert.deepEqual((await run("UPDATED_NEW")).Attributes, { a: 2, b: { c: 20 }, added: "x" });
      });

      test("ReturnValues on PutItem and DeleteItem: ALL_OLD and NONE; others are rejected", async () => {
        const first = await doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "rv-put", v: 1 }, ReturnValues: "ALL_OLD" }));
        assert.equal(first.Attributes, undefined, "no old item");
        const second = await doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "rv-put", v: 2 }, ReturnValues: "ALL_OLD" }));
        assert.deepEqual(second.Attributes, { id: "rv-put", v: 1 });
        const none = await doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "rv-put", v: 3 }, ReturnValues: "NONE" }));
        assert.equal(none.Attributes, undefined);
        validation(
          await rejection(doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "rv-put" }, ReturnValues: "ALL_NEW" }))),
          "ReturnValues can only be ALL_OLD or NONE",
        );
        validation(
          await rejection(doc.send(new DeleteCommand({ TableName: ITEMS, Key: { id: "rv-put" }, ReturnValues: "UPDATED_OLD" }))),
          "ReturnValues can only be ALL_OLD or NONE",
        );
        const deleted = await doc.send(new DeleteCommand({ TableName: ITEMS, Key: { id: "rv-put" }, ReturnValues: "ALL_OLD" }));
        assert.deepEqual(deleted.Attributes, { id: "rv-put", v: 3 });
      });
    });

    // ---- Query and Scan

    describe("Query", () => {
      const sksOf = (items) => items.map((item) => item.sk);
      const query = (condition, values, extra = {}) =>
        doc.send(
          new DocQueryCommand({
            TableName: ORDERED,
            KeyConditionExpression: `pk = :p AND ${condition}`,
            ExpressionAttributeValues: { ":p": "p", ...values },
            ...extra,
          }),
        );

      test("numbers in a range key order numerically, both directions", async () => {
        const { Items, Count, ScannedCount } = await doc.send(
          new DocQueryCommand({ TableName: ORDERED, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "p" } }),
        );
        assert.deepEqual(sksOf(Items), [-5, -1.5, 0, 2, 3, 4, 5, 6, 7, 8, 9, 10, 100]);
        assert.equal(Count, 13);
        assert.equal(ScannedCount, 13);
        const back = await doc.send(
          new DocQueryCommand({ TableName: ORDERED, KeyConditionExpression: "#p = :p", ExpressionAttributeNames: { "#p": "pk" }, ExpressionAttributeValues: { ":p": "p" }, ScanIndexForward: false }),
        );
        assert.deepEqual(sksOf(back.Items), [100, 10, 9, 8, 7, 6, 5, 4, 3, 2, 0, -1.5, -5]);
      });

      test("each range key operator: =, <, <=, >, >=, BETWEEN", async () => {
        assert.deepEqual(sksOf((await query("sk = :v", { ":v": 5 })).Items), [5]);
        assert.deepEqual(sksOf((await query("sk < :v", { ":v": 2 })).Items), [-5, -1.5, 0]);
        assert.deepEqual(sksOf((await query("sk <= :v", { ":v": 2 })).Items), [-5, -1.5, 0, 2]);
        assert.deepEqual(sksOf((await query("sk > :v", { ":v": 9 })).Items), [10, 100]);
        assert.deepEqual(sksOf((await query("sk >= :v", { ":v": 9 })).Items), [9, 10, 100]);
        assert.deepEqual(sksOf((await query("sk BETWEEN :a AND :b", { ":a": -1.5, ":b": 3 })).Items), [-1.5, 0, 2, 3]);
        assert.deepEqual(sksOf((await query("sk BETWEEN :a AND :b", { ":a": -1.5, ":b": 3 }, { ScanIndexForward: false })).Items), [3, 2, 0, -1.5]);
        // The key condition's operands may come in either order, and in parentheses.
        assert.deepEqual(sksOf((await query("(:v < sk)", { ":v": 9 })).Items), [10, 100]);
        assert.deepEqual((await query("sk = :v", { ":v": 55 })).Items, []);
      });

      test("begins_with on a string range key; strings order by UTF-8 bytes", async () => {
        const words = (condition, values) =>
          doc.send(
            new DocQueryCommand({
              TableName: WORDS,
              KeyConditionExpression: `pk = :p AND ${condition}`,
              ExpressionAttributeValues: { ":p": "w", ...values },
            }),
          );
        assert.deepEqual(sksOf((await words("begins_with(sk, :pre)", { ":pre": "a#" })).Items), ["a#1", "a#10", "a#2"]);
        assert.deepEqual(sksOf((await words("begins_with(sk, :pre)", { ":pre": "a" })).Items), ["a", "a#1", "a#10", "a#2", "ab"]);
        assert.deepEqual(sksOf((await words("sk > :v", { ":v": "a#2" })).Items), ["ab", "b#1", "é"]);
        const all = await doc.send(new DocQueryCommand({ TableName: WORDS, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "w" } }));
        assert.deepEqual(sksOf(all.Items), ["B#1", "a", "a#1", "a#10", "a#2", "ab", "b#1", "é"]);
      });

      test("strings order by UTF-8 bytes (not UTF-16 units), binaries by unsigned bytes, numbers normalized", async () => {
        // U+FFFD is EF BF BD in UTF-8 and U+1D11E is F0 9D 84 9E: the astral character sorts last,
        // though its first UTF-16 unit (D834) is below FFFD.
        for (const sk of ["\u{1D11E}", "\uFFFD", "z", "\u00e9"]) await doc.send(new PutCommand({ TableName: WORDS, Item: { pk: "utf", sk } }));
        const { Items } = await doc.send(new DocQueryCommand({ TableName: WORDS, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "utf" } }));
        assert.deepEqual(Items.map((i) => i.sk), ["z", "\u00e9", "\uFFFD", "\u{1D11E}"]);
        const above = await doc.send(
          new DocQueryCommand({ TableName: WORDS, KeyConditionExpression: "pk = :p AND sk > :v", ExpressionAttributeValues: { ":p": "utf", ":v": "\uFFFD" } }),
        );
        assert.deepEqual(above.Items.map((i) => i.sk), ["\u{1D11E}"]);

        await client.send(
          new CreateTableCommand({
            TableName: "expr-binary",
            KeySchema: [
              { AttributeName: "pk", KeyType: "HASH" },
              { AttributeName: "sk", KeyType: "RANGE" },
            ],
            AttributeDefinitions: [
              { AttributeName: "pk", AttributeType: "S" },
              { AttributeName: "sk", AttributeType: "B" },
            ],
            ...pay,
          }),
        );
        for (const bytes of [[0x80], [0x7f], [0x00], [0xff], [0x00, 0x00]]) {
          await client.send(new PutItemCommand({ TableName: "expr-binary", Item: { pk: { S: "b" }, sk: { B: new Uint8Array(bytes) } } }));
        }
        const binary = await client.send(
          new QueryCommand({ TableName: "expr-binary", KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": { S: "b" } } }),
        );
        assert.deepEqual(binary.Items.map((i) => [...i.sk.B]), [[0x00], [0x00, 0x00], [0x7f], [0x80], [0xff]]);

        await client.send(
          new PutItemCommand({
            TableName: ORDERED,
            Item: { pk: { S: "norm" }, sk: { N: "1.50" }, a: { N: "-0" }, b: { N: "1e2" }, c: { N: "-00012.3400e-3" }, d: { N: "+3" } },
          }),
        );
        const { Item } = await client.send(new GetItemCommand({ TableName: ORDERED, Key: { pk: { S: "norm" }, sk: { N: "1.5000" } } }));
        assert.deepEqual(Item, { pk: { S: "norm" }, sk: { N: "1.5" }, a: { N: "0" }, b: { N: "100" }, c: { N: "-0.01234" }, d: { N: "3" } });
        await client.send(new DeleteItemCommand({ TableName: ORDERED, Key: { pk: { S: "norm" }, sk: { N: "15E-1" } } }));
        assert.equal((await client.send(new GetItemCommand({ TableName: ORDERED, Key: { pk: { S: "norm" }, sk: { N: "1.5" } } }))).Item, undefined);
      });

      test("FilterExpression: Count after the filter, ScannedCount before it", async () => {
        const { Items, Count, ScannedCount } = await query("sk BETWEEN :a AND :b", { ":a": 0, ":b": 10, ":t": true }, { FilterExpression: "odd = :t" });
        assert.deepEqual(sksOf(Items), [3, 5, 7, 9]);
        assert.equal(Count, 4);
        assert.equal(ScannedCount, 10);
        const counted = await query("sk >= :a", { ":a": 0, ":t": true }, { FilterExpression: "odd = :t", Select: "COUNT" });
        assert.equal(counted.Items, undefined);
        assert.equal(counted.Count, 4);
        assert.equal(counted.ScannedCount, 11);
      });

      test("ProjectionExpression with names and nested paths", async () => {
        await doc.send(new PutCommand({ TableName: WORDS, Item: { pk: "proj", sk: "1", doc: { a: 1, b: [10, 20, 30] }, other: "x", name: "n" } }));
        const { Items } = await doc.send(
          new DocQueryCommand({
            TableName: WORDS,
            KeyConditionExpression: "pk = :p",
            ProjectionExpression: "#n, doc.b[1], sk",
            ExpressionAttributeNames: { "#n": "name" },
            ExpressionAttributeValues: { ":p": "proj" },
          }),
        );
        assert.deepEqual(Items, [{ sk: "1", name: "n", doc: { b: [20] } }]);
      });

      test("Limit and LastEvaluatedKey, by hand and with paginateQuery", async () => {
        const first = await query("sk >= :v", { ":v": 0 }, { Limit: 4 });
        assert.deepEqual(sksOf(first.Items), [0, 2, 3, 4]);
        assert.deepEqual(first.LastEvaluatedKey, { pk: "p", sk: 4 });
        const second = await query("sk >= :v", { ":v": 0 }, { Limit: 4, ExclusiveStartKey: first.LastEvaluatedKey });
        assert.deepEqual(sksOf(second.Items), [5, 6, 7, 8]);

        // A filter applies after Limit: a page can be empty and still say there is more.
        const filtered = await query("sk >= :v", { ":v": 0, ":no": "none" }, { Limit: 2, FilterExpression: "label = :no" });
        assert.deepEqual(filtered.Items, []);
        assert.equal(filtered.ScannedCount, 2);
        assert.deepEqual(filtered.LastEvaluatedKey, { pk: "p", sk: 2 });

        const pages = [];
        const seen = [];
        for await (const page of paginateQuery(
          { client: doc, pageSize: 3 },
          { TableName: ORDERED, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "p" }, ScanIndexForward: false },
        )) {
          pages.push(page.Items.length);
          seen.push(...sksOf(page.Items));
        }
        assert.deepEqual(seen, [100, 10, 9, 8, 7, 6, 5, 4, 3, 2, 0, -1.5, -5]);
        assert.ok(pages.length >= 5 && pages.slice(0, 4).every((n) => n === 3), `pages ${pages}`);
      });

      test("a local secondary index orders by its own range key and pages with index and table keys", async () => {
        const { Items } = await doc.send(
          new DocQueryCommand({
            TableName: ORDERED,
            IndexName: "by-lsk",
            KeyConditionExpression: "pk = :p AND begins_with(lsk, :pre)",
            ExpressionAttributeValues: { ":p": "p", ":pre": "l00" },
          }),
        );
        // lsk = 1000 - 10 * sk, zero padded: the index reverses the table's order (sk 10 .. 100 give l00900 .. l00000).
        assert.deepEqual(sksOf(Items), [100, 10, 9, 8, 7, 6, 5, 4, 3, 2]);
        const page = await doc.send(
          new DocQueryCommand({ TableName: ORDERED, IndexName: "by-lsk", KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "p" }, Limit: 1 }),
        );
        assert.deepEqual(page.LastEvaluatedKey, { pk: "p", sk: 100, lsk: "l00000" });
      });

      test("a global secondary index: sparse, its own projection, no consistent reads", async () => {
        const { Items } = await doc.send(
          new DocQueryCommand({
            TableName: ORDERED,
            IndexName: "by-group",
            KeyConditionExpression: "gpk = :g AND gsk > :min",
            ExpressionAttributeValues: { ":g": "three", ":min": 0 },
          }),
        );
        assert.deepEqual(
          Items,
          [3, 6, 9, 1000].map((gsk) => ({ gpk: "three", gsk, pk: gsk === 1000 ? "q" : "p", sk: gsk === 1000 ? 1 : gsk, label: gsk === 1000 ? "other partition" : `n${gsk}` })),
          "INCLUDE projection: index keys, table keys and label only",
        );
        const scanned = await doc.send(new DocScanCommand({ TableName: ORDERED, IndexName: "by-group", Select: "COUNT" }));
        assert.equal(scanned.Count, 12, "items without gpk/gsk are not in the index");
        validation(
          await rejection(
            doc.send(
              new DocQueryCommand({
                TableName: ORDERED,
                IndexName: "by-group",
                KeyConditionExpression: "gpk = :g",
                ExpressionAttributeValues: { ":g": "three" },
                ConsistentRead: true,
              }),
            ),
          ),
          "Consistent reads are not supported on global secondary indexes",
        );
      });
    });

    describe("Scan", () => {
      test("FilterExpression, ProjectionExpression and paginateScan", async () => {
        const seen = [];
        let pages = 0;
        for await (const page of paginateScan(
          { client: doc, pageSize: 4 },
          {
            TableName: ORDERED,
            FilterExpression: "pk = :p AND sk BETWEEN :a AND :b",
            ProjectionExpression: "sk, label",
            ExpressionAttributeValues: { ":p": "p", ":a": 2, ":b": 6 },
          },
        )) {
          pages += 1;
          seen.push(...page.Items);
        }
        assert.ok(pages >= 4, `${pages} pages`);
        assert.deepEqual(
          seen.sort((x, y) => x.sk - y.sk),
          [2, 3, 4, 5, 6].map((sk) => ({ sk, label: `n${sk}` })),
        );
      });

      test("Segment/TotalSegments partition the table exactly", async () => {
        const all = (await doc.send(new DocScanCommand({ TableName: ORDERED }))).Items.map((item) => `${item.pk}/${item.sk}`).sort();
        assert.equal(all.length, 14);
        for (const TotalSegments of [1, 2, 3, 7]) {
          const union = [];
          for (let Segment = 0; Segment < TotalSegments; Segment++) {
            for await (const page of paginateScan({ client: doc, pageSize: 2 }, { TableName: ORDERED, Segment, TotalSegments })) {
              union.push(...page.Items.map((item) => `${item.pk}/${item.sk}`));
            }
          }
          assert.deepEqual(union.sort(), all, `TotalSegments ${TotalSegments}`);
        }
        validation(
          await rejection(doc.send(new DocScanCommand({ TableName: ORDERED, Segment: 1 }))),
          "The TotalSegments parameter is required but was not present in the request when Segment parameter is present",
        );
        validation(
          await rejection(doc.send(new DocScanCommand({ TableName: ORDERED, Segment: 4, TotalSegments: 4 }))),
          "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 4 is not less than TotalSegments: 4",
        );
        // A start key must lie in the segment it continues (DynamoDB's message for a wrong one). Find a
        // segment count that puts the two partitions p and q in different segments.
        let split;
        for (let TotalSegments = 2; TotalSegments <= 16 && !split; TotalSegments++) {
          const segmentOf = {};
          for (let Segment = 0; Segment < TotalSegments; Segment++) {
            const { Items } = await doc.send(new DocScanCommand({ TableName: ORDERED, Segment, TotalSegments }));
            for (const item of Items) segmentOf[item.pk] = Segment;
          }
          if (segmentOf.p !== segmentOf.q) split = { TotalSegments, p: segmentOf.p, q: segmentOf.q };
        }
        assert.ok(split, "some segment count separates the partitions p and q");
        const startIn = (pk) => ({ TableName: ORDERED, Segment: split.p, TotalSegments: split.TotalSegments, ExclusiveStartKey: { pk, sk: 1 } });
        await doc.send(new DocScanCommand(startIn("p")));
        validation(
          await rejection(doc.send(new DocScanCommand(startIn("q")))),
          "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct " +
            `Segment. TotalSegments: ${split.TotalSegments} Segment: ${split.p}`,
        );
      });
    });

    // ---- The legacy parameters

    describe("legacy parameters", () => {
      test("Expected on PutItem and DeleteItem (Exists, Value, ComparisonOperator, ConditionalOperator)", async () => {
        const put = (Item, Expected, extra = {}) => client.send(new PutItemCommand({ TableName: ITEMS, Item, Expected, ...extra }));
        await put({ id: { S: "l-exp" }, v: { N: "1" } }, { id: { Exists: false } });
        conditionFailed(await rejection(put({ id: { S: "l-exp" }, v: { N: "9" } }, { id: { Exists: false } })));
        await put({ id: { S: "l-exp" }, v: { N: "2" } }, { v: { Value: { N: "1" } } });
        await put({ id: { S: "l-exp" }, v: { N: "3" } }, { v: { Exists: true, Value: { N: "2" } } });
        await put({ id: { S: "l-exp" }, v: { N: "4" } }, { v: { ComparisonOperator: "GT", AttributeValueList: [{ N: "2" }] } });
        conditionFailed(await rejection(put({ id: { S: "l-exp" }, v: { N: "5" } }, { v: { ComparisonOperator: "LT", AttributeValueList: [{ N: "2" }] } })));
        await put(
          { id: { S: "l-exp" }, v: { N: "5" } },
          { v: { ComparisonOperator: "LT", AttributeValueList: [{ N: "2" }] }, nope: { ComparisonOperator: "NULL" } },
          { ConditionalOperator: "OR" },
        );
        conditionFailed(
          await rejection(
            client.send(
              new DeleteItemCommand({
                TableName: ITEMS,
                Key: { id: { S: "l-exp" } },
                Expected: { v: { ComparisonOperator: "IN", AttributeValueList: [{ N: "1" }, { N: "2" }] } },
              }),
            ),
          ),
        );
        const { Attributes } = await client.send(
          new DeleteItemCommand({
            TableName: ITEMS,
            Key: { id: { S: "l-exp" } },
            Expected: { v: { ComparisonOperator: "BETWEEN", AttributeValueList: [{ N: "4" }, { N: "6" }] } },
            ReturnValues: "ALL_OLD",
          }),
        );
        assert.deepEqual(Attributes, { id: { S: "l-exp" }, v: { N: "5" } });
      });

      test("AttributeUpdates: PUT, ADD, DELETE (attribute and set elements)", async () => {
        await client.send(
          new PutItemCommand({ TableName: ITEMS, Item: { id: { S: "l-upd" }, n: { N: "1" }, s: { SS: ["a", "b"] }, drop: { S: "x" } } }),
        );
        const { Attributes } = await client.send(
          new UpdateItemCommand({
            TableName: ITEMS,
            Key: { id: { S: "l-upd" } },
            AttributeUpdates: {
              title: { Action: "PUT", Value: { S: "T" } },
              n: { Action: "ADD", Value: { N: "2.5" } },
              s: { Action: "DELETE", Value: { SS: ["a"] } },
              drop: { Action: "DELETE" },
              more: { Value: { L: [{ S: "default action is PUT" }] } },
            },
            Expected: { n: { Value: { N: "1" } } },
            ReturnValues: "ALL_NEW",
          }),
        );
        assert.deepEqual(Attributes, {
          id: { S: "l-upd" },
          title: { S: "T" },
          n: { N: "3.5" },
          s: { SS: ["b"] },
          more: { L: [{ S: "default action is PUT" }] },
        });
      });

      test("KeyConditions, QueryFilter and AttributesToGet on Query; ScanFilter on Scan; AttributesToGet on GetItem", async () => {
        const { Items, Count, ScannedCount } = await client.send(
          new QueryCommand({
            TableName: ORDERED,
            KeyConditions: {
              pk: { ComparisonOperator: "EQ", AttributeValueList: [{ S: "p" }] },
              sk: { ComparisonOperator: "BETWEEN", AttributeValueList: [{ N: "2" }, { N: "8" }] },
            },
            QueryFilter: { odd: { ComparisonOperator: "EQ", AttributeValueList: [{ BOOL: true }] } },
            AttributesToGet: ["sk", "label"],
            ScanIndexForward: false,
          }),
        );
        assert.deepEqual(Items, [7, 5, 3].map((sk) => ({ sk: { N: String(sk) }, label: { S: `n${sk}` } })));
        assert.equal(Count, 3);
        assert.equal(ScannedCount, 7);

        const words = await client.send(
          new QueryCommand({
            TableName: WORDS,
            KeyConditions: {
              pk: { ComparisonOperator: "EQ", AttributeValueList: [{ S: "w" }] },
              sk: { ComparisonOperator: "BEGINS_WITH", AttributeValueList: [{ S: "a#" }] },
            },
          }),
        );
        assert.deepEqual(words.Items.map((item) => item.sk.S), ["a#1", "a#10", "a#2"]);

        const scan = await client.send(
          new ScanCommand({
            TableName: ORDERED,
            ScanFilter: {
              label: { ComparisonOperator: "BEGINS_WITH", AttributeValueList: [{ S: "n1" }] },
              gsk: { ComparisonOperator: "GE", AttributeValueList: [{ N: "1000" }] },
            },
            ConditionalOperator: "OR",
            AttributesToGet: ["label"],
          }),
        );
        assert.deepEqual(scan.Items.map((item) => item.label.S).sort(), ["n10", "n100", "other partition"]);

        const { Item } = await client.send(
          new GetItemCommand({ TableName: ORDERED, Key: { pk: { S: "p" }, sk: { N: "5" } }, AttributesToGet: ["label", "nope"] }),
        );
        assert.deepEqual(Item, { label: { S: "n5" } });
      });
    });

    // ---- Errors

    describe("errors", () => {
      const put = (input) => doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "e" }, ...input }));
      const update = (input) => doc.send(new UpdateCommand({ TableName: ITEMS, Key: { id: "e" }, ...input }));

      test("syntax errors name the token and where it is", async () => {
        validation(
          await rejection(put({ ConditionExpression: "a = = :v", ExpressionAttributeValues: { ":v": 1 } })),
          'Invalid ConditionExpression: Syntax error; token: "=", near: "= = :v"',
        );
        validation(
          await rejection(update({ UpdateExpression: "SET a =" })),
          'Invalid UpdateExpression: Syntax error; token: "<EOF>", near: "="',
        );
        validation(
          await rejection(
            doc.send(new DocQueryCommand({ TableName: ITEMS, KeyConditionExpression: "id = :v AND", ExpressionAttributeValues: { ":v": "x" } })),
          ),
          'Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: "AND"',
        );
        validation(
          await rejection(doc.send(new GetCommand({ TableName: ITEMS, Key: { id: "e" }, ProjectionExpression: "a,,b" }))),
          'Invalid ProjectionExpression: Syntax error; token: ",", near: ",,b"',
        );
      });

      test("a reserved word needs a #name", async () => {
        validation(
          await rejection(put({ ConditionExpression: "attribute_not_exists(name)" })),
          "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name",
        );
        validation(
          await rejection(update({ UpdateExpression: "SET #s = :s, status = :s", ExpressionAttributeNames: { "#s": "s" }, ExpressionAttributeValues: { ":s": "x" } })),
          "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status",
        );
        validation(
          await rejection(doc.send(new GetCommand({ TableName: ITEMS, Key: { id: "e" }, ProjectionExpression: "id, size" }))),
          "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: size",
        );
      });

      test("unused and undefined ExpressionAttributeValues / ExpressionAttributeNames", async () => {
        validation(
          await rejection(update({ UpdateExpression: "SET a = :a", ExpressionAttributeValues: { ":a": 1, ":b": 2 } })),
          "Value provided in ExpressionAttributeValues unused in expressions: keys: {:b}",
        );
        validation(
          await rejection(update({ UpdateExpression: "SET a = :a", ExpressionAttributeNames: { "#x": "x" }, ExpressionAttributeValues: { ":a": 1 } })),
          "Value provided in ExpressionAttributeNames unused in expressions: keys: {#x}",
        );
        validation(
          await rejection(put({ ConditionExpression: "a = :missing", ExpressionAttributeValues: { ":other": 1 } })),
          "Invalid ConditionExpression: An expression attribute value used in expression is not defined; attribute value: :missing",
        );
        validation(
          await rejection(put({ ConditionExpression: "attribute_exists(#missing)" })),
          "Invalid ConditionExpression: An expression attribute name used in the document path is not defined; attribute name: #missing",
        );
        validation(
          await rejection(put({ ExpressionAttributeValues: { ":a": 1 } })),
          // DynamoDB has been seen both with and without a ": ConditionExpression is null" tail.
          /^ExpressionAttributeValues can only be specified when using expressions/,
        );
      });

      test("mixing legacy parameters with expressions", async () => {
        validation(
          await rejection(put({ ConditionExpression: "attribute_not_exists(id)", Expected: { id: { Exists: false } } })),
          "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {Expected} Expression parameters: {ConditionExpression}",
        );
        validation(
          await rejection(update({ UpdateExpression: "SET a = :a", ExpressionAttributeValues: { ":a": 1 }, AttributeUpdates: { b: { Action: "PUT", Value: 1 } } })),
          "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributeUpdates} Expression parameters: {UpdateExpression}",
        );
        validation(
          await rejection(doc.send(new GetCommand({ TableName: ITEMS, Key: { id: "e" }, AttributesToGet: ["a"], ProjectionExpression: "b" }))),
          "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}",
        );
        validation(
          await rejection(
            doc.send(
              new DocQueryCommand({
                TableName: ORDERED,
                KeyConditions: { pk: { ComparisonOperator: "EQ", AttributeValueList: ["p"] } },
                FilterExpression: "odd = :t",
                ExpressionAttributeValues: { ":t": true },
              }),
            ),
          ),
          "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: {KeyConditions} Expression parameters: {FilterExpression}",
        );
      });

      test("update errors: key attributes, overlapping paths, wrong operand types", async () => {
        validation(
          await rejection(update({ UpdateExpression: "SET id = :v", ExpressionAttributeValues: { ":v": "other" } })),
          "One or more parameter values were invalid: Cannot update attribute id. This attribute is part of the key",
        );
        validation(
          await rejection(update({ UpdateExpression: "SET a = :v REMOVE a.b", ExpressionAttributeValues: { ":v": 1 } })),
          "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]",
        );
        validation(
          await rejection(update({ UpdateExpression: "ADD a :v", ExpressionAttributeValues: { ":v": "text" } })),
          "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand type: STRING",
        );
        validation(
          await rejection(update({ UpdateExpression: "SET a = list_append(:v, :w)", ExpressionAttributeValues: { ":v": "text", ":w": [1] } })),
          "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: list_append, operand type: S",
        );
        await doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "e-type", s: "text" } }));
        validation(
          await rejection(
            doc.send(new UpdateCommand({ TableName: ITEMS, Key: { id: "e-type" }, UpdateExpression: "SET s = s + :one", ExpressionAttributeValues: { ":one": 1 } })),
          ),
          "An operand in the update expression has an incorrect data type",
        );
      });

      test("update errors at apply time: paths into nothing, wrong types for ADD/DELETE/list_append", async () => {
        await doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "e-apply", s: "text", ss: new Set(["a"]), n: 1 } }));
        const upd = (UpdateExpression, ExpressionAttributeValues) =>
          rejection(doc.send(new UpdateCommand({ TableName: ITEMS, Key: { id: "e-apply" }, UpdateExpression, ExpressionAttributeValues })));
        validation(await upd("SET nope.deeper = :v", { ":v": 1 }), "The document path provided in the update expression is invalid for update");
        validation(await upd("SET s[0] = :v", { ":v": 1 }), "The document path provided in the update expression is invalid for update");
        validation(await upd("SET s = list_append(s, :l)", { ":l": [1] }), "An operand in the update expression has an incorrect data type");
        validation(await upd("ADD ss :v", { ":v": new Set([1]) }), "An operand in the update expression has an incorrect data type");
        validation(await upd("ADD s :v", { ":v": 1 }), "An operand in the update expression has an incorrect data type");
        validation(
          await upd("DELETE n :v", { ":v": 1 }),
          "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: DELETE, operand type: NUMBER",
        );
        const { Item } = await doc.send(new GetCommand({ TableName: ITEMS, Key: { id: "e-apply" } }));
        assert.deepEqual(Item, { id: "e-apply", s: "text", ss: new Set(["a"]), n: 1 }, "no failed update changed the item");
      });

      test("ExpressionAttributeValues must not be empty", async () => {
        validation(
          await rejection(
            client.send(new PutItemCommand({ TableName: ITEMS, Item: { id: { S: "e" } }, ConditionExpression: "attribute_exists(a)", ExpressionAttributeValues: {} })),
          ),
          "ExpressionAttributeValues must not be empty",
        );
      });

      // DynamoDB's message, from moto's AWS-verified test_update_item_add_empty_set
      // (tests/test_dynamodb/test_dynamodb_update_expressions.py); dynalite adds " for key :v".
      test("an empty set in ExpressionAttributeValues", async () => {
        validation(
          await rejection(
            client.send(
              new UpdateItemCommand({
                TableName: ITEMS,
                Key: { id: { S: "e" } },
                UpdateExpression: "ADD s :v",
                ExpressionAttributeValues: { ":v": { SS: [] } },
              }),
            ),
          ),
          /^ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An string set  may not be empty( for key :v)?$/,
        );
        // dynalite builds these as "ExpressionAttributeValues contains invalid value: <reason> for key <name>", and
        // DynamoDB errors quoted in the wild read "... The parameter cannot be converted to a numeric value: NaN for key :dataItem".
        validation(
          await rejection(
            client.send(
              new UpdateItemCommand({ TableName: ITEMS, Key: { id: { S: "e" } }, UpdateExpression: "SET n = :v", ExpressionAttributeValues: { ":v": { N: "NaN" } } }),
            ),
          ),
          "ExpressionAttributeValues contains invalid value: The parameter cannot be converted to a numeric value: NaN for key :v",
        );
      });

      test("projection errors: overlapping paths", async () => {
        validation(
          await rejection(doc.send(new GetCommand({ TableName: ITEMS, Key: { id: "e" }, ProjectionExpression: "a, a.b" }))),
          "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: [a], path two: [a, b]",
        );
      });

      test("more expression validation: parentheses, functions, sections, empty expressions, types, paths", async () => {
        const cases = [
          [put({ ConditionExpression: "((attribute_exists(a)))" }), "Invalid ConditionExpression: The expression has redundant parentheses;"],
          [put({ ConditionExpression: "ATTRIBUTE_EXISTS(a)" }), "Invalid ConditionExpression: Invalid function name; function: ATTRIBUTE_EXISTS"],
          [update({ UpdateExpression: "SET a = size(b)" }), "Invalid UpdateExpression: The function is not allowed in an update expression; function: size"],
          [
            put({ ConditionExpression: "if_not_exists(a, :v) = :v", ExpressionAttributeValues: { ":v": 1 } }),
            "Invalid ConditionExpression: The function is not allowed in a condition expression; function: if_not_exists",
          ],
          [
            update({ UpdateExpression: "SET a = :v SET b = :v", ExpressionAttributeValues: { ":v": 1 } }),
            'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;',
          ],
          [put({ ConditionExpression: "" }), "Invalid ConditionExpression: The expression can not be empty;"],
          [
            put({ ConditionExpression: "attribute_type(a, :t)", ExpressionAttributeValues: { ":t": "XX" } }),
            "Invalid ConditionExpression: Invalid attribute type name found; type: XX, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}",
          ],
          [
            put({ ConditionExpression: "a BETWEEN :hi AND :lo", ExpressionAttributeValues: { ":hi": 10, ":lo": 1 } }),
            "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or equal to lower bound; lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {N:1}",
          ],
          [
            update({ UpdateExpression: "SET a[0] = :v, a.b = :v", ExpressionAttributeValues: { ":v": 1 } }),
            "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; path one: [a, [0]], path two: [a, b]",
          ],
          [
            put({ ConditionExpression: `attribute_exists(${Array.from({ length: 33 }, (_, i) => `a${i}`).join(".")})` }),
            "Invalid ConditionExpression: The document path has too many nesting levels; nesting levels: 33, maximum: 32",
          ],
          [
            put({ ConditionExpression: "attribute_exists(#a)", ExpressionAttributeNames: { "#a": "a", b: "b" } }),
            'ExpressionAttributeNames contains invalid key: Syntax error; key: "b"',
          ],
        ];
        for (const [promise, message] of cases) validation(await rejection(promise), message);

        await doc.send(new PutCommand({ TableName: ITEMS, Item: { id: "e-more" } }));
        validation(
          await rejection(
            doc.send(new UpdateCommand({ TableName: ITEMS, Key: { id: "e-more" }, UpdateExpression: "SET a = nope + :one", ExpressionAttributeValues: { ":one": 1 } })),
          ),
          "The provided expression refers to an attribute that does not exist in the item",
        );
        validation(
          await rejection(
            doc.send(new UpdateCommand({ TableName: ITEMS, Key: { id: "e-more" }, UpdateExpression: "SET big = :v", ExpressionAttributeValues: { ":v": "x".repeat(400 * 1024) } })),
          ),
          "Item size to update has exceeded the maximum allowed size",
        );
      });

      test("more query validation: key condition shapes, missing index, index key types", async () => {
        const q = (input) => rejection(doc.send(new DocQueryCommand({ TableName: ORDERED, ...input })));
        const values = { ":p": "p", ":n": 1 };
        const cases = [
          [{ KeyConditionExpression: "pk = :p AND sk > :p", ExpressionAttributeValues: { ":p": "p" } }, "One or more parameter values were invalid: Condition parameter type does not match schema type"],
          [
            { KeyConditionExpression: "pk = :p AND sk BETWEEN :n AND :p", ExpressionAttributeValues: values },
            "Invalid KeyConditionExpression: The BETWEEN operator requires same data type for lower and upper bounds; lower bound operand: AttributeValue: {N:1}, upper bound operand: AttributeValue: {S:p}",
          ],
          [{ KeyConditionExpression: "pk = :p AND sk <> :n", ExpressionAttributeValues: values }, "Invalid operator used in KeyConditionExpression: <>"],
          [{ KeyConditionExpression: "pk = :p AND attribute_exists(sk)", ExpressionAttributeValues: { ":p": "p" } }, "Invalid operator used in KeyConditionExpression: attribute_exists"],
          [{ KeyConditionExpression: "pk = :p AND size(sk) > :n", ExpressionAttributeValues: values }, "KeyConditionExpressions cannot contain nested operations"],
          [{ KeyConditionExpression: "pk.x = :p", ExpressionAttributeValues: { ":p": "p" } }, "KeyConditionExpressions cannot have conditions on nested attributes"],
          [{ KeyConditionExpression: "pk = sk" }, "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"],
          [{ KeyConditionExpression: "begins_with(pk, :p)", ExpressionAttributeValues: { ":p": "p" } }, "Query key condition not supported"],
          [{}, "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."],
          [{ IndexName: "nope", KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "p" } }, "The table does not have the specified index: nope"],
          [
            { KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "p" }, ExclusiveStartKey: { pk: "p" } },
            "The provided starting key is invalid: The provided key element does not match the schema",
          ],
        ];
        for (const [input, message] of cases) validation(await q(input), message);
        validation(
          await rejection(doc.send(new PutCommand({ TableName: ORDERED, Item: { pk: "p", sk: 999, gpk: 1, gsk: 1 } }))),
          "One or more parameter values were invalid: Type mismatch for Index Key gpk Expected: S Actual: N IndexName: by-group",
        );
      });

      // DynamoDB's messages, as dynalite's tests (run against DynamoDB) and application code that
      // matches them have it: another partition without a sort-key condition is outside the query's
      // boundaries; with one, any start key outside it does not match the range key predicate.
      test("an ExclusiveStartKey outside the key condition", async () => {
        const q = (condition, values, ExclusiveStartKey, more = {}) =>
          doc.send(
            new DocQueryCommand({
              TableName: ORDERED,
              KeyConditionExpression: condition,
              ExpressionAttributeValues: values,
              ExclusiveStartKey,
              ...more,
            }),
          );
        const outside = "The provided starting key is outside query boundaries based on provided conditions";
        const predicate = "The provided starting key does not match the range key predicate";
        validation(await rejection(q("pk = :p", { ":p": "p" }, { pk: "q", sk: 1 })), outside);
        validation(await rejection(q("pk = :p AND sk > :n", { ":p": "p", ":n": 5 }, { pk: "p", sk: 1 })), predicate);
        validation(await rejection(q("pk = :p AND sk > :n", { ":p": "p", ":n": 5 }, { pk: "q", sk: 9 })), predicate);
        validation(await rejection(q("pk = :p AND sk BETWEEN :a AND :b", { ":p": "p", ":a": 2, ":b": 4 }, { pk: "p", sk: 5 })), predicate);
        // Inside the condition the page continues after the key, either way.
        const forward = await q("pk = :p AND sk BETWEEN :a AND :b", { ":p": "p", ":a": 2, ":b": 5 }, { pk: "p", sk: 3 });
        assert.deepEqual(forward.Items.map((item) => item.sk), [4, 5]);
        const backward = await q("pk = :p AND sk BETWEEN :a AND :b", { ":p": "p", ":a": 2, ":b": 5 }, { pk: "p", sk: 4 }, { ScanIndexForward: false });
        assert.deepEqual(backward.Items.map((item) => item.sk), [3, 2]);
        // Through the local index, whose partition key is the table's.
        const lsi = (values, ExclusiveStartKey) =>
          doc.send(new DocQueryCommand({ TableName: ORDERED, IndexName: "by-lsk", KeyConditionExpression: "pk = :p", ExpressionAttributeValues: values, ExclusiveStartKey }));
        validation(await rejection(lsi({ ":p": "p" }, { pk: "q", sk: 1, lsk: "l00990" })), outside);
      });

      // AWS's constraint messages quote the offending value, numbers included ("Value '0' at
      // 'provisionedThroughput.writeCapacityUnits' ..." in errors returned by DynamoDB; dynalite and moto
      // say "Value '0' at 'limit'").
      test("Limit 0 on Query and Scan", async () => {
        const message = "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1";
        validation(
          await rejection(doc.send(new DocQueryCommand({ TableName: ORDERED, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "p" }, Limit: 0 }))),
          message,
        );
        validation(await rejection(doc.send(new DocScanCommand({ TableName: ORDERED, Limit: 0 }))), message);
      });

      test("query errors: missing key, non-key condition, filter on a key, OR in a key condition", async () => {
        const q = (input) => doc.send(new DocQueryCommand({ TableName: ORDERED, ...input }));
        validation(
          await rejection(q({ KeyConditionExpression: "sk = :v", ExpressionAttributeValues: { ":v": 1 } })),
          "Query condition missed key schema element: pk",
        );
        validation(
          await rejection(q({ KeyConditionExpression: "pk = :p AND label = :v", ExpressionAttributeValues: { ":p": "p", ":v": "x" } })),
          "Query condition missed key schema element: sk",
        );
        validation(
          await rejection(q({ KeyConditionExpression: "pk = :p", FilterExpression: "sk > :v", ExpressionAttributeValues: { ":p": "p", ":v": 1 } })),
          "Filter Expression can only contain non-primary key attributes: Primary key attribute: sk",
        );
        validation(
          await rejection(q({ KeyConditionExpression: "pk = :p OR sk = :v", ExpressionAttributeValues: { ":p": "p", ":v": 1 } })),
          "Invalid operator used in KeyConditionExpression: OR",
        );
        validation(
          await rejection(q({ KeyConditionExpression: "pk = :p AND begins_with(sk, :v)", ExpressionAttributeValues: { ":p": "p", ":v": 1 } })),
          "Invalid KeyConditionExpression: Incorrect operand type for operator or function; operator or function: begins_with, operand type: N",
        );
        validation(
          await rejection(q({ KeyConditionExpression: "pk = :p AND sk > :a AND sk < :b", ExpressionAttributeValues: { ":p": "p", ":a": 1, ":b": 5 } })),
          "KeyConditionExpressions must only contain one condition per key",
        );
        validation(
          await rejection(q({ KeyConditionExpression: "pk < :p", ExpressionAttributeValues: { ":p": "p" } })),
          "Query key condition not supported",
        );
        validation(
          await rejection(
            q({ IndexName: "by-group", KeyConditionExpression: "gpk = :g", ExpressionAttributeValues: { ":g": "three" }, Select: "ALL_ATTRIBUTES" }),
          ),
          "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for global secondary index by-group because its projection type is not ALL",
        );
      });
    });
  });
}
