// The merge step alone, side by side: two peers each made N writes (puts of distinct items, plus
// updates of shared ones), then one merges the other's. ShoalDB merges the other's units (the
// engine's sync messages, in 256 KiB batches) into its tables; Automerge (@automerge/automerge)
// merges the other document into its own (A.merge of a clone). Setup is done once; the merges
// are repeated in interleaved rounds. Prints medians, the ratio, and the bytes each needs to
// carry N writes.
import * as Automerge from "@automerge/automerge";
import { ShoalDB } from "../../js/src/index.node.js";
import { attachSync } from "../../js/src/sync/index.js";
import { median, printTable } from "./report.mjs";

const N = Number(process.env.SYNC_BENCH_WRITES ?? 10_000);
const ROUNDS = Number(process.env.SYNC_BENCH_ROUNDS ?? 5);
const SHARED = 100; // items both sides update (concurrent writes to the same attributes)
const TABLE = {
  TableName: "Items",
  KeySchema: [{ AttributeName: "id", KeyType: "HASH" }],
  AttributeDefinitions: [{ AttributeName: "id", AttributeType: "S" }],
  BillingMode: "PAY_PER_REQUEST",
};
const item = (side, i) => ({ id: `${side}${i}`, n: i, text: `item ${i} written by ${side}`, flag: i % 2 === 0 });

async function shoalPeer(side) {
  const db = await ShoalDB.open({ storage: "memory" });
  await db.createTable(TABLE);
  const peer = await attachSync(db, {});
  for (let i = 0; i < N; i++) await db.put({ TableName: "Items", Item: item(side, i) });
  for (let i = 0; i < SHARED; i++) {
    await db.update({
      TableName: "Items",
      Key: { id: `shared${i}` },
      UpdateExpression: "SET v = :v",
      ExpressionAttributeValues: { ":v": side },
    });
  }
  return { db, peer };
}

// Every message a fresh peer needs from `peer` (Changes batches of at most 256 KiB).
async function messagesOf(peer) {
  const messages = [];
  let vector = new Uint8Array([0]);
  for (;;) {
    const batch = await peer.enqueue(() => peer.engine.syncChanges(vector, 256 * 1024, null));
    if (batch.message === null) return messages;
    messages.push(batch.message);
    vector = batch.vector;
  }
}

function automergeDoc(side) {
  let doc = Automerge.from({ items: {} }, { actor: side === "a" ? "aa" : "bb" });
  // One change per write, as each put is one commit in ShoalDB.
  for (let i = 0; i < N; i++) {
    doc = Automerge.change(doc, (d) => {
      d.items[`${side}${i}`] = item(side, i);
    });
  }
  for (let i = 0; i < SHARED; i++) {
    doc = Automerge.change(doc, (d) => {
      d.items[`shared${i}`] ??= {};
      d.items[`shared${i}`].v = side;
    });
  }
  return doc;
}

async function main() {
  console.log(`sync merge step: ${N} writes on each of two peers (${SHARED} items updated by both), ${ROUNDS} rounds`);
  const a = await shoalPeer("a");
  const messages = await messagesOf(a.peer);
  const shoalBytes = messages.reduce((sum, m) => sum + m.length, 0);
  const amA = automergeDoc("a");
  const amB = automergeDoc("b");
  const amBytes = Automerge.getAllChanges(amA).reduce((sum, c) => sum + c.length, 0);
  const amSaved = Automerge.save(amA).length;

  const times = { shoal: [], automerge: [] };
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? ["shoal", "automerge"] : ["automerge", "shoal"];
    for (const which of order) {
      if (which === "shoal") {
        const b = await shoalPeer("b");
        const t0 = performance.now();
        for (const m of messages) await b.peer.receive(m, null);
        times.shoal.push(performance.now() - t0);
        await b.db.close();
      } else {
        const target = Automerge.clone(amB);
        const t0 = performance.now();
        Automerge.merge(target, amA);
        times.automerge.push(performance.now() - t0);
      }
    }
  }
  await a.db.close();
  const ratios = times.shoal.map((t, i) => t / times.automerge[i]);
  const writes = N + SHARED;
  const perWrite = (ms) => ((ms / writes) * 1000).toFixed(1);
  printTable(
    ["engine", "merge of the other's writes, median ms", "per write, µs", "bytes carried per write"],
    [
      [
        "ShoalDB (units, per-attribute LWW)",
        median(times.shoal).toFixed(1),
        perWrite(median(times.shoal)),
        `${(shoalBytes / writes).toFixed(1)} (sync messages)`,
      ],
      [
        "Automerge 3 (merge)",
        median(times.automerge).toFixed(1),
        perWrite(median(times.automerge)),
        `${(amBytes / writes).toFixed(1)} (changes); ${(amSaved / writes).toFixed(1)} (saved document)`,
      ],
    ],
  );
  console.log(`ShoalDB / Automerge time, median of per-round ratios: ${median(ratios).toFixed(2)}`);
}

await main();
