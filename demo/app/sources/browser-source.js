// Data source (a): ShoalDB running in this page. Durable storage is tried first (OPFS, then
// IndexedDB) where the browser has it and the package supports it; otherwise the database lives
// in memory and the console says so.
import { asDynamoError } from "./dynamo-error.js";

// The console's own database name, apart from an app's "default" on the same origin.
const DATABASE_NAME = "shoaldb-console";
// A durable database is one tab's at a time (a Web Lock); a second tab stops waiting after this
// and moves on to the next storage rather than hang.
const LOCK_TIMEOUT_MS = 1500;

const STORAGES = [
  { storage: "opfs", label: "OPFS", supported: () => typeof navigator.storage?.getDirectory === "function" },
  { storage: "indexeddb", label: "IndexedDB", supported: () => typeof indexedDB !== "undefined" },
];

export async function browserSource() {
  // Loaded on demand: a console on the endpoint never fetches the engine.
  const { ShoalDB } = await import("/js/src/index.js");
  const refused = [];
  for (const { storage, label, supported } of STORAGES) {
    if (!supported()) {
      refused.push({ label, reason: "this browser does not have it" });
      continue;
    }
    try {
      const db = await ShoalDB.open({ storage, name: DATABASE_NAME, lockTimeoutMs: LOCK_TIMEOUT_MS });
      return makeSource(db, label, refused);
    } catch (error) {
      refused.push({ label, reason: error.message });
    }
  }
  const db = await ShoalDB.open({ storage: "memory" });
  return makeSource(db, "memory", refused);
}

function makeSource(db, storageLabel, refused) {
  return {
    kind: "browser",
    title: `This browser (${storageLabel})`,
    storage: storageLabel,
    /** Why durable storages were not used: [{ label, reason }]. */
    refused,
    async execute(operation, input = {}) {
      try {
        return await db.execute(operation, input);
      } catch (error) {
        throw asDynamoError(error);
      }
    },
    // Other tabs' changes reach this page only through sync (BroadcastChannel), not built yet.
    watch: () => () => {},
    close: () => db.close(),
  };
}
