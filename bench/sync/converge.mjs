// Convergence over the hub on loopback: two peers each make N writes (while connected, so the
// units stream as they are made), then the time from the last write until both peers and the hub
// hold the same version vector; the sync bytes each peer sent per write; and what tombstones cost:
// after one peer deletes all its items, the tombstones kept and the snapshot's size against a
// database holding the same live items without that history. ShoalDB only: no other engine here
// syncs through a hub of its own (merge.mjs compares the merge step with Automerge).
import { ShoalDB } from "../../js/src/index.node.js";
import { backendOf } from "../../js/src/database.js";
import { runHub } from "../../js/src/sync/hub.js";
import { median, printTable } from "./report.mjs";

const N = Number(process.env.SYNC_BENCH_WRITES ?? 10_000);
const ROUNDS = Number(process.env.SYNC_BENCH_ROUNDS ?? 3);
const TABLE = {
  TableName: "Items",
  KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
  AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
  BillingMode: "PAY_PER_REQUEST",
};
const item = (side, i) => ({ id: `${side}${i}`, n: i, text: `item ${i} written by ${side}`, flag: i % 2 === 0 });

const vectorOf = (db) => JSON.stringify(db.sync.status().Vector);
async function until(check) {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 2));
}
const snapshotBytes = (db) => backendOf(db).runSync((engine) => engine.snapshot().length);

async function round() {
  const hub = await runHub({ port: 0, token: "bench" });
  const open = () => ShoalDB.open({ sync: { url: hub.url, token: "bench" } });
  const a = await open();
  const b = await open();
  await a.createTable(TABLE);
  await b.createTable(TABLE);
  const start = performance.now();
  for (let i = 0; i < N; i++) {
    await a.put({ TableName: "Items", Item: item("a", i) });
    await b.put({ TableName: "Items", Item: item("b", i) });
    if (i % 100 === 99) await new Promise((resolve) => setImmediate(resolve)); // let the links run
  }
  const written = performance.now();
  const converged = () => vectorOf(a) === vectorOf(b) && vectorOf(b) === vectorOf(hub.db);
  await until(converged);
  const done = performance.now();
  const bytesSent = (db) => db.sync.links.reduce((sum, link) => sum + link.stats.bytesSent, 0);
  const bytesPerWrite = (bytesSent(a) + bytesSent(b)) / (2 * N);
  const result = { writeMs: written - start, convergeMs: done - written, bytesPerWrite };

  // Tombstones: a deletes its N items.
  for (let i = 0; i < N; i++) await a.delete({ TableName: "Items", Key: { id: `a${i}` } });
  await until(converged);
  result.tombstones = b.sync.status().Tombstones;
  result.snapshotWithTombstones = await snapshotBytes(b);
  const fresh = await ShoalDB.open({ storage: "memory" });
  await fresh.createTable(TABLE);
  for (let i = 0; i < N; i++) await fresh.put({ TableName: "Items", Item: item("b", i) });
  result.snapshotWithout = await snapshotBytes(fresh);
  await fresh.close();
  await a.close();
  await b.close();
  await hub.close();
  return result;
}

const results = [];
for (let r = 0; r < ROUNDS; r++) results.push(await round());
const m = (key) => median(results.map((r) => r[key]));
console.log(`sync over the hub (WebSocket, loopback): ${N} writes on each of two peers, ${ROUNDS} rounds, medians`);
printTable(
  ["measure", "value"],
  [
    ["writes, both peers, ms", m("writeMs").toFixed(0)],
    ["last write to convergence, ms", m("convergeMs").toFixed(0)],
    ["sync bytes sent per write", m("bytesPerWrite").toFixed(1)],
    [`tombstones kept after ${N} deletes`, m("tombstones").toFixed(0)],
    ["snapshot bytes with them", m("snapshotWithTombstones").toFixed(0)],
    ["snapshot bytes of the same live items without them", m("snapshotWithout").toFixed(0)],
  ],
);
