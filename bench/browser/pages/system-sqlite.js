// The official SQLite wasm build (@sqlite.org/sqlite-wasm): ":memory:", or a file on its OPFS
// SAH-pool VFS (sync access handles, so dedicated workers only). One table with the item's fields
// as columns, primary key (pk, sk) without rowid, an index on (gk, gs); prepared statements; the
// bulk insert in one transaction, every other write its own (autocommit) transaction. On OPFS:
// WAL (exclusive locking: the VFS has no shared memory) with synchronous=NORMAL, its relaxed mode
// (commits are not each flushed; a power cut may lose the last ones, never corrupts).
import sqlite3InitModule from "/node_modules/@sqlite.org/sqlite-wasm/dist/index.mjs";

const POOL = { name: "shoal-browser-bench", initialCapacity: 6 };
let sqlite3 = null;
let pool = null;

export async function warm() {
  sqlite3 = await sqlite3InitModule();
}

const path = (name) => `/${name}.sqlite3`;

async function opfsPool() {
  pool ??= await sqlite3.installOpfsSAHPoolVfs(POOL);
  return pool;
}

export async function remove(storage, name) {
  if (storage === "opfs") (await opfsPool()).unlink(path(name));
}

const COLUMNS = "pk, sk, gk, gs, n, name, body";

function connect(storage, name) {
  const db = storage === "opfs" ? new pool.OpfsSAHPoolDb(path(name)) : new sqlite3.oo1.DB(":memory:");
  if (storage === "opfs") {
    for (const pragma of ["locking_mode = EXCLUSIVE", "journal_mode = WAL", "synchronous = NORMAL"]) {
      db.exec(`pragma ${pragma}`);
    }
  }
  db.exec(
    "create table if not exists items (pk text not null, sk text not null, gk text not null, gs integer not null, " +
      "n integer not null, name text not null, body text not null, primary key (pk, sk)) without rowid;" +
      "create index if not exists items_g on items (gk, gs)",
  );
  const statements = {
    insert: db.prepare(`insert into items (${COLUMNS}) values (?, ?, ?, ?, ?, ?, ?)`),
    get: db.prepare(`select ${COLUMNS} from items where pk = ? and sk = ?`),
    range: db.prepare(`select ${COLUMNS} from items where pk = ? and sk between ? and ? order by sk`),
    byIndex: db.prepare(`select ${COLUMNS} from items where gk = ? and gs >= ? order by gs limit ?`),
    increment: db.prepare("update items set n = n + 1 where pk = ? and sk = ? returning n"),
  };
  return { db, statements };
}

function rows(statement, bind) {
  statement.bind(bind);
  const out = [];
  while (statement.step()) out.push(statement.get({}));
  statement.reset();
  return out;
}

export async function openFresh(storage, name) {
  if (storage === "opfs") await remove(storage, name);
  let { db, statements: s } = connect(storage, name);
  return {
    async insert(items) {
      db.transaction(() => {
        for (const it of items) s.insert.bind([it.pk, it.sk, it.gk, it.gs, it.n, it.name, it.body]).stepReset();
      });
    },
    settle: async () => {},
    get: async (pk, sk) => rows(s.get, [pk, sk])[0],
    range: async (pk, from, to) => rows(s.range, [pk, from, to]),
    byIndex: async (gk, from, limit) => rows(s.byIndex, [gk, from, limit]),
    increment: async (pk, sk) => rows(s.increment, [pk, sk])[0]?.n,
    readAll: async () => db.selectObjects(`select ${COLUMNS} from items`),
    count: async () => db.selectValue("select count(*) from items"),
    async close() {
      for (const statement of Object.values(s)) statement.finalize();
      db.close();
    },
    async reopen() {
      ({ db, statements: s } = connect(storage, name));
    },
  };
}
