// Durable storage through ShoalDB.open with an adapter the test can watch and damage: recovery,
// strict and relaxed durability, group commit, checkpoints, storage failures, encryption.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ShoalDB } from "../src/index.node.js";
import { MemoryStorage } from "../src/storage/memory-storage.js";
import { tableInput } from "./helpers.js";

// MemoryStorage that counts appends and can hold them back or fail them.
class WatchedStorage extends MemoryStorage {
  appends = 0;
  checkpoints = 0;
  gate = null; // a promise each append waits for
  failNext = null; // an Error the next append or checkpoint throws

  async append(bytes) {
    if (this.gate) await this.gate;
    if (this.failNext) throw this.takeFailure();
    this.appends += 1;
    return super.append(bytes);
  }

  async checkpoint(snapshot) {
    if (this.failNext) throw this.takeFailure();
    this.checkpoints += 1;
    return super.checkpoint(snapshot);
  }

  takeFailure() {
    const error = this.failNext;
    this.failNext = null;
    return error;
  }
}

const open = (storage, options = {}) => ShoalDB.open({ storage, ...options });

async function withTable(db, name = "things") {
  await db.createTable(tableInput(name));
}

async function ids(db, table = "things") {
  const { Items } = await db.scan({ TableName: table });
  return Items.map((item) => item.id).sort();
}

