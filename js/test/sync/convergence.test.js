// The randomized convergence test: 3 to 7 peers linked pairwise by a simulated network that
// delays, reorders, duplicates and drops messages and partitions peers for a while; random puts,
// updates, deletes, transactions and batches on random peers; then the network heals and every
// peer must hold the same items and index entries, and once all have seen every delete, no
// tombstone is left anywhere. Even seeds also heal halfway, wait until the tombstones are
// collected, and go on writing over the collected state. Seeded and bounded in time;
// SHOALDB_SYNC_SEEDS (a count) runs more seeds on demand.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ShoalDB } from "../../src/index.node.js";
import { attachSync } from "../../src/sync/index.js";
import { SyncLink } from "../../src/sync/link.js";
import { converged, countByColor, TABLE_T, waitFor } from "./sync-helpers.js";

const TABLE_U = {
  TableName: "Utab",
  KeySchema: [
    { AttributeName: "pk", KeyType: "HASH" },
    { AttributeName: "sk", KeyType: "RANGE" },
  ],
  AttributeDefinitions: [
    { AttributeName: "pk", AttributeType: "S" },
    { AttributeName: "sk", AttributeType: "N" },
  ],
  BillingMode: "PAY_PER_REQUEST",
};

function rng(seed) {
  let s = seed >>> 0 || 1;
  return (n) => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
}

// One direction of a link: messages wait a random few ms, may be dropped, duplicated or overtake
// each other; while the pair is partitioned nothing gets through.
class LossyWire {
  constructor(random, network) {
    this.random = random;
    this.network = network;
    this.deliver = null;
  }

  send(bytes, meta) {
    if (this.network.partitioned(this)) return;
    const copies = this.random(10) === 0 ? 0 : this.random(10) === 0 ? 2 : 1; // 10% lost, 9% twice
    for (let i = 0; i < copies; i++) {
      const delay = this.random(4) === 0 ? this.random(30) : this.random(3);
      setTimeout(() => {
        if (!this.network.partitioned(this)) this.deliver(bytes, meta);
      }, delay);
    }
  }
}

// Waits until the peers converge and every one has dropped every tombstone (all have seen
// everything, and Hellos carry who has seen what); the items must still agree after that.
// Returns how many tombstones the peers collected so far, together.
async function tombstonesCollected(dbs, id) {
  // One delete that surely leaves a tombstone (the item exists where it is deleted).
  await dbs[0].put({ TableName: "Things", Item: { id, color: "red" } });
  await dbs[0].delete({ TableName: "Things", Key: { id } });
  await converged(dbs, ["Things", "Utab"], { timeoutMs: 30_000 });
  await waitFor(() => dbs.every((db) => db.sync.status().Tombstones === 0), {
    what: "tombstone collection",
    timeoutMs: 30_000,
  }).catch((error) => {
    throw new Error(`${error.message}; peers: ${JSON.stringify(dbs.map((db) => db.sync.status()))}`);
  });
  await converged(dbs, ["Things", "Utab"], { timeoutMs: 30_000 });
  return dbs.reduce((sum, db) => sum + db.sync.status().TombstonesCollected, 0);
}

