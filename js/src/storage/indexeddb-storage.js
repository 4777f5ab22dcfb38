// Storage in IndexedDB (browsers, main thread or worker). One IndexedDB database per ShoalDB
// database, named "shoaldb:<name>", with two object stores:
//   snapshot  one record, key "current", replaced inside a transaction (atomic)
//   log       one record per append (auto-increment keys keep them in order)
// Appends commit with durability "strict" (the browser flushes to disk before the transaction
// completes, where it supports the hint). A checkpoint stores the snapshot and empties the log in
// one transaction: a crash leaves either the old snapshot and log or the new snapshot alone.
import { concat } from "./bytes.js";
import { StorageFailedError } from "./storage-errors.js";
import { acquireDatabaseLock } from "./web-lock.js";

const SNAPSHOT = "snapshot";
const LOG = "log";

export class IndexedDBStorage {
  #name;
  #lockTimeoutMs;
  #db = null;
  #release = null;

  constructor(name = "default", { lockTimeoutMs } = {}) {
    if (typeof name !== "string" || name === "") throw new TypeError('ShoalDB.open: storage "indexeddb" needs a non-empty name');
    if (!globalThis.indexedDB) throw new StorageFailedError("ShoalDB.open: IndexedDB is not available in this runtime");
    this.#name = name;
    this.#lockTimeoutMs = lockTimeoutMs;
  }

  async load() {
    this.#release = await acquireDatabaseLock(`indexeddb:${this.#name}`, { timeoutMs: this.#lockTimeoutMs });
    try {
      this.#db = await openDatabase(`shoaldb:${this.#name}`);
      const tx = this.#db.transaction([SNAPSHOT, LOG], "readonly");
      const [snapshot, chunks] = await Promise.all([
        request(tx.objectStore(SNAPSHOT).get("current")),
        request(tx.objectStore(LOG).getAll()),
      ]);
      return { snapshots: snapshot ? [new Uint8Array(snapshot)] : [], log: concat(chunks.map((c) => new Uint8Array(c))) };
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async append(bytes) {
    const tx = this.#db.transaction(LOG, "readwrite", { durability: "strict" });
    tx.objectStore(LOG).add(bytes);
    await done(tx);
  }

  async checkpoint(snapshot) {
    const tx = this.#db.transaction([SNAPSHOT, LOG], "readwrite", { durability: "strict" });
    tx.objectStore(SNAPSHOT).put(snapshot, "current");
    tx.objectStore(LOG).clear();
    await done(tx);
  }

  // Rewrites the log as one record of its first `length` bytes, in one transaction.
  async truncateLog(length) {
    const read = this.#db.transaction(LOG, "readonly");
    const log = concat((await request(read.objectStore(LOG).getAll())).map((c) => new Uint8Array(c)));
    const tx = this.#db.transaction(LOG, "readwrite", { durability: "strict" });
    const store = tx.objectStore(LOG);
    store.clear();
    if (length > 0) store.add(log.slice(0, length));
    await done(tx);
  }

  async close() {
    this.#db?.close();
    this.#db = null;
    this.#release?.();
    this.#release = null;
  }
}

/** Deletes a database's IndexedDB data (it must not be open). */
export async function deleteIndexedDBStorage(name = "default") {
  await request(globalThis.indexedDB.deleteDatabase(`shoaldb:${name}`));
}

function openDatabase(name) {
  const open = globalThis.indexedDB.open(name, 1);
  open.onupgradeneeded = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains(SNAPSHOT)) db.createObjectStore(SNAPSHOT);
    if (!db.objectStoreNames.contains(LOG)) db.createObjectStore(LOG, { autoIncrement: true });
  };
  open.onblocked = () => {}; // an older connection is still closing; the open continues after it
  return request(open);
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx) {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new StorageFailedError("IndexedDB transaction aborted"));
  });
}
