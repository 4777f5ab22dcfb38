// PGlite (Postgres in wasm) with its IndexedDB file system (idb://): one table of (id text primary
// key, doc jsonb). Default durability syncs the changed files to IndexedDB before a query
// resolves; relaxedDurability lets the query resolve first and syncs after.
import { PGlite } from "/node_modules/@electric-sql/pglite/dist/index.js";
import { makeItem, makeItems } from "./items.js";

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

const create = (name, relaxedDurability = false) => PGlite.create(`idb://${name}`, { ...prepared, relaxedDurability });
const UPSERT =
  "insert into items (id, doc) select x->>'id', x from jsonb_array_elements($1::jsonb) x " +
  "on conflict (id) do update set doc = excluded.doc";

async function drop(name) {
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(`/pglite/${name}`);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
}

// Every query with default durability writes the changed files to IndexedDB (seconds each here),
// so the items go in as one statement, and the tail as a second.
export async function build({ name, count, tail }) {
  await drop(name);
  const started = performance.now();
  const pg = await create(name);
  await pg.exec("create table items (id text primary key, doc jsonb not null)");
  await pg.query(UPSERT, [JSON.stringify(makeItems(0, count))]);
  await pg.query(UPSERT, [JSON.stringify(makeItems(0, tail, 1))]);
  await pg.close();
  return { ms: performance.now() - started };
}

export async function open({ name, probe }) {
  const started = performance.now();
  const pg = await create(name);
  const { rows } = await pg.query("select doc from items where id = $1", [probe.id]);
  const ms = performance.now() - started;
  if (rows[0]?.doc?.version !== probe.version) throw new Error(`PGlite: read ${JSON.stringify(rows)} for ${probe.id}`);
  await pg.close();
  return { ms };
}

export async function writes({ name, durability, maxMs, maxCount, fresh, firstId }) {
  if (fresh) await drop(name);
  const pg = await create(name, durability === "relaxed");
  await pg.exec("create table if not exists items (id text primary key, doc jsonb not null)");
  let count = 0;
  const started = performance.now();
  while (count < maxCount && performance.now() - started < maxMs) {
    const item = makeItem(firstId + count);
    await pg.query("insert into items (id, doc) values ($1, $2)", [item.id, JSON.stringify(item)]);
    count += 1;
  }
  await pg.syncToFs(); // relaxed: the last sync is part of the work
  const ms = performance.now() - started;
  await pg.close();
  return { count, ms };
}