describe("durable storage", () => {
  test("a new database writes a snapshot at once; a reopen finds tables and items", async () => {
    const storage = new WatchedStorage();
    const db = await open(storage);
    assert.equal(db.storage.kind, "custom");
    assert.equal(db.storage.durability, "strict");
    assert.equal(db.storage.recovery.created, true);
    assert.ok(storage.snapshot.length > 0, "the first snapshot stores the site id before any write");
    await withTable(db);
    await db.put({ TableName: "things", Item: { id: "a", n: 1 } });
    await db.update({ TableName: "things", Key: { id: "a" }, UpdateExpression: "ADD n :one", ExpressionAttributeValues: { ":one": 1 } });
    await db.put({ TableName: "things", Item: { id: "b" } });
    await db.delete({ TableName: "things", Key: { id: "b" } });
    // Without close: what is stored is the snapshot and the log of every acknowledged write.
    const reopened = await open(storage);
    assert.equal(reopened.storage.recovery.created, false);
    assert.equal(reopened.storage.recovery.recordsApplied, 5);
    assert.deepEqual((await reopened.get({ TableName: "things", Key: { id: "a" } })).Item, { id: "a", n: 2 });
    assert.deepEqual(await ids(reopened), ["a"]);
    await reopened.close();
  });

  test("close checkpoints: the next open replays no log", async () => {
    const storage = new WatchedStorage();
    const db = await open(storage);
    await withTable(db);
    await db.put({ TableName: "things", Item: { id: "a" } });
    await db.close();
    assert.equal(storage.log.length, 0);
    const reopened = await open(storage);
    assert.equal(reopened.storage.recovery.recordsApplied, 0);
    assert.deepEqual(await ids(reopened), ["a"]);
    await reopened.close();
  });

  test("the site id and clock survive a reopen", async () => {
    // Two new databases get different random site ids; a reopen keeps its own.
    const a = new WatchedStorage();
    const b = new WatchedStorage();
    await (await open(a)).close();
    await (await open(b)).close();
    assert.notDeepEqual(a.snapshot.subarray(32, 40), b.snapshot.subarray(32, 40));
    const site = a.snapshot.slice(32, 40);
    await (await open(a)).close();
    assert.deepEqual(a.snapshot.subarray(32, 40), site, "snapshot header offset 32: the site id (FORMAT.md)");
  });

  test("strict: a write settles only after its log record is appended", async () => {
    const storage = new WatchedStorage();
    const db = await open(storage);
    await withTable(db);
    let release;
    storage.gate = new Promise((resolve) => {
      release = resolve;
    });
    let settled = false;
    const put = db.put({ TableName: "things", Item: { id: "a" } }).then(() => {
      settled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(settled, false, "acknowledged before the append finished");
    release();
    await put;
    assert.equal(settled, true);
    await db.close();
  });

  test("strict: writes that arrive during a flush share the next append (group commit)", async () => {
    const storage = new WatchedStorage();
    const db = await open(storage);
    await withTable(db);
    const before = storage.appends;
    let release;
    storage.gate = new Promise((resolve) => {
      release = resolve;
    });
    const first = db.put({ TableName: "things", Item: { id: "first" } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const rest = Array.from({ length: 50 }, (_, i) => db.put({ TableName: "things", Item: { id: `k${i}` } }));
    release();
    storage.gate = null;
    await Promise.all([first, ...rest]);
    assert.equal(storage.appends - before, 2, "one append for the first write, one for the 50 that waited");
    const reopened = await open(storage);
    assert.equal((await ids(reopened)).length, 51);
    await reopened.close();
  });

  test("reads append nothing", async () => {
    const storage = new WatchedStorage();
    const db = await open(storage);
    await withTable(db);
    await db.put({ TableName: "things", Item: { id: "a" } });
    const appends = storage.appends;
    await db.get({ TableName: "things", Key: { id: "a" } });
    await db.scan({ TableName: "things" });
    await db.listTables();
    await assert.rejects(db.put({ TableName: "missing", Item: { id: "a" } }), /ResourceNotFoundException|not found/i);
    assert.equal(storage.appends, appends);
    await db.close();
  });

  test("relaxed: writes settle at once and are flushed together within the interval", async () => {
    const storage = new WatchedStorage();
    const db = await open(storage, { durability: "relaxed", flushIntervalMs: 30 });
    assert.equal(db.storage.durability, "relaxed");
    await withTable(db);
    const appends = storage.appends;
    for (let i = 0; i < 20; i += 1) await db.put({ TableName: "things", Item: { id: `k${i}` } });
    assert.equal(storage.appends, appends, "nothing flushed per write");
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.equal(storage.appends, appends + 1, "one flush for the batch");
    const reopened = await open(storage);
    assert.equal((await ids(reopened)).length, 20);
    await reopened.close();
    await db.close();
  });

  test("relaxed: flush() makes every write so far durable", async () => {
    const storage = new WatchedStorage();
    const db = await open(storage, { durability: "relaxed", flushIntervalMs: 60_000 });
    await withTable(db);
    await db.put({ TableName: "things", Item: { id: "a" } });
    await db.flush();
    const copy = new MemoryStorage();
    copy.snapshot = storage.snapshot;
    copy.log = storage.log;
    const reopened = await open(copy);
    assert.deepEqual(await ids(reopened), ["a"]);
    await reopened.close();
    await db.close();
  });

  test("a checkpoint happens once the log outgrows the threshold", async () => {
    const storage = new WatchedStorage();
    const db = await open(storage, { checkpointMinBytes: 4096 });
    await withTable(db);
    const checkpoints = storage.checkpoints;
    for (let i = 0; i < 100; i += 1) await db.put({ TableName: "things", Item: { id: `k${i}`, pad: "x".repeat(100) } });
    assert.ok(storage.checkpoints > checkpoints, "no checkpoint after ~10 KB of log");
    assert.ok(storage.log.length <= 4096 + 200, `log kept growing: ${storage.log.length} bytes`);
    const reopened = await open(storage);
    assert.equal((await ids(reopened)).length, 100);
    await reopened.close();
    await db.close();
  });

  test("a transaction is one log record: it replays whole or not at all", async () => {
    const storage = new WatchedStorage();
    const db = await open(storage);
    await withTable(db);
    const before = storage.log.length;
    await db.transactWrite({
      TransactItems: Array.from({ length: 10 }, (_, i) => ({ Put: { TableName: "things", Item: { id: `t${i}` } } })),
    });
    const full = storage.log;
    // Every cut inside the transaction's record drops all of it; the record before survives.
    for (const cut of [before + 1, before + 8, Math.floor((before + full.length) / 2), full.length - 1]) {
      const copy = new MemoryStorage();
      copy.snapshot = storage.snapshot;
      copy.log = full.slice(0, cut);
      const reopened = await open(copy);
      assert.equal(reopened.storage.recovery.stop, "torn");
      assert.deepEqual(await ids(reopened), [], `cut at ${cut}`);
      assert.equal(copy.log.length, before, "the torn tail is cut off before anything is appended");
      await reopened.close();
    }
    await db.close();
  });

  test("a damaged log keeps every record before the damage, and a copy of the damaged bytes", async () => {
    const storage = new WatchedStorage();
    const db = await open(storage);
    await withTable(db);
    const ends = [];
    for (let i = 0; i < 10; i += 1) {
      await db.put({ TableName: "things", Item: { id: `k${i}` } });
      ends.push(storage.log.length);
    }
    const damagedAt = ends[5] + 10; // inside the seventh put's record
    const copy = new MemoryStorage();
    const kept = [];
    copy.keepDamagedLog = async (bytes) => kept.push(bytes);
    copy.snapshot = storage.snapshot;
    copy.log = storage.log;
    copy.log = (() => {
      const log = storage.log;
      log[damagedAt] ^= 0xff;
      return log;
    })();
    const reopened = await open(copy);
    assert.equal(reopened.storage.recovery.stop, "badChecksum");
    assert.deepEqual(await ids(reopened), ["k0", "k1", "k2", "k3", "k4", "k5"]);
    assert.equal(kept.length, 1);
    assert.equal(kept[0].length, ends[9] - ends[5]);
    // New writes after the damage are reachable: the damage was cut off first.
    await reopened.put({ TableName: "things", Item: { id: "new" } });
    const again = await open(copy);
    assert.deepEqual(await ids(again), ["k0", "k1", "k2", "k3", "k4", "k5", "new"]);
    await again.close();
    await reopened.close();
    await db.close();
  });

  test("a damaged snapshot does not open, and nothing is written over it", async () => {
    const storage = new WatchedStorage();
    const db = await open(storage);
    await withTable(db);
    await db.close();
    const snapshot = storage.snapshot.slice();
    storage.snapshot[snapshot.length >> 1] ^= 0x01;
    const damaged = storage.snapshot.slice();
    await assert.rejects(open(storage), /cannot be opened/);
    assert.deepEqual(storage.snapshot, damaged);
    assert.equal(storage.closed, true, "the adapter is released after a failed open");
  });

  test("a storage failure fails the write and every later request; the stored data stays consistent", async () => {
    const storage = new WatchedStorage();
    const db = await open(storage);
    await withTable(db);
    await db.put({ TableName: "things", Item: { id: "a" } });
    storage.failNext = new Error("disk full");
    await assert.rejects(db.put({ TableName: "things", Item: { id: "b" } }), (error) => {
      assert.equal(error.name, "InternalServerError");
      assert.match(error.message, /storage failed.*disk full/);
      return true;
    });
    await assert.rejects(db.get({ TableName: "things", Key: { id: "a" } }), /storage failed/);
    await db.close();
    const reopened = await open(storage);
    assert.deepEqual(await ids(reopened), ["a"]);
    await reopened.close();
  });
});

describe("encryption at rest", () => {
  const passphrase = "correct horse battery staple";

  test("a passphrase encrypts log and snapshot; the same passphrase opens them", async () => {
    const storage = new MemoryStorage();
    const db = await open(storage, { encryptionKey: passphrase });
    await withTable(db);
    await db.put({ TableName: "things", Item: { id: "secret-id", note: "plain words here" } });
    const stored = Buffer.concat([storage.snapshot, storage.log]).toString("latin1");
    assert.ok(!stored.includes("secret-id") && !stored.includes("plain words"), "plaintext reached the adapter");
    assert.ok(!stored.includes("things"), "the table name reached the adapter");
    const reopened = await open(storage, { encryptionKey: passphrase });
    assert.deepEqual((await reopened.get({ TableName: "things", Key: { id: "secret-id" } })).Item.note, "plain words here");
    await reopened.close();
    await db.close();
  });

  test("a wrong passphrase, a missing key and a key for a plain database fail clearly", async () => {
    const storage = new MemoryStorage();
    const db = await open(storage, { encryptionKey: passphrase });
    await withTable(db);
    await db.close();
    const snapshot = storage.snapshot.slice();
    await assert.rejects(open(storage, { encryptionKey: "wrong" }), /cannot decrypt the database with this encryptionKey/);
    await assert.rejects(open(storage), /the database is encrypted: pass its encryptionKey/);
    assert.deepEqual(storage.snapshot, snapshot, "a failed open wrote nothing");
    const plain = new MemoryStorage();
    await (await open(plain)).close();
    await assert.rejects(open(plain, { encryptionKey: passphrase }), /not encrypted/);
  });

  test("a WebCrypto AES-GCM key works, and a torn encrypted log tail is cut cleanly", async () => {
    const key = await crypto.subtle.generateKey({ name: "AES-GCM", length: 256 }, false, ["encrypt", "decrypt"]);
    const storage = new MemoryStorage();
    const db = await open(storage, { encryptionKey: key });
    await withTable(db);
    await db.put({ TableName: "things", Item: { id: "a" } });
    const intact = storage.log.length;
    await db.put({ TableName: "things", Item: { id: "b" } });
    storage.log = storage.log.slice(0, storage.log.length - 3);
    const reopened = await open(storage, { encryptionKey: key });
    assert.deepEqual(await ids(reopened), ["a"]);
    assert.equal(storage.log.length, intact);
    await reopened.close();
    await assert.rejects(open(storage, { encryptionKey: "a passphrase" }), /encrypted with a CryptoKey/);
    const hmac = await crypto.subtle.generateKey({ name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    await assert.rejects(open(storage, { encryptionKey: hmac }), /AES-GCM CryptoKey/);
    await db.close();
  });
});
