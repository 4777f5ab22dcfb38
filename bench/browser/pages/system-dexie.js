// Dexie 4 over IndexedDB: items stored as they are (structured clone), primary key [pk+sk], an index
// on [gk+gs]; relaxed transaction durability (Chromium does not flush each commit to disk).
// Updates are the usual read-modify-write in one read-write transaction.
import Dexie from "/node_modules/dexie/dist/dexie.mjs";

export async function warm() {}

export const remove = (storage, name) => Dexie.delete(name);

function database(name) {
  const db = new Dexie(name, { chromeTransactionDurability: "relaxed" });
  db.version(1).stores({ items: "[pk+sk], [gk+gs]" });
  return db;
}

export async function openFresh(storage, name) {
  if (storage !== "indexeddb") throw new Error(`Dexie runs on IndexedDB, not ${storage}`);
  await remove(storage, name);
  let db = database(name);
  await db.open();
  return {
    insert: (items) => db.items.bulkAdd(items),
    settle: async () => {},
    get: (pk, sk) => db.items.get([pk, sk]),
    range: (pk, from, to) => db.items.where("[pk+sk]").between([pk, from], [pk, to], true, true).toArray(),
    byIndex: (gk, from, limit) =>
      db.items.where("[gk+gs]").between([gk, from], [gk, Dexie.maxKey], true, true).limit(limit).toArray(),
    increment: (pk, sk) =>
      db.transaction("rw", db.items, async () => {
        const item = await db.items.get([pk, sk]);
        item.n += 1;
        await db.items.put(item);
        return item.n;
      }),
    readAll: () => db.items.toArray(),
    count: () => db.items.count(),
    close: async () => db.close(),
    async reopen() {
      db = database(name);
      await db.open();
    },
  };
}
