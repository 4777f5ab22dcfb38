// What the storage tests do inside the browser, the same in a page and in a dedicated worker
// (storage-page.js runs a scenario here or posts it to storage-worker.js). Each scenario takes and
// returns plain JSON, so the Node side (web-test/test/storage-*.test.js) asserts on it.
import { ShoalDB } from "/js/src/index.js";
import { deleteIndexedDBStorage, IndexedDBStorage } from "/js/src/storage/indexeddb-storage.js";
import { encodeClosedPiece, encodeSlot, parsePieceName, slotName } from "/js/src/storage/opfs-layout.js";
import {
  deleteOpfsStorage,
  OpfsStorage,
  opfsAvailable,
  opfsSyncAccessAvailable,
} from "/js/src/storage/opfs-storage.js";
import { adapterContractCases } from "/js/test/storage/adapter-contract.js";

const ADAPTERS = {
  indexeddb: { open: (id) => new IndexedDBStorage(id), remove: deleteIndexedDBStorage },
  "opfs-async": { open: (id) => new OpfsStorage(id, { access: "async" }), remove: deleteOpfsStorage },
  "opfs-sync": { open: (id) => new OpfsStorage(id, { access: "sync" }), remove: deleteOpfsStorage },
};

const TABLE = {
  TableName: "things",
  KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
  AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
  BillingMode: "PAY_PER_REQUEST",
};

const held = new Map(); // name -> an open ShoalDB kept across calls (hold / release)

/** What this context offers, and what ShoalDB.open picks by default. */
export async function environment() {
  const db = await ShoalDB.open({ name: `default-kind-${randomTag()}` });
  const kind = db.storage.kind;
  await db.close();
  return { opfs: opfsAvailable(), syncAccess: opfsSyncAccessAvailable(), defaultKind: kind };
}

/** The shared adapter contract (js/test/storage/adapter-contract.js) against one adapter. */
export async function contract({ adapter }) {
  const results = [];
  const cases = adapterContractCases({ ...ADAPTERS[adapter], ShoalDB, prefix: `${adapter}-${randomTag()}` });
  for (const { name, run } of cases) {
    try {
      await run();
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, error: String(error?.stack ?? error) });
    }
  }
  return results;
}

/** Opens `name`, creates the table if new, puts `ids`, and closes (unless `close` is false). */
export async function writeItems({ storage, name, durability, key, ids, close = true, lockTimeoutMs }) {
  const db = await ShoalDB.open({ storage, name, durability, encryptionKey: await makeKey(key), lockTimeoutMs });
  if (!(await db.listTables()).TableNames.includes("things")) await db.createTable(TABLE);
  for (const id of ids) await db.put({ TableName: "things", Item: { id, size: id.length, tags: new Set([id]) } });
  const info = { kind: db.storage.kind, durability: db.storage.durability, created: db.storage.recovery.created };
  if (close) await db.close();
  else held.set(name, db); // left open: a reload or a closed browser ends it, not close()
  return info;
}

/** Opens `name` and returns its items' ids (sorted) and what recovery found. */
export async function readItems({ storage, name, key, lockTimeoutMs }) {
  const db = await ShoalDB.open({ storage, name, encryptionKey: await makeKey(key), lockTimeoutMs });
  try {
    const tables = (await db.listTables()).TableNames;
    const items = tables.includes("things") ? (await db.scan({ TableName: "things" })).Items : [];
    return {
      ids: items.map((item) => item.id).sort(),
      wellFormed: items.every((item) => item.size === item.id.length && item.tags.has(item.id)),
      kind: db.storage.kind,
      recovery: db.storage.recovery,
    };
  } finally {
    await db.close();
  }
}

/** Tries to open `name`; returns the error's name and message (fails if it opens). */
export async function openError(options) {
  let db;
  try {
    db = await ShoalDB.open({ ...options, encryptionKey: await makeKey(options.key), key: undefined });
  } catch (error) {
    return { name: error?.name, message: String(error?.message ?? error) };
  }
  await db.close();
  throw new Error(`ShoalDB.open(${JSON.stringify(options)}) opened`);
}

/** Opens `name`, puts `ids`, and keeps it open until release({ name }). */
export async function hold(options) {
  return writeItems({ ...options, close: false });
}

/** Puts `ids` into a database that hold() keeps open. */
export async function writeHeld({ name, ids }) {
  const db = held.get(name);
  for (const id of ids) await db.put({ TableName: "things", Item: { id, size: id.length, tags: new Set([id]) } });
  return true;
}

export async function release({ name }) {
  const db = held.get(name);
  held.delete(name);
  await db?.close();
  return Boolean(db);
}

/** Removes a database's stored data (it must not be open). */
export async function remove({ storage, name }) {
  if (storage === "indexeddb") await deleteIndexedDBStorage(name);
  else await deleteOpfsStorage(name);
  return true;
}

