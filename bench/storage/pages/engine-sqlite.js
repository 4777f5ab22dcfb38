// The official SQLite wasm build (@sqlite.org/sqlite-wasm) on its OPFS SAH-pool VFS (sync access
// handles, dedicated workers only): one table of (id text primary key, doc text). Each mode gets the
// fastest crash-safe settings measured on this VFS: strict is journal_mode=TRUNCATE with
// synchronous=FULL (each commit flushes; DELETE mode was 3x slower, WAL 2x slower); relaxed is
// WAL (exclusive locking: the VFS has no shared memory) with synchronous=NORMAL, which, like
// ShoalDB's relaxed mode, may lose the last commits in a power cut but never corrupts.
import sqlite3InitModule from "/node_modules/@sqlite.org/sqlite-wasm/dist/index.mjs";
import { makeItem, makeItems } from "./items.js";

const POOL = { name: "shoal-bench-sahpool", initialCapacity: 8 };
let sqlite3 = null;

export async function warm() {
  sqlite3 = await sqlite3InitModule();
}

const path = (name) => `/${name}.sqlite3`;

export async function build({ name, count, tail }) {
  const pool = await sqlite3.installOpfsSAHPoolVfs(POOL);
  pool.unlink(path(name));
  const started = performance.now();
  const db = new pool.OpfsSAHPoolDb(path(name));
  db.exec("create table items (id text primary key, doc text not null)");
  const insert = db.prepare("insert or replace into items (id, doc) values (?, ?)");
  const load = (items) =>
    db.transaction(() => {
      for (const item of items) insert.bind([item.id, JSON.stringify(item)]).stepReset();
    });
  for (let from = 0; from < count; from += 1000) load(makeItems(from, Math.min(count, from + 1000)));
  load(makeItems(0, tail, 1));
  insert.finalize();
  const pageCount = db.selectValue("pragma page_count");
  const pageSize = db.selectValue("pragma page_size");
  db.close();
  return { ms: performance.now() - started, fileBytes: pageCount * pageSize };
}

export async function open({ name, probe }) {
  const started = performance.now();
  const pool = await sqlite3.installOpfsSAHPoolVfs(POOL); // acquires the pool's handles: part of opening
  const db = new pool.OpfsSAHPoolDb(path(name));
  const doc = db.selectValue("select doc from items where id = ?", [probe.id]);
  const ms = performance.now() - started;
  if (JSON.parse(doc ?? "null")?.version !== probe.version) throw new Error(`SQLite: read ${doc} for ${probe.id}`);
  db.close();
  return { ms };
}

export async function writes({ name, durability, maxMs, maxCount, fresh, firstId }) {
  const pool = await sqlite3.installOpfsSAHPoolVfs(POOL);
  if (fresh) pool.unlink(path(name));
  const db = new pool.OpfsSAHPoolDb(path(name));
  const pragmas =
    durability === "strict"
      ? ["journal_mode = TRUNCATE", "synchronous = FULL"]
      : ["locking_mode = EXCLUSIVE", "journal_mode = WAL", "synchronous = NORMAL"];
  for (const pragma of pragmas) db.exec(`pragma ${pragma}`);
  db.exec("create table if not exists items (id text primary key, doc text not null)");
  const insert = db.prepare("insert into items (id, doc) values (?, ?)");
  let count = 0;
  const started = performance.now();
  while (count < maxCount && performance.now() - started < maxMs) {
    const item = makeItem(firstId + count);
    insert.bind([item.id, JSON.stringify(item)]).stepReset(); // autocommit: one transaction per write
    count += 1;
  }
  const ms = performance.now() - started;
  insert.finalize();
  db.close();
  return { count, ms };
}
