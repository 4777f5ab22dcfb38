// Data written through ShoalDB.open({ storage: "opfs" | "indexeddb" }) in headless Chromium
// survives a page reload and a browser restart on the same profile: in a page and in a dedicated
// worker, with strict and relaxed durability, with and without encryption at rest. Strict writes
// survive without close() (the reload or the closed browser ends the database); relaxed ones are
// checked after a clean close. Each database is read back in the other context (page <-> worker),
// so OPFS's sync (worker) and async (page) writers must read each other's files.
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { launchBrowser } from "../browser.js";
import { startStaticServer } from "../static-server.js";
import { openStoragePage } from "../storage-session.js";

const RAW_KEY = Array.from({ length: 32 }, (_, i) => (i * 7 + 3) & 0xff);
const PASSPHRASE = { passphrase: "correct horse battery staple" };
const DATABASES = [
  { where: "page", storage: "opfs", durability: "strict" },
  { where: "page", storage: "opfs", durability: "relaxed" },
  { where: "worker", storage: "opfs", durability: "strict" },
  { where: "worker", storage: "opfs", durability: "relaxed" },
  { where: "page", storage: "indexeddb", durability: "strict" },
  { where: "page", storage: "indexeddb", durability: "relaxed" },
  { where: "worker", storage: "indexeddb", durability: "strict" },
  { where: "page", storage: "opfs", durability: "strict", key: PASSPHRASE },
  { where: "worker", storage: "opfs", durability: "relaxed", key: { raw: RAW_KEY } },
  { where: "page", storage: "indexeddb", durability: "relaxed", key: { raw: RAW_KEY } },
  { where: "worker", storage: "indexeddb", durability: "strict", key: PASSPHRASE },
].map((db, i) => ({ ...db, name: `persist-${i}-${db.storage}-${db.durability}${db.key ? "-encrypted" : ""}` }));

const other = (where) => (where === "page" ? "worker" : "page");
const label = (db) => `${db.storage} ${db.durability}${db.key ? " encrypted" : ""} (written in a ${db.where})`;
const ids = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, "0")}`);

let site;
let profile;

before(async () => {
  site = await startStaticServer();
  profile = await mkdtemp(join(tmpdir(), "shoaldb-profile-"));
});

after(async () => {
  await site?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
});

test("writes survive a reload and a browser restart (OPFS, IndexedDB; page, worker; strict, relaxed)", async () => {
  const expected = new Map(DATABASES.map((db) => [db.name, []]));
  const write = async (session, db, where, batch, close) => {
    const info = await session.run(where, "writeItems", { ...db, ids: batch, close });
    assert.equal(info.kind, db.storage, `${label(db)}: storage kind`);
    assert.equal(info.durability, db.durability);
    expected.get(db.name).push(...batch);
    return info;
  };
  const readAll = async (session, whereOf, moment) => {
    for (const db of DATABASES) {
      const read = await session.run(whereOf(db), "readItems", db);
      assert.deepEqual(read.ids, [...expected.get(db.name)].sort(), `${label(db)} ${moment}`);
      assert.ok(read.wellFormed, `${label(db)} ${moment}: items intact`);
    }
  };

  // First run of the browser: every database created, closed cleanly, then strict ones written to
  // again and left open.
  let browser = await launchBrowser({ profile });
  let session = await openStoragePage(browser.context, site.url);
  for (const db of DATABASES) {
    const info = await write(session, db, db.where, ids("first", 20), true);
    assert.equal(info.created, true, `${label(db)}: a new database`);
    if (db.durability === "strict") await write(session, db, db.where, ids("unclosed", 5), false);
  }
  await session.reload(); // ends the page and its worker: open databases are never closed
  await readAll(session, (db) => other(db.where), "after a reload");

  // Now from the other context, and again strict ones left open when the browser closes.
  for (const db of DATABASES) {
    await write(session, db, other(db.where), ids("second", 10), true);
    if (db.durability === "strict") await write(session, db, other(db.where), ids("at-exit", 3), false);
  }
  await browser.close();

  browser = await launchBrowser({ profile });
  try {
    session = await openStoragePage(browser.context, site.url);
    await readAll(session, (db) => db.where, "after a browser restart");
    assert.deepEqual(session.problems, []);
  } finally {
    await browser.close();
  }
});

test("encrypted databases: a wrong key, a missing key and the wrong kind of key fail clearly", async () => {
  const browser = await launchBrowser({ profile });
  try {
    const session = await openStoragePage(browser.context, site.url);
    for (const db of DATABASES.filter((d) => d.key)) {
      const wrong = db.key.passphrase ? { passphrase: "wrong horse" } : { raw: RAW_KEY.map((b) => b ^ 1) };
      const attempts = [
        [wrong, /cannot decrypt the database with this encryptionKey: the key does not decrypt it/],
        [undefined, /the database is encrypted: pass its encryptionKey/],
        [db.key.passphrase ? { raw: RAW_KEY } : PASSPHRASE, /with this encryptionKey: it was encrypted with a/],
      ];
      for (const [key, message] of attempts) {
        const error = await session.run(db.where, "openError", { storage: db.storage, name: db.name, key });
        assert.match(error.message, message, `${label(db)} opened with ${JSON.stringify(key)}`);
        assert.equal(error.name, "StorageFailedError");
      }
      // The failed opens changed nothing: the right key still reads every item.
      const read = await session.run(db.where, "readItems", db);
      assert.equal(read.ids.length, 20 + 10 + (db.durability === "strict" ? 5 + 3 : 0), label(db));
    }
    // And an unencrypted database refuses a key rather than reading it as garbage.
    const plain = DATABASES.find((d) => !d.key);
    const error = await session.run(plain.where, "openError", { ...plain, key: PASSPHRASE });
    assert.match(error.message, /the database is not encrypted, but an encryptionKey was given/);
  } finally {
    await browser.close();
  }
});