// A crash at every step: the script below runs once to count the changes OpfsStorage makes to its
// files, then once per change with a "crash" (an exception from beforeChange) right before it.
// After each crash a new adapter loads what is stored: it must be the state before the call that
// crashed or after it (for truncateLog: a prefix of the old log at least as long as asked), and
// later appends and checkpoints must come back exactly, with nothing stale reappearing.
class Crash extends Error {}

export async function opfsCrashAtEveryStep({ access }) {
  const ops = crashScript();
  const tag = randomTag();
  let changes = 0;
  const counting = new OpfsStorage(`crash-${tag}-count`, { access, beforeChange: () => (changes += 1) });
  await counting.load();
  for (const op of ops) await apply(counting, op);
  await counting.close();
  await deleteOpfsStorage(`crash-${tag}-count`);

  const failures = [];
  const crashedIn = new Set();
  for (let k = 1; k <= changes; k += 1) {
    const name = `crash-${tag}-${k}`;
    let seen = 0;
    const adapter = new OpfsStorage(name, {
      access,
      beforeChange: (what) => {
        seen += 1;
        if (seen === k) throw new Crash(what);
      },
    });
    let state = { snapshot: null, log: new Uint8Array(0) };
    let crash = null;
    await adapter.load();
    for (const op of ops) {
      try {
        await apply(adapter, op);
      } catch (error) {
        if (!(error instanceof Crash)) throw error;
        crash = { op, what: error.message };
        break;
      }
      state = after(state, op);
    }
    await adapter.close();
    if (!crash) {
      failures.push(`step ${k}: no crash happened`);
      continue;
    }
    crashedIn.add(crash.what.replace(/\d+/g, "N"));
    const problem = await checkAfterCrash(name, access, state, crash.op);
    if (problem) failures.push(`step ${k} (${crash.op.op}, before "${crash.what}"): ${problem}`);
    await deleteOpfsStorage(name);
  }
  return { changes, failures, crashedIn: [...crashedIn].sort() };
}

async function checkAfterCrash(name, access, before, op) {
  const adapter = new OpfsStorage(name, { access });
  let loaded;
  try {
    loaded = await adapter.load();
    const problem = allowed(before, op, loaded) ?? (await onlyTheChainIsLeft(name, loaded.log.length));
    if (problem) return problem;
    await adapter.append(pattern(77, 1234));
  } finally {
    await adapter.close();
  }
  const expected = { snapshot: loaded.snapshots[0] ?? null, log: concat([loaded.log, pattern(77, 1234)]) };
  const again = new OpfsStorage(name, { access });
  try {
    const reloaded = await again.load();
    if (!sameState(reloaded, expected)) return "an append after the crash did not read back exactly";
    await again.checkpoint(pattern(300, 4321));
    await again.append(pattern(5, 5));
  } finally {
    await again.close();
  }
  const last = new OpfsStorage(name, { access });
  try {
    const reloaded = await last.load();
    if (!sameState(reloaded, { snapshot: pattern(300, 4321), log: pattern(5, 5) })) {
      return "a checkpoint after the crash did not read back exactly";
    }
  } finally {
    await last.close();
  }
  return null;
}

// After load() the folder holds the slots and exactly the pieces of the log it returned, end to
// end from offset 0: nothing stale that a later append could make reachable.
async function onlyTheChainIsLeft(name, logLength) {
  const folder = await databaseFolder(name);
  const pieces = [];
  for (const file of await listNames(folder)) {
    if (file === "snapshot.0" || file === "snapshot.1") continue;
    const piece = parsePieceName(file);
    if (!piece) return `an unexpected file ${file}`;
    if (piece.open) piece.end = piece.start + (await (await folder.getFileHandle(file)).getFile()).size;
    pieces.push(piece);
  }
  pieces.sort((a, b) => a.start - b.start);
  let at = 0;
  for (const piece of pieces) {
    if (piece.start !== at || piece.generation !== pieces[0].generation) return `a stale piece ${piece.name} is left`;
    at = piece.end;
  }
  return at === logLength ? null : `the pieces hold ${at} bytes, load() returned ${logLength}`;
}

async function databaseFolder(name) {
  const root = await navigator.storage.getDirectory();
  return (await root.getDirectoryHandle("shoaldb")).getDirectoryHandle(name);
}

function allowed(before, op, loaded) {
  const states = [before];
  if (op.op === "append") states.push(after(before, op));
  if (op.op === "checkpoint") states.push({ snapshot: op.snapshot, log: before.log }, after(before, op));
  if (op.op === "truncate") {
    for (let m = op.length; m <= before.log.length; m += 1) {
      states.push({ snapshot: before.snapshot, log: before.log.subarray(0, m) });
    }
  }
  if (states.some((state) => sameState(loaded, state))) return null;
  const what = `${loaded.snapshots.length} snapshot(s) and ${loaded.log.length} log bytes`;
  return `loaded ${what}: not a state before or after ${op.op}`;
}

