// ShoalDB on OPFS or IndexedDB. Opening is timed through an adapter object so that the database
// can be let go without close(): close() would checkpoint and the next open would find no log tail.
import { ShoalDB } from "/js/src/index.js";
import { deleteIndexedDBStorage, IndexedDBStorage } from "/js/src/storage/indexeddb-storage.js";
import { deleteOpfsStorage, OpfsStorage } from "/js/src/storage/opfs-storage.js";
import { makeItem, makeItems } from "./items.js";

const TABLE = {
  TableName: "items",
  KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
  AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
  BillingMode: "PAY_PER_REQUEST",
};

const adapterFor = (kind, name) => (kind === "opfs" ? new OpfsStorage(name) : new IndexedDBStorage(name));
const remove = (kind, name) => (kind === "opfs" ? deleteOpfsStorage(name) : deleteIndexedDBStorage(name));

export async function warm() {
  const db = await ShoalDB.open({ storage: "memory" }); // fetches and compiles the engine's wasm
  await db.close();
}

/** Writes `count` items, checkpoints, then overwrites `tail` of them: a snapshot plus a log tail. */
export async function build({ kind, name, count, tail }) {
  await remove(kind, name);
  const adapter = adapterFor(kind, name);
  let snapshot = null;
  const watched = {
    load: () => adapter.load(),
    append: (bytes) => adapter.append(bytes),
    truncateLog: (n) => adapter.truncateLog(n),
    close: () => adapter.close(),
    checkpoint(bytes) {
      snapshot = bytes;
      return adapter.checkpoint(bytes);
    },
  };
  const started = performance.now();
  const db = await ShoalDB.open({ storage: watched, durability: "relaxed" });
  await db.createTable(TABLE);
  for (let from = 0; from < count; from += 25) {
    const items = makeItems(from, Math.min(count, from + 25));
    await db.batchWrite({ RequestItems: { items: items.map((Item) => ({ PutRequest: { Item } })) } });
  }
  await db.checkpoint();
  const view = new DataView(snapshot.buffer, snapshot.byteOffset, snapshot.byteLength);
  const sizes = {
    snapshotBytes: snapshot.length,
    // The snapshot header's raw size (FORMAT.md): the body before zstd, i.e. the items as the
    // engine encodes them (keys, attribute names and values), plus the table's schema.
    rawBodyBytes: Number(view.getBigUint64(40, true)),
  };
  for (let i = 0; i < tail; i += 1) await db.put({ TableName: "items", Item: makeItem(i, 1) });
  await db.flush();
  await adapter.close(); // without db.close(): the tail stays in the log
  return { ms: performance.now() - started, ...sizes };
}

/** Opens the built database and reads one item: the time until the data can be used. */
export async function open({ kind, name, probe }) {
  const adapter = adapterFor(kind, name);
  let loadMs = 0;
  const timed = {
    async load() {
      const loadStarted = performance.now();
      const loaded = await adapter.load();
      loadMs = performance.now() - loadStarted;
      return loaded;
    },
    append: (bytes) => adapter.append(bytes),
    checkpoint: (bytes) => adapter.checkpoint(bytes),
    truncateLog: (n) => adapter.truncateLog(n),
    close: () => adapter.close(),
  };
  const started = performance.now();
  const db = await ShoalDB.open({ storage: timed });
  const { Item } = await db.get({ TableName: "items", Key: { id: probe.id } });
  const ms = performance.now() - started;
  if (Item?.version !== probe.version) throw new Error(`ShoalDB ${kind}: read ${JSON.stringify(Item)} for ${probe.id}`);
  const { recordsApplied } = db.storage.recovery;
  await adapter.close(); // again without a checkpoint, so every round opens the same snapshot + tail
  return { ms, loadMs, recordsApplied };
}

/** One awaited put after another for `maxMs` (or `maxCount` puts); `fresh`: into a new database. */
export async function writes({ kind, name, durability, maxMs, maxCount, fresh, firstId }) {
  if (fresh) await remove(kind, name);
  const db = await ShoalDB.open({ storage: kind, name, durability });
  if (db.storage.recovery.created) await db.createTable(TABLE);
  let count = 0;
  const started = performance.now();
  while (count < maxCount && performance.now() - started < maxMs) {
    await db.put({ TableName: "items", Item: makeItem(firstId + count) });
    count += 1;
  }
  await db.flush(); // relaxed: the last group commit is part of the work
  const ms = performance.now() - started;
  await db.close();
  return { count, ms };
}
