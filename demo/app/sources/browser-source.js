// Data source (a): ShoalDB running in this page. Durable storage is tried first (OPFS, then
// IndexedDB) where the browser has it; otherwise the database lives in memory and the console
// says so. Every tab of the console is a sync peer on one BroadcastChannel, so tabs converge:
// a durable database is one tab's at a time (a Web Lock), and a tab that finds it taken opens
// a memory database that syncs with the tab that holds it (and takes the durable one over when
// that tab closes: see tab-database.js).
import { watchChanges } from "../sync/live-changes.js";
import { SyncController } from "../sync/sync-controller.js";
import { TabDatabase } from "../sync/tab-database.js";
import { asDynamoError } from "./dynamo-error.js";

// The console's own database and channel names, apart from an app's "default" on the same origin.
export const DATABASE_NAME = "shoaldb-console";
export const CHANNEL_NAME = "shoaldb-console";
// A second tab stops waiting for the lock after this and syncs with the tab that holds it. Long
// enough for a reloading tab's old page to let go of its own lock.
const LOCK_TIMEOUT_MS = 1500;

const STORAGES = [
  { storage: "opfs", label: "OPFS", supported: () => typeof navigator.storage?.getDirectory === "function" },
  { storage: "indexeddb", label: "IndexedDB", supported: () => typeof indexedDB !== "undefined" },
];

export async function browserSource() {
  // Loaded on demand: a console on the endpoint never fetches the engine.
  const [{ ShoalDB }, sync] = await Promise.all([import("/js/src/index.js"), import("/js/src/sync/index.js")]);
  const syncOptions = { channel: CHANNEL_NAME, peerTimeoutMs: 20_000 };
  const refused = [];
  for (const { storage, label, supported } of STORAGES) {
    if (!supported()) {
      refused.push({ label, reason: "this browser does not have it" });
      continue;
    }
    try {
      const options = { storage, name: DATABASE_NAME, lockTimeoutMs: LOCK_TIMEOUT_MS, sync: syncOptions };
      const db = await ShoalDB.open(options);
      return makeSource(new TabDatabase(db, { storage: label }), sync, refused);
    } catch (error) {
      if (isHeldByAnotherTab(error)) {
        // The console's database is open in another tab: share it through sync.
        const db = await ShoalDB.open({ storage: "memory", sync: syncOptions });
        const open = () => ShoalDB.open({ storage, name: DATABASE_NAME, sync: syncOptions });
        const tab = new TabDatabase(db, { storage: "memory", heldBy: label, takeOver: open });
        return makeSource(tab, sync, refused);
      }
      refused.push({ label, reason: error.message });
    }
  }
  const db = await ShoalDB.open({ storage: "memory", sync: syncOptions });
  return makeSource(new TabDatabase(db, { storage: "memory" }), sync, refused);
}

function isHeldByAnotherTab(error) {
  return /open in another tab or worker/.test(String(error?.message));
}

function makeSource(tab, syncModule, refused) {
  const controller = new SyncController(tab, syncModule);
  return {
    kind: "browser",
    get title() {
      return `This browser (${tab.storage === "memory" && tab.heldBy ? `synced with ${tab.heldBy}` : tab.storage})`;
    },
    get storage() {
      return tab.storage;
    },
    /** The durable storage another tab holds, which this tab follows through sync (else null). */
    get heldBy() {
      return tab.heldBy;
    },
    /** Why durable storages were not used: [{ label, reason }]. */
    refused,
    sync: controller,
    async execute(operation, input = {}) {
      try {
        return await tab.execute(operation, input);
      } catch (error) {
        throw asDynamoError(error);
      }
    },
    /** Calls onChange() when another tab or peer changed a table or an item; returns a stop function. */
    watch: (onChange) => watchChanges(tab, onChange),
    /** Calls onSwitch() when this tab took over the durable database (the title and notice change). */
    onStorageChange: (onSwitch) => tab.onSwitch(onSwitch),
    async close() {
      await controller.close();
      await tab.close();
    },
  };
}
