// ShoalDB.open / execute / close on the real wasm engine, wire JSON in and out.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { after, before, describe, test } from "node:test";
import { ShoalDB, ShoalDBError } from "../src/index.node.js";
import { compiledWasm } from "../src/engine/load-engine.js";
import { tableInput } from "./helpers.js";

describe("ShoalDB on wire JSON", () => {
  let db;
  before(async () => {
    db = await ShoalDB.open({ storage: "memory" });
    await db.execute("CreateTable", tableInput("things"));
  });
  after(() => db.close());

  test("put, get and delete an item", async () => {
    const Item = { id: { S: "a" }, n: { N: "-12.50" }, tags: { SS: ["x", "y"] }, bin: { B: "AAEC" } };
    assert.deepEqual(await db.execute("PutItem", { TableName: "things", Item }), {});
    const got = await db.execute("GetItem", { TableName: "things", Key: { id: { S: "a" } } });
    assert.deepEqual(got, { Item: { ...Item, n: { N: "-12.5" } } }, "numbers come back normalised");
    const deleted = await db.execute("DeleteItem", { TableName: "things", Key: { id: { S: "a" } }, ReturnValues: "ALL_OLD" });
    assert.deepEqual(deleted.Attributes.id, { S: "a" });
    assert.deepEqual(await db.execute("GetItem", { TableName: "things", Key: { id: { S: "a" } } }), {});
  });

  test("a DynamoDB error is thrown as ShoalDBError", async () => {
    const error = await db.execute("GetItem", { TableName: "missing", Key: { id: { S: "a" } } }).catch((e) => e);
    assert.ok(error instanceof ShoalDBError);
    assert.equal(error.name, "ResourceNotFoundException");
    assert.equal(error.$fault, "client");
    assert.deepEqual(error.$metadata, { httpStatusCode: 400 });
    assert.match(error.message, /not found/i);
  });

  test("validation errors: wrong key type, missing key, creating a table twice", async () => {
    await assert.rejects(db.execute("GetItem", { TableName: "things", Key: { id: { N: "1" } } }), {
      name: "ValidationException",
    });
    await assert.rejects(db.execute("PutItem", { TableName: "things", Item: { other: { S: "x" } } }), {
      name: "ValidationException",
    });
    await assert.rejects(db.execute("CreateTable", tableInput("things")), { name: "ResourceInUseException" });
  });

  test("an unknown operation is UnknownOperationException", async () => {
    await assert.rejects(db.execute("FlyToTheMoon", {}), { name: "UnknownOperationException" });
  });

  test("executeRaw passes JSON text through and reports malformed JSON", async () => {
    const ok = await db.executeRaw("ListTables", "{}");
    assert.equal(ok.status, 200);
    assert.deepEqual(JSON.parse(ok.body), { TableNames: ["things"] });
    const bad = await db.executeRaw("ListTables", "{oops");
    assert.equal(bad.status, 400);
    assert.match(JSON.parse(bad.body).__type, /#SerializationException$/);
  });

  test("two databases do not share tables", async () => {
    const other = await ShoalDB.open();
    try {
      assert.deepEqual(await other.execute("ListTables", {}), { TableNames: [] });
    } finally {
      await other.close();
    }
  });
});

describe("opening and closing", () => {
  test("storage this runtime lacks or does not know is refused clearly", async () => {
    await assert.rejects(ShoalDB.open({ storage: "indexeddb" }), /IndexedDB is not available in this runtime/);
    await assert.rejects(ShoalDB.open({ storage: "/tmp/data" }), (error) => {
      assert.match(error.message, /unknown storage "\/tmp\/data"/);
      assert.match(error.message, /"memory", .*"fs"/);
      return true;
    });
    await assert.rejects(ShoalDB.open({ storage: "fs", durability: "eventually" }), /durability must be "strict" or "relaxed"/);
    await assert.rejects(ShoalDB.open({ encryptionKey: "secret" }), /encryptionKey needs durable storage/);
  });

  test("options of later releases are refused, not ignored", async () => {
    await assert.rejects(ShoalDB.open({ sync: { url: "http://x" } }), /the hub url must start with ws:\/\//);
    await assert.rejects(ShoalDB.open({ worker: true }), /worker: true needs Web Workers/);
    await assert.rejects(ShoalDB.open({ worker: "yes" }), /the worker option must be true or a Worker/);
  });

  test("the constructor is not public", () => {
    assert.throws(() => new ShoalDB(), /ShoalDB\.open/);
  });

  test("a closed database rejects calls; close is idempotent", async () => {
    const db = await ShoalDB.open();
    assert.equal(db.closed, false);
    await db.close();
    await db.close();
    assert.equal(db.closed, true);
    await assert.rejects(db.execute("ListTables", {}), /closed/);
    await assert.rejects(db.get({ TableName: "things", Key: { id: "a" } }), /closed/);
  });

  test("an explicit wasmModule is used as given", async () => {
    const bytes = await readFile(new URL("../dist/shoal-engine.wasm", import.meta.url));
    const wasmModule = await WebAssembly.compile(bytes);
    const db = await ShoalDB.open({ wasmModule });
    try {
      assert.deepEqual(await db.execute("ListTables", {}), { TableNames: [] });
    } finally {
      await db.close();
    }
    await assert.rejects(ShoalDB.open({ wasmModule: bytes }), /must be a WebAssembly.Module/);
  });

  test("the compiled module is cached per process", async () => {
    assert.equal(await compiledWasm(), await compiledWasm());
  });

  test("a wasm that is not the engine fails to open, with an error", async () => {
    const empty = await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
    await assert.rejects(ShoalDB.open({ wasmModule: empty }));
  });
});