function sameState(loaded, state) {
  if (loaded.snapshots.length !== (state.snapshot ? 1 : 0)) return false;
  if (state.snapshot && !sameBytes(loaded.snapshots[0], state.snapshot)) return false;
  return sameBytes(loaded.log, state.log);
}

function crashScript() {
  const ops = [];
  let seed = 0;
  const append = (n) => ops.push({ op: "append", bytes: pattern(n, (seed += 1)) });
  for (let i = 0; i < 12; i += 1) append(20 + ((i * 53) % 280));
  ops.push({ op: "checkpoint", snapshot: pattern(5000, (seed += 1)) });
  for (let i = 0; i < 9; i += 1) append(40 + i);
  ops.push({ op: "truncate", length: 40 + 41 + 42 + 43 + 20 }); // inside the fifth append
  for (let i = 0; i < 3; i += 1) append(33);
  ops.push({ op: "truncate", length: 40 + 41 + 42 + 43 }); // at the end of the fourth append
  append(11);
  append(12);
  ops.push({ op: "checkpoint", snapshot: pattern(800, (seed += 1)) });
  append(9);
  return ops;
}

async function apply(adapter, op) {
  if (op.op === "append") await adapter.append(op.bytes);
  else if (op.op === "checkpoint") await adapter.checkpoint(op.snapshot);
  else await adapter.truncateLog(op.length);
}

function after(state, op) {
  if (op.op === "append") return { snapshot: state.snapshot, log: concat([state.log, op.bytes]) };
  if (op.op === "checkpoint") return { snapshot: op.snapshot, log: new Uint8Array(0) };
  return { snapshot: state.snapshot, log: state.log.subarray(0, op.length) };
}

// Files as a crash or the browser can leave them, put there by hand: a slot torn in the middle of
// a checkpoint, a closed piece cut short, a merge cut short, Chromium's swap file. None of them may
// change what load() returns, and the next writes must read back exactly.
export async function opfsTornFiles({ access }) {
  const name = `torn-${randomTag()}`;
  const snapshot = pattern(2000, 1);
  const chunks = Array.from({ length: 5 }, (_, i) => pattern(30 + i, 10 + i));
  let adapter = new OpfsStorage(name, { access });
  await adapter.load();
  await adapter.checkpoint(snapshot); // generation 1
  for (const chunk of chunks) await adapter.append(chunk);
  await adapter.close();
  const log = concat(chunks);

  const folder = await databaseFolder(name);
  const put = async (file, bytes) => {
    const writable = await (await folder.getFileHandle(file, { create: true })).createWritable();
    await writable.write(bytes);
    await writable.close();
  };
  const nextSlot = encodeSlot(2, pattern(2500, 2));
  await put(slotName(2), nextSlot.subarray(0, 1500)); // checkpoint 2 torn mid-write
  const nextPiece = encodeClosedPiece(pattern(40, 3));
  await put(`log.1.${log.length}.${log.length + 40}.0`, nextPiece.subarray(0, 20)); // an append cut short
  const merge = encodeClosedPiece(log);
  merge[3] ^= 0xff;
  await put(`log.1.0.${log.length}.1`, merge); // a merge whose bytes are damaged
  await put("log.1.0.crswap", pattern(10, 4)); // not a piece name: ignored
  const namesBefore = await listNames(folder);

  adapter = new OpfsStorage(name, { access });
  const loaded = await adapter.load();
  const result = {
    namesBefore,
    snapshotIsFirst: loaded.snapshots.length === 1 && sameBytes(loaded.snapshots[0], snapshot),
    logIsWhole: sameBytes(loaded.log, log),
    namesAfterLoad: await listNames(folder),
  };
  await adapter.append(pattern(40, 5));
  await adapter.close();
  adapter = new OpfsStorage(name, { access });
  const reloaded = await adapter.load();
  result.appendAfter = sameBytes(reloaded.log, concat([log, pattern(40, 5)]));
  await adapter.checkpoint(pattern(100, 6));
  await adapter.close();
  adapter = new OpfsStorage(name, { access });
  const last = await adapter.load();
  result.checkpointAfter = sameBytes(last.snapshots[0], pattern(100, 6)) && last.log.length === 0;
  await adapter.close();
  await deleteOpfsStorage(name);
  return result;
}

async function listNames(folder) {
  const names = [];
  for await (const name of folder.keys()) names.push(name);
  return names.sort();
}

// { passphrase } or { raw: [32 bytes] } -> what ShoalDB.open takes as encryptionKey.
async function makeKey(key) {
  if (!key) return undefined;
  if (key.passphrase !== undefined) return key.passphrase;
  return crypto.subtle.importKey("raw", Uint8Array.from(key.raw), "AES-GCM", false, ["encrypt", "decrypt"]);
}

function pattern(length, seed) {
  const out = new Uint8Array(length);
  let x = (seed * 2654435761 + 7) >>> 0;
  for (let i = 0; i < length; i += 1) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function concat(chunks) {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

function sameBytes(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return false;
  return true;
}

function randomTag() {
  return Math.random().toString(36).slice(2, 10);
}
