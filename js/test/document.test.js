// The document API (plain JS values) on the real wasm engine.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { NumberValue, ShoalDB, ShoalDBError } from "../src/index.js";
import { tableInput } from "./helpers.js";

describe("document API", () => {
  let db;
  before(async () => {
    db = await ShoalDB.open({ storage: "memory" });
    await db.createTable(tableInput("docs"));
    await db.createTable(tableInput("ranged", { range: true }));
  });
  after(() => db.close());

  const item = {
    id: "user#1",
    name: "Ada",
    age: 36,
    ratio: -0.125,
    active: true,
    nickname: null,
    big: new NumberValue("123456789012345678901234567890"),
    precise: new NumberValue("3.14159265358979323846264338327950288"),
    counter: 2n ** 64n,
    photo: new Uint8Array([0, 255, 128]),
    tags: new Set(["a", "b"]),
    lucky: new Set([7, 13]),
    blobs: new Set([new Uint8Array([1]), new Uint8Array([2, 3])]),
    address: { city: "London", lines: ["1 Main St", { flat: 4 }] },
    empty: "",
  };

  test("put then get returns the same JS values", async () => {
    assert.deepEqual(await db.put({ TableName: "docs", Item: item }), {});
    const { Item } = await db.get({ TableName: "docs", Key: { id: "user#1" } });
    assert.deepEqual(Item, { ...item, counter: new NumberValue("18446744073709551616") });
  });

  test("numbers: safe ones are JS numbers, others NumberValue with every digit", async () => {
    await db.put({
      TableName: "docs",
      Item: { id: "numbers", safe: 9007199254740991, unsafe: 9007199254740991n + 2n, short: 0.1, long: new NumberValue("0.1234567890123456") },
    });
    const { Item } = await db.get({ TableName: "docs", Key: { id: "numbers" } });
    assert.equal(Item.safe, 9007199254740991);
    assert.deepEqual(Item.unsafe, new NumberValue("9007199254740993"));
    assert.equal(Item.short, 0.1);
    assert.deepEqual(Item.long, new NumberValue("0.1234567890123456"));
  });

  test("a number key", async () => {
    await db.put({ TableName: "ranged", Item: { id: "p", sk: 2, v: "two" } });
    await db.put({ TableName: "ranged", Item: { id: "p", sk: new NumberValue("2.0000000000000000000001"), v: "more" } });
    assert.equal((await db.get({ TableName: "ranged", Key: { id: "p", sk: 2 } })).Item.v, "two");
    const precise = await db.get({ TableName: "ranged", Key: { id: "p", sk: new NumberValue("2.0000000000000000000001") } });
    assert.equal(precise.Item.v, "more");
  });

  test("delete with ReturnValues ALL_OLD returns the old item as JS values", async () => {
    await db.put({ TableName: "docs", Item: { id: "gone", n: 5, s: new Set(["x"]) } });
    const { Attributes } = await db.delete({ TableName: "docs", Key: { id: "gone" }, ReturnValues: "ALL_OLD" });
    assert.deepEqual(Attributes, { id: "gone", n: 5, s: new Set(["x"]) });
    assert.deepEqual(await db.get({ TableName: "docs", Key: { id: "gone" } }), {});
  });

  test("put with ReturnValues ALL_OLD returns the replaced item", async () => {
    await db.put({ TableName: "docs", Item: { id: "v", version: 1 } });
    const { Attributes } = await db.put({ TableName: "docs", Item: { id: "v", version: 2 }, ReturnValues: "ALL_OLD" });
    assert.deepEqual(Attributes, { id: "v", version: 1 });
  });

  test("errors are ShoalDBError with the DynamoDB name", async () => {
    const error = await db.get({ TableName: "nowhere", Key: { id: "x" } }).catch((e) => e);
    assert.ok(error instanceof ShoalDBError);
    assert.equal(error.name, "ResourceNotFoundException");
    await assert.rejects(db.get({ TableName: "docs", Key: { id: 1 } }), { name: "ValidationException" });
    await assert.rejects(db.put({ TableName: "docs", Item: { name: "no key" } }), { name: "ValidationException" });
  });

  test("values that cannot be marshalled are rejected before the engine", async () => {
    await assert.rejects(db.put({ TableName: "docs", Item: { id: "u", bad: undefined } }), TypeError);
    await assert.rejects(db.put({ TableName: "docs", Item: { id: "u", bad: new Set() } }), TypeError);
    assert.deepEqual(await db.get({ TableName: "docs", Key: { id: "u" } }), {});
  });

  test("marshall and unmarshall options given at open apply", async () => {
    const tuned = await ShoalDB.open({ marshallOptions: { removeUndefinedValues: true }, unmarshallOptions: { wrapNumbers: true } });
    try {
      await tuned.createTable(tableInput("tuned"));
      await tuned.put({ TableName: "tuned", Item: { id: "a", n: 1, dropped: undefined } });
      assert.deepEqual((await tuned.get({ TableName: "tuned", Key: { id: "a" } })).Item, { id: "a", n: new NumberValue("1") });
    } finally {
      await tuned.close();
    }
  });

  test("table operations pass wire shapes through", async () => {
    const { Table } = await db.describeTable({ TableName: "docs" });
    assert.equal(Table.TableName, "docs");
    assert.deepEqual(Table.KeySchema, [{ AttributeName: "id", KeyType: "HASH" }]);
    const { TableNames } = await db.listTables();
    assert.deepEqual(TableNames, ["docs", "ranged"]);
    await db.createTable(tableInput("scratch"));
    const { TableDescription } = await db.deleteTable({ TableName: "scratch" });
    assert.equal(TableDescription.TableName, "scratch");
    await assert.rejects(db.describeTable({ TableName: "scratch" }), { name: "ResourceNotFoundException" });
  });
});
