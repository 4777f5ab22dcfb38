// Which adapter ShoalDB.open uses. `storage` names it; without `storage`, a `path` or `name` asks
// for this runtime's durable default (browsers: OPFS where present, else IndexedDB; Node: a
// folder), and neither means memory: opening never writes anywhere it was not asked to.
// Runtime entries register what only they can load (Node's fs adapter) so that browser bundles
// never pull in a Node built-in.
import { IndexedDBStorage } from "./indexeddb-storage.js";
import { OpfsStorage, opfsAvailable } from "./opfs-storage.js";

const factories = new Map([
  ["opfs", (options) => new OpfsStorage(options.name ?? "default", { lockTimeoutMs: options.lockTimeoutMs })],
  ["indexeddb", (options) => new IndexedDBStorage(options.name ?? "default", options)],
]);

/** For runtime entries: adds an adapter (e.g. "fs" under Node). */
export function registerStorage(kind, factory) {
  factories.set(kind, factory);
}

/**
 * The adapter for these open options, or null for memory (no log at all).
 * @returns {{ kind: string, adapter: import("./storage-adapter.js").StorageAdapter | null }}
 */
export function chooseStorage(options) {
  let { storage } = options;
  if (storage !== undefined && typeof storage === "object" && storage !== null) {
    return { kind: "custom", adapter: checkAdapter(storage) };
  }
  if (storage === undefined) {
    if (options.path === undefined && options.name === undefined) return { kind: "memory", adapter: null };
    storage = defaultDurableKind();
  }
  if (storage === "memory") return { kind: "memory", adapter: null };
  const factory = factories.get(storage);
  if (!factory) {
    const known = ["memory", ...factories.keys()].map((k) => JSON.stringify(k)).join(", ");
    throw new TypeError(`ShoalDB.open: unknown storage ${JSON.stringify(storage)} in this runtime; use one of ${known}`);
  }
  return { kind: storage, adapter: factory(options) };
}

function defaultDurableKind() {
  if (factories.has("fs")) return "fs";
  if (opfsAvailable()) return "opfs";
  if (globalThis.indexedDB) return "indexeddb";
  throw new TypeError(
    "ShoalDB.open: this runtime has no durable storage (no OPFS, IndexedDB or file system); " +
      'use storage: "memory" (and sync to a peer for persistence)',
  );
}

const ADAPTER_METHODS = ["load", "append", "checkpoint", "truncateLog", "close"];

function checkAdapter(adapter) {
  for (const method of ADAPTER_METHODS) {
    if (typeof adapter[method] !== "function") {
      throw new TypeError(`ShoalDB.open: a storage adapter object needs a ${method}() method`);
    }
  }
  return adapter;
}
