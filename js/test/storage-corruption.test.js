// Damaged bytes at random offsets: opening never crashes, never loads a damaged record, and keeps
// every record stored before the damage. A damaged snapshot refuses to open (clearly) instead of
// opening an empty database over it. SHOAL_CORRUPTION_ROUNDS changes the count (default 300).
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { ShoalDB } from "../src/index.node.js";
import { MemoryStorage } from "../src/storage/memory-storage.js";
import { tableInput } from "./helpers.js";

const ROUNDS = Number(process.env.SHOAL_CORRUPTION_ROUNDS ?? 300);

function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

async function allIds(db) {
  const { Items } = await db.scan({ TableName: "things" });
  return new Set(Items.map((item) => item.id));
}

describe("random damage", () => {
  const original = new MemoryStorage();
  const ends = []; // [log length after the write, ids the write added]
  before(async () => {
    const db = await ShoalDB.open({ storage: original });
    await db.createTable(tableInput("things"));
    const start = original.log.length;
    ends.push([start, []]);
    for (let i = 0; i < 60; i += 1) {
      if (i % 3 === 2) {
        await db.transactWrite({
          TransactItems: [
            { Put: { TableName: "things", Item: { id: `t${i}a`, n: i } } },
            { Put: { TableName: "things", Item: { id: `t${i}b`, n: i } } },
          ],
        });
        ends.push([original.log.length, [`t${i}a`, `t${i}b`]]);
      } else {
        await db.put({ TableName: "things", Item: { id: `p${i}`, n: i, s: "v".repeat(i) } });
        ends.push([original.log.length, [`p${i}`]]);
      }
    }
    // No close: the log keeps every record (close would checkpoint them into the snapshot).
  });

  test(`${ROUNDS} flipped, zeroed or cut log bytes`, async () => {
    const seed = Number(process.env.SHOAL_CORRUPTION_SEED ?? Date.now() % 1_000_000);
    const random = rng(seed);
    const log = original.log;
    const tableEnd = ends[0][0];
    for (let round = 0; round < ROUNDS; round += 1) {
      let at = tableEnd + Math.floor(random() * (log.length - tableEnd));
      const damaged = log.slice();
      const kind = round % 3;
      let stored = damaged;
      if (kind === 0) damaged[at] ^= 1 + Math.floor(random() * 255);
      else if (kind === 1) {
        const end = Math.min(log.length, at + 1 + Math.floor(random() * 64));
        damaged.fill(0, at, end);
        // Zeroing bytes that were zero already changes nothing: the damage starts at the first
        // byte that changed (none: the log is intact).
        while (at < end && log[at] === 0) at += 1;
        if (at === end) at = log.length;
      } else stored = damaged.slice(0, at);
      const copy = new MemoryStorage();
      copy.snapshot = original.snapshot;
      copy.log = stored;
      const db = await ShoalDB.open({ storage: copy });
      const ids = await allIds(db);
      const what = `seed ${seed}, round ${round}, ${["flip", "zeros", "cut"][kind]} at ${at}`;
      for (const [end, added] of ends) {
        for (const id of added) {
          if (end <= at) assert.ok(ids.has(id), `${what}: ${id}, stored before the damage, is missing`);
          else assert.ok(!ids.has(id), `${what}: ${id}, written at or after the damage, was loaded`);
        }
      }
      // Recovery cut the log back to whole records: a new write lands and survives a reopen.
      await db.put({ TableName: "things", Item: { id: "after" } });
      const again = await ShoalDB.open({ storage: copy });
      assert.ok((await allIds(again)).has("after"), `${what}: a write after recovery was lost`);
      await again.close();
      await db.close();
    }
  });

  test("flipped snapshot bytes: the open fails with a clear error, and the bytes are left alone", async () => {
    const random = rng(7);
    for (let round = 0; round < 50; round += 1) {
      const copy = new MemoryStorage();
      copy.snapshot = original.snapshot.slice();
      copy.snapshot[Math.floor(random() * copy.snapshot.length)] ^= 1 << Math.floor(random() * 8);
      copy.log = original.log;
      const damaged = copy.snapshot.slice();
      await assert.rejects(ShoalDB.open({ storage: copy }), /the stored database cannot be opened/);
      assert.deepEqual(copy.snapshot, damaged);
      assert.deepEqual(copy.log, original.log);
    }
  });
});
