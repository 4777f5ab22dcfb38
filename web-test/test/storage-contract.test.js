// Every browser storage adapter against the shared adapter contract (js/test/storage/
// adapter-contract.js), in a page and in a dedicated worker of headless Chromium; and the OPFS
// adapter's crash safety: a crash before every change it makes to its files, and files left torn.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { launchBrowser } from "../browser.js";
import { startStaticServer } from "../static-server.js";
import { openStoragePage } from "../storage-session.js";

let site;
let browser;
let session;

before(async () => {
  site = await startStaticServer();
  browser = await launchBrowser();
  session = await openStoragePage(browser.context, site.url);
});

after(async () => {
  await session?.close();
  await browser?.close();
  await site?.close();
});

test("the page has async OPFS only, the worker has sync access handles; both default to OPFS", async () => {
  assert.deepEqual(await session.run("page", "environment"), { opfs: true, syncAccess: false, defaultKind: "opfs" });
  assert.deepEqual(await session.run("worker", "environment"), { opfs: true, syncAccess: true, defaultKind: "opfs" });
});

const RUNS = [
  ["page", "indexeddb"],
  ["page", "opfs-async"],
  ["worker", "opfs-sync"],
  ["worker", "opfs-async"],
  ["worker", "indexeddb"],
];

for (const [where, adapter] of RUNS) {
  test(`adapter contract: ${adapter} in a ${where}`, async (t) => {
    const results = await session.run(where, "contract", { adapter });
    assert.ok(results.length >= 11, "every case ran, the recovery cases through ShoalDB too");
    for (const { name, ok, error } of results) {
      await t.test(name, () => assert.ok(ok, error));
    }
    assert.deepEqual(session.problems, []);
  });
}

describe("OPFS: a crash before any change to the files leaves the state before or after the call", () => {
  for (const [where, access] of [["page", "async"], ["worker", "sync"]]) {
    test(`${access} access in a ${where}`, async () => {
      const { changes, failures, crashedIn } = await session.run(where, "opfsCrashAtEveryStep", { access });
      assert.deepEqual(failures, []);
      // The script makes every kind of change: appends, merges (async), cuts, checkpoints.
      assert.ok(changes > 40, `${changes} changes`);
      const kinds = crashedIn.join("\n");
      for (const kind of ["write snapshot", "delete the old log", "truncate"]) assert.match(kinds, new RegExp(kind));
      if (access === "async") assert.match(kinds, /delete a merged piece/);
      else assert.match(kinds, /flush log\./);
    });
  }
});

describe("OPFS: torn slots, torn and damaged pieces and swap files change nothing", () => {
  for (const [where, access] of [["page", "async"], ["worker", "sync"]]) {
    test(`${access} access in a ${where}`, async () => {
      const result = await session.run(where, "opfsTornFiles", { access });
      assert.ok(result.snapshotIsFirst, "the snapshot of the finished checkpoint, not the torn one");
      assert.ok(result.logIsWhole, "the log as appended, without the torn or damaged pieces");
      assert.ok(result.namesBefore.includes("log.1.0.crswap"));
      const pieces = (names) => names.filter((name) => name.startsWith("log.") && !name.endsWith(".crswap"));
      assert.ok(pieces(result.namesAfterLoad).length < pieces(result.namesBefore).length, "bad pieces deleted at load");
      assert.ok(result.appendAfter, "an append after load reads back");
      assert.ok(result.checkpointAfter, "a checkpoint after load overwrites the torn slot and reads back");
    });
  }
});
