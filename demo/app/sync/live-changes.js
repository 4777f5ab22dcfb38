// What makes an in-page console tab redraw: a change that another peer (another tab, the hub)
// made. Items arrive through db.subscribe, which shows merged writes with the site they came
// from; tables are followed by a light poll of the table list (sync creates a table on its first
// write, and subscriptions are per table). A burst of changes makes one redraw.
import { listTableNames } from "../tables.js";

const TABLES_POLL_MS = 1000;
const COALESCE_MS = 30;

/**
 * @param {import("./tab-database.js").TabDatabase} tab
 * @param {() => void} onChange
 * @returns {() => void} stops watching
 */
export function watchChanges(tab, onChange) {
  let stopped = false;
  let scheduled = null;
  let tables = null; // the last table list, as one string
  let timer = null;
  const subscriptions = new Map(); // table name -> unsubscribe

  const changed = () => {
    if (stopped || scheduled !== null) return;
    scheduled = setTimeout(() => {
      scheduled = null;
      if (!stopped) onChange();
    }, COALESCE_MS);
  };

  const onItem = (change) => {
    // This tab's own writes are already on its screen.
    if (change.originSite !== undefined && change.originSite !== tab.db.sync?.site) changed();
  };

  const follow = (names) => {
    for (const name of names) {
      if (!subscriptions.has(name)) subscriptions.set(name, tab.db.subscribe(name, onItem));
    }
    for (const [name, unsubscribe] of subscriptions) {
      if (!names.includes(name)) {
        unsubscribe();
        subscriptions.delete(name);
      }
    }
  };

  const poll = async () => {
    timer = null;
    if (stopped) return;
    try {
      const names = await listTableNames((operation, input) => tab.execute(operation, input));
      if (stopped) return;
      follow(names);
      const signature = names.join("\n");
      if (tables !== null && signature !== tables) changed();
      tables = signature;
    } catch {
      // The database is closing or switching; the next poll sees the new one.
    }
    if (!stopped) timer = setTimeout(poll, TABLES_POLL_MS);
  };

  // After a switch to the durable database, the old subscriptions belong to a closed database.
  const stopSwitch = tab.onSwitch(() => {
    subscriptions.clear();
    changed();
  });
  poll();
  return () => {
    stopped = true;
    stopSwitch();
    clearTimeout(timer);
    clearTimeout(scheduled);
    for (const unsubscribe of subscriptions.values()) unsubscribe();
    subscriptions.clear();
  };
}
