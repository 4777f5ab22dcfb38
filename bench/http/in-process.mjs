// The same workload in-process: the wasm engine in Node through db.executeRaw (request JSON text
// in, response JSON text out), no HTTP. Loads the 20,000 items, then for ROUNDS rounds runs each
// phase's pre-generated bodies in a loop for about MIN_SECONDS; appends one JSON line per run to
// OUT/runs.jsonl. Usage: node in-process.mjs OUT
import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { ShoalDB } from "../../js/src/database.js";
import { PHASES, createTableRequest, loadRequests, phaseBodies } from "./workload.mjs";

const out = process.argv[2];
const rounds = Number(process.env.ROUNDS ?? 3);
const minSeconds = Number(process.env.MIN_SECONDS ?? 1);

const db = await ShoalDB.open();
async function run(operation, body) {
  const { status, body: response } = await db.executeRaw(operation, body);
  if (status !== 200) throw new Error(`${operation}: ${response.slice(0, 300)}`);
  return response;
}
await run("CreateTable", JSON.stringify(createTableRequest()));
const loadStart = performance.now();
for (const request of loadRequests()) await run("BatchWriteItem", JSON.stringify(request));
const loadSeconds = (performance.now() - loadStart) / 1000;
const prepared = { kind: "prepare", peer: "in-process", load_s: loadSeconds };
appendFileSync(join(out, "runs.jsonl"), JSON.stringify(prepared) + "\n");

const bodies = new Map(PHASES.map((phase) => [phase, phaseBodies(phase)]));
for (let round = 0; round < rounds; round++) {
  for (const phase of PHASES) {
    const list = bodies.get(phase);
    let n = round * 7919;
    let ops = 0;
    const started = performance.now();
    let elapsed = 0;
    // Batches of 50 between clock reads keep the timer out of the per-operation figure.
    do {
      for (let k = 0; k < 50; k++) await run(phase.operation, list[n++ % list.length]);
      ops += 50;
      elapsed = (performance.now() - started) / 1000;
    } while (elapsed < minSeconds);
    const entry = {
      kind: "in-process", round, phase: phase.name, ops_s: ops / elapsed, us_per_op: (elapsed * 1e6) / ops,
    };
    appendFileSync(join(out, "runs.jsonl"), JSON.stringify(entry) + "\n");
    console.log(`in-process round ${round + 1}/${rounds} ${phase.name.padEnd(32)} ` +
      `${entry.ops_s.toFixed(0).padStart(8)} ops/s ` +
      `${entry.us_per_op.toFixed(1).padStart(8)} µs/op`);
  }
}
await db.close();