async function runSeed(seed, { peers: n, steps, collectMidRun }) {
  const random = rng(seed);
  const dbs = [];
  for (let i = 0; i < n; i++) {
    const db = await ShoalDB.open({ storage: "memory" });
    await db.createTable(TABLE_T);
    await db.createTable(TABLE_U);
    await attachSync(db, {});
    dbs.push(db);
  }
  const cut = new Set(); // wires currently partitioned
  const network = { partitioned: (wire) => cut.has(wire) };
  const links = [];
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const there = new LossyWire(random, network);
      const back = new LossyWire(random, network);
      const options = { ackTimeoutMs: 150, maxBatchBytes: 1 + random(4096) };
      const a = new SyncLink(dbs[i].sync, (bytes, meta) => there.send(bytes, meta), options);
      const b = new SyncLink(dbs[j].sync, (bytes, meta) => back.send(bytes, meta), options);
      there.deliver = (bytes, meta) => b.receive(bytes, meta).catch(() => {});
      back.deliver = (bytes, meta) => a.receive(bytes, meta).catch(() => {});
      links.push({ wires: [there, back], ends: [a, b] });
      await a.open();
      await b.open();
    }
  }
  // Hellos now and then, as transports send them, so that lost ones do not stall a link.
  const heartbeat = setInterval(() => {
    for (const { ends } of links) for (const end of ends) end.open().catch(() => {});
  }, 100);
  try {
    const colors = ["red", "green", "blue"];
    let collectedMidRun = 0;
    for (let step = 0; step < steps; step++) {
      if (collectMidRun && step === steps >> 1) {
        cut.clear();
        collectedMidRun = await tombstonesCollected(dbs, "halfway");
      }
      if (random(25) === 0) {
        const { wires } = links[random(links.length)];
        for (const wire of wires) (cut.has(wire) ? cut.delete(wire) : cut.add(wire));
      }
      const db = dbs[random(n)];
      const id = `k${random(6)}`;
      switch (random(6)) {
        case 0:
          await db.put({ TableName: "Things", Item: { id, color: colors[random(3)], v: step, doc: { n: random(9) } } });
          break;
        case 1:
          await db.delete({ TableName: "Things", Key: { id } });
          break;
        case 2:
        case 3: {
          const setColor = random(2) === 0;
          await db.update({
            TableName: "Things",
            Key: { id },
            UpdateExpression: setColor ? "SET color = :c, v = :v" : "SET v = :v REMOVE color ADD hits :one",
            ExpressionAttributeValues: setColor ? { ":c": colors[random(3)], ":v": step } : { ":v": step, ":one": 1 },
          });
          break;
        }
        case 4:
          await db.transactWrite({
            TransactItems: [
              { Put: { TableName: "Things", Item: { id: `t${random(3)}`, color: colors[random(3)], v: step } } },
              { Delete: { TableName: "Things", Key: { id: `t${3 + random(3)}` } } },
              { Put: { TableName: "Utab", Item: { pk: "p", sk: random(4), v: step } } },
            ],
          });
          break;
        default:
          await db.batchWrite({
            RequestItems: {
              Utab: [
                { PutRequest: { Item: { pk: "q", sk: random(3), v: step } } },
                { DeleteRequest: { Key: { pk: "q", sk: 3 + random(3) } } },
              ],
            },
          });
      }
      if (random(4) === 0) await new Promise((resolve) => setTimeout(resolve, random(5)));
    }
    cut.clear();
    const collected = await tombstonesCollected(dbs, "end");
    if (collectMidRun) assert.ok(collectedMidRun > 0, `seed ${seed}: no tombstone collected halfway`);
    assert.ok(collected > collectedMidRun, `seed ${seed}: no tombstone collected at the end`);
    for (const color of colors) {
      const counts = await Promise.all(dbs.map((db) => countByColor(db, color)));
      assert.equal(new Set(counts).size, 1, `seed ${seed}: index counts for ${color}: ${counts}`);
    }
  } finally {
    clearInterval(heartbeat);
    for (const db of dbs) await db.close();
  }
}

describe("randomized convergence over a lossy network", () => {
  const extra = Number(process.env.SHOALDB_SYNC_SEEDS ?? 0);
  // 3 + seed % 5 peers: the default seeds run 3, 5 and 7 peers; the even one collects halfway.
  const seeds = [10, 57, 14, ...Array.from({ length: extra }, (_, i) => 1000 + i)];
  for (const seed of seeds) {
    const peers = 3 + (seed % 5);
    it(`seed ${seed}, ${peers} peers`, { timeout: 90_000 }, async () => {
      await runSeed(seed, { peers, steps: 120, collectMidRun: seed % 2 === 0 });
    });
  }
});
