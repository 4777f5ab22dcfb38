// Peers in one process over BroadcastChannel (as tabs and workers of one origin would be).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ShoalDB } from "../../src/index.node.js";
import { attachSync, detachSync } from "../../src/sync/index.js";
import {
  closeAll,
  converged,
  countByColor,
  fastTimings,
  openPeers,
  setAttribute,
  tableContents,
  waitFor,
} from "./sync-helpers.js";

describe("sync over BroadcastChannel", () => {
  it("a database in a worker refuses to sync at open rather than not syncing", async () => {
    // Refused before the worker starts, so this holds in Node (no Web Workers) as in browsers.
    const options = { worker: true, sync: { channel: "shoaldb-test-worker" } };
    await assert.rejects(ShoalDB.open(options), /"sync" option does not work with worker: true yet/);
    await assert.rejects(ShoalDB.open({ worker: true, sync: true }), /does not work with worker: true yet/);
    await assert.doesNotReject(ShoalDB.open({ worker: false, sync: false }).then((db) => db.close()));
  });

  it("two peers converge under concurrent writes to the same attributes, and the conflicts are visible", async () => {
    const { dbs } = await openPeers(2);
    const [a, b] = dbs;
    try {
      await a.put({ TableName: "Things", Item: { id: "x", n: 0, note: "base" } });
      await converged(dbs);
      const seen = [];
      a.sync.onConflict((c) => seen.push(["a", c]));
      b.sync.onConflict((c) => seen.push(["b", c]));
      // Both writes happen before either peer can hear of the other's: concurrent.
      await Promise.all([
        setAttribute(a, "x", "note", "from a"),
        setAttribute(b, "x", "note", "from b"),
      ]);
      await converged(dbs);
      const { Item } = await a.get({ TableName: "Things", Key: { id: "x" } });
      assert.ok(Item.note === "from a" || Item.note === "from b");
      assert.equal(Item.n, 0);
      await waitFor(() => seen.length >= 2, { what: "conflict events on both peers" });
      for (const [, conflict] of seen) {
        assert.equal(conflict.table, "Things");
        assert.deepEqual(conflict.key, { id: "x" });
        assert.equal(conflict.attribute, "note");
        assert.equal(conflict.winner.value, Item.note);
        assert.equal(conflict.loser.value, Item.note === "from a" ? "from b" : "from a");
        assert.notEqual(conflict.winner.site, conflict.loser.site);
      }
      assert.equal(a.sync.conflicts().length, 1);
      assert.equal(b.sync.conflicts().length, 1);
    } finally {
      await closeAll(dbs);
    }
  });

  it("three peers converge, indexes included, after interleaved puts, updates and deletes", async () => {
    const { dbs } = await openPeers(3);
    try {
      let seed = 7;
      const random = (n) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      const colors = ["red", "green", "blue"];
      for (let step = 0; step < 150; step++) {
        const db = dbs[random(3)];
        const id = `k${random(8)}`;
        const op = random(4);
        if (op === 0) await db.put({ TableName: "Things", Item: { id, color: colors[random(3)], v: step } });
        else if (op === 1) await db.delete({ TableName: "Things", Key: { id } });
        else {
          await db.update({
            TableName: "Things",
            Key: { id },
            UpdateExpression: op === 2 ? "SET color = :c, v = :v" : "ADD hits :one REMOVE v",
            ExpressionAttributeValues: op === 2 ? { ":c": colors[random(3)], ":v": step } : { ":one": 1 },
          });
        }
        if (random(5) === 0) await new Promise((resolve) => setTimeout(resolve, random(3)));
      }
      await converged(dbs);
      for (const color of ["red", "green", "blue"]) {
        const counts = await Promise.all(dbs.map((db) => countByColor(db, color)));
        assert.equal(new Set(counts).size, 1, `index counts for ${color}: ${counts}`);
      }
    } finally {
      await closeAll(dbs);
    }
  });

  it("a peer that was offline catches up with the deltas only", async () => {
    const { dbs, channel } = await openPeers(3);
    const [a, b, c] = dbs;
    try {
      await a.put({ TableName: "Things", Item: { id: "before" } });
      await converged(dbs);
      await detachSync(c);
      for (let i = 0; i < 40; i++) {
        await (i % 2 ? a : b).put({ TableName: "Things", Item: { id: `while-away-${i}`, i } });
      }
      await c.put({ TableName: "Things", Item: { id: "offline-write", by: "c" } });
      await converged([a, b]);
      assert.equal((await tableContents(c, "Things")).length, 2);
      const peer = await attachSync(c, { channel, ...fastTimings });
      await converged(dbs);
      assert.equal((await tableContents(a, "Things")).length, 42);
      const received = peer.links.reduce((sum, link) => sum + link.stats.batchesReceived, 0);
      const pages = peer.links.reduce((sum, link) => sum + link.stats.statePagesReceived, 0);
      assert.ok(received > 0);
      assert.equal(pages, 0, "no state transfer: the others kept the units for the known peer");
    } finally {
      await closeAll(dbs);
    }
  });

  it("a transaction arrives whole: every item of it is there when the first one is seen", async () => {
    const { dbs } = await openPeers(2);
    const [a, b] = dbs;
    try {
      await converged(dbs);
      const seenWith = [];
      let received = 0;
      b.subscribe("Things", () => {
        received++;
        if (received === 1) queueMicrotask(() => seenWith.push(received));
      });
      await a.transactWrite({
        TransactItems: [1, 2, 3].map((i) => ({ Put: { TableName: "Things", Item: { id: `t${i}`, color: "red" } } })),
      });
      await waitFor(() => received === 3, { what: "three stream records on b" });
      assert.deepEqual(seenWith, [3], "the three records came in one delivery");
      assert.equal(await countByColor(b, "red"), 3);
    } finally {
      await closeAll(dbs);
    }
  });

  it("merged writes maintain indexes, reach db.subscribe with their origin; a new peer gets the state", async () => {
    const { dbs, channel } = await openPeers(2);
    const [a, b] = dbs;
    let late;
    try {
      const changes = [];
      b.subscribe("Things", (change, record) => changes.push({ change, record }));
      await a.put({ TableName: "Things", Item: { id: "p", color: "green" } });
      await waitFor(async () => (await b.get({ TableName: "Things", Key: { id: "p" } })).Item);
      await setAttribute(a, "p", "color", "blue");
      await waitFor(async () => (await countByColor(b, "blue")) === 1, { what: "the GSI on b" });
      assert.equal(await countByColor(b, "green"), 0);
      assert.equal(changes[0].change.eventName, "INSERT");
      assert.equal(changes[0].change.originSite, a.sync.site);
      assert.equal(changes[1].change.eventName, "MODIFY");

      // A peer that was never known gets the whole state, its table included.
      late = await ShoalDB.open({ sync: { channel, ...fastTimings } });
      await converged([a, b, late]);
      const { Items } = await late.query({
        TableName: "Things",
        IndexName: "ByColor",
        KeyConditionExpression: "color = :c",
        ExpressionAttributeValues: { ":c": "blue" },
      });
      assert.deepEqual(Items, [{ id: "p", color: "blue" }]);
    } finally {
      await closeAll(dbs);
      await late?.close();
    }
  });
});
