// PGlite (Postgres in wasm): in memory, or on its IndexedDB file system (idb://) with
// relaxedDurability (a query resolves before the changed files are synced to IndexedDB; settle()
// is syncToFs(), so the write phases include that sync). One table with the item's fields as
// columns, primary key (pk, sk), an index on (gk, gs); the bulk insert is one statement over a JSON
// array (one query instead of 20,000).
import { PGlite } from "/node_modules/@electric-sql/pglite/dist/index.js";

const DIST = "/node_modules/@electric-sql/pglite/dist/";
let prepared = null; // compiled wasm and the file-system bundle, fetched once per worker

export async function warm() {
  const [pgliteWasmModule, initdbWasmModule, fsBundle] = await Promise.all([
    WebAssembly.compileStreaming(fetch(`${DIST}pglite.wasm`)),
    WebAssembly.compileStreaming(fetch(`${DIST}initdb.wasm`)),
    fetch(`${DIST}pglite.data`).then((response) => response.blob()),
  ]);
  prepared = { pgliteWasmModule, initdbWasmModule, fsBundle };
}

export async function remove(storage, name) {
  if (storage !== "indexeddb") return;
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(`/pglite/${name}`);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

const COLUMNS = "pk, sk, gk, gs, n, name, body";
const connect = (storage, name) =>
  storage === "indexeddb"
    ? PGlite.create(`idb://${name}`, { ...prepared, relaxedDurability: true })
    : PGlite.create({ ...prepared });

// With relaxedDurability, PGlite 0.5's syncToFs() starts the sync and returns without waiting for
// it; the file system's own syncToFs (Emscripten's IDBFS sync) resolves once its IndexedDB
// transactions complete, which come after those of the sync already running.
async function settle(pg, storage) {
  if (storage !== "indexeddb") return;
  await pg.syncToFs();
  await new Promise((resolve) => setTimeout(resolve, 0));
  await pg.fs.syncToFs();
}

export async function openFresh(storage, name) {
  await remove(storage, name);
  let pg = await connect(storage, name);
  await pg.exec(
    "create table items (pk text not null, sk text not null, gk text not null, gs integer not null, " +
      "n integer not null, name text not null, body text not null, primary key (pk, sk));" +
      "create index items_g on items (gk, gs)",
  );
  const rows = async (sql, params) => (await pg.query(sql, params)).rows;
  return {
    async insert(items) {
      await pg.query(`insert into items select ${COLUMNS} from json_populate_recordset(null::items, $1)`, [
        JSON.stringify(items),
      ]);
    },
    settle: () => settle(pg, storage),
    get: async (pk, sk) => (await rows(`select ${COLUMNS} from items where pk = $1 and sk = $2`, [pk, sk]))[0],
    range: (pk, from, to) =>
      rows(`select ${COLUMNS} from items where pk = $1 and sk between $2 and $3 order by sk`, [pk, from, to]),
    byIndex: (gk, from, limit) =>
      rows(`select ${COLUMNS} from items where gk = $1 and gs >= $2 order by gs limit $3`, [gk, from, limit]),
    increment: async (pk, sk) =>
      (await rows("update items set n = n + 1 where pk = $1 and sk = $2 returning n", [pk, sk]))[0]?.n,
    readAll: () => rows(`select ${COLUMNS} from items`),
    count: async () => Number((await rows("select count(*) as count from items"))[0].count),
    async close() {
      await settle(pg, storage); // a sync still running when the IndexedDB closes fails uncaught
      await pg.close();
    },
    async reopen() {
      pg = await connect(storage, name);
    },
  };
}
