// Two tabs on one database (headless Chromium): the Web Lock makes the first the only writer; the
// second waits and opens once the first closes, or fails clearly after lockTimeoutMs; what both
// wrote is there afterwards. For OPFS the first tab holds the database in a worker (sync access
// handles) and the second opens it from its page (async API), the mix a real app meets.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { launchBrowser } from "../browser.js";
import { startStaticServer } from "../static-server.js";
import { openStoragePage, settled } from "../storage-session.js";

let site;
let browser;

before(async () => {
  site = await startStaticServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await site?.close();
});

const ids = (prefix, n) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, "0")}`);

for (const [storage, firstWhere, secondWhere] of [
  ["opfs", "worker", "page"],
  ["opfs", "page", "worker"],
  ["indexeddb", "page", "page"],
]) {
  const title = `${storage}: a second tab waits for the first (${firstWhere}, then ${secondWhere}); both writes kept`;
  test(title, async () => {
    const name = `tabs-${storage}-${firstWhere}`;
    const tabA = await openStoragePage(browser.context, site.url);
    const tabB = await openStoragePage(browser.context, site.url);
    try {
      await tabA.run(firstWhere, "hold", { storage, name, ids: ids("a", 30) });

      const refused = await tabB.run(secondWhere, "openError", { storage, name, lockTimeoutMs: 300 });
      assert.equal(refused.name, "StorageFailedError");
      const busy = `database "${storage}:${name}" is open in another tab or worker \\(waited 300 ms`;
      assert.match(refused.message, new RegExp(busy));

      await tabB.start("write", secondWhere, "writeItems", { storage, name, ids: ids("b", 30) });
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const waiting = await tabB.state("write");
      assert.equal(waiting.state, "pending", "the second tab waits while the first has the database open");
      await tabA.run(firstWhere, "writeHeld", { name, ids: ids("c", 10) }); // the writer goes on meanwhile
      assert.equal((await tabB.state("write")).state, "pending");
      await tabA.run(firstWhere, "release", { name });
      const write = await settled(tabB, "write");
      assert.equal(write.state, "done", write.error);
      assert.equal(write.value.created, false, "the second tab opened the first tab's database");

      const read = await tabA.run(firstWhere, "readItems", { storage, name });
      assert.deepEqual(read.ids, [...ids("a", 30), ...ids("b", 30), ...ids("c", 10)]);
      assert.ok(read.wellFormed);
      assert.deepEqual(read.recovery.stop, "end", "nothing damaged or torn");
      assert.deepEqual([...tabA.problems, ...tabB.problems], []);
    } finally {
      await tabA.close();
      await tabB.close();
    }
  });
}

test("closing the tab that holds a database lets the waiting tab open it", async () => {
  const name = "tabs-closed";
  const tabA = await openStoragePage(browser.context, site.url);
  const tabB = await openStoragePage(browser.context, site.url);
  try {
    await tabA.run("worker", "hold", { storage: "opfs", name, ids: ids("a", 5) });
    await tabB.start("read", "page", "readItems", { storage: "opfs", name });
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal((await tabB.state("read")).state, "pending");
    await tabA.close(); // never calls db.close(): the lock and the sync access handles go with the tab
    const read = await settled(tabB, "read");
    assert.equal(read.state, "done", read.error);
    assert.deepEqual(read.value.ids, ids("a", 5));
  } finally {
    await tabB.close();
  }
});
