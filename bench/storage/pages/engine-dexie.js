// Dexie over IndexedDB: items stored as they are (structured clone), keyed by id.
// chromeTransactionDurability "strict" flushes each transaction before it completes; "relaxed"
// does not.
import Dexie from "/node_modules/dexie/dist/dexie.mjs";
import { makeItem, makeItems } from "./items.js";

function database(name, durability = "relaxed") {
  const db = new Dexie(name, { chromeTransactionDurability: durability });
  db.version(1).stores({ items: "id" });
  return db;
}

export async function warm() {}

export async function build({ name, count, tail }) {
  await Dexie.delete(name);
  const started = performance.now();
  const db = database(name);
  await db.open();
  for (let from = 0; from < count; from += 1000) await db.items.bulkPut(makeItems(from, Math.min(count, from + 1000)));
  await db.items.bulkPut(makeItems(0, tail, 1));
  db.close();
  return { ms: performance.now() - started };
}

export async function open({ name, probe }) {
  const started = performance.now();
  const db = database(name);
  await db.open();
  const item = await db.items.get(probe.id);
  const ms = performance.now() - started;
  if (item?.version !== probe.version) throw new Error(`Dexie: read ${JSON.stringify(item)} for ${probe.id}`);
  db.close();
  return { ms };
}

export async function writes({ name, durability, maxMs, maxCount, fresh, firstId }) {
  if (fresh) await Dexie.delete(name);
  const db = database(name, durability);
  await db.open();
  let count = 0;
  const started = performance.now();
  while (count < maxCount && performance.now() - started < maxMs) {
    await db.items.put(makeItem(firstId + count));
    count += 1;
  }
  const ms = performance.now() - started;
  db.close();
  return { count, ms };
}
