// Turns OUT/runs.jsonl (drive.mjs and in-process.mjs) into the results table: per phase and peer
// the median ops/s, p50 and p99 over the rounds, and the median of the per-round ratios of
// ShoalDB to dynalite and to the canned server. Prints Markdown and writes OUT/results.md.
// Usage: node report.mjs OUT
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { PHASES } from "./workload.mjs";

const out = process.argv[2];
const entries = readFileSync(join(out, "runs.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));

const median = (xs) => {
  if (xs.length === 0) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const http = (phase, peer) => entries.filter((e) => e.kind === "http" && e.phase === phase && e.peer === peer);
const fmtOps = (x) => (x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(1));
const fmtMs = (us) => (us / 1000).toFixed(us < 10000 ? 2 : 1);
const fmtRatio = (x) => (x === undefined ? "—" : `${x.toFixed(x < 10 ? 2 : 1)}×`);

function cell(phase, peer) {
  const runs = http(phase, peer);
  if (runs.length === 0) return { text: "not supported", ops: undefined };
  const ops = median(runs.map((r) => r.ops_s));
  return {
    text: `${fmtOps(ops)} · ${fmtMs(median(runs.map((r) => r.p50_us)))} / ${fmtMs(median(runs.map((r) => r.p99_us)))}`,
    runs,
  };
}

// Per-round ratio, then the median: each round's peers ran back to back, under the same load.
function ratio(phase, a, b, field = "ops_s") {
  const byRound = new Map(http(phase, b).map((r) => [r.round, r[field]]));
  const ratios = http(phase, a).filter((r) => byRound.has(r.round)).map((r) => r[field] / byRound.get(r.round));
  return median(ratios);
}

const lines = [];
const say = (s = "") => lines.push(s);
const rounds = new Set(entries.filter((e) => e.kind === "http").map((e) => e.round)).size;
say(`HTTP, ${rounds} interleaved rounds; cells: median ops/s · p50 / p99 latency in ms ` +
  "(wrk, 16 keep-alive connections).");
say();
say("| phase | ShoalDB | dynalite | canned server | ShoalDB ÷ dynalite (ops/s) | ShoalDB ÷ canned (ops/s) | " +
  "p99 ShoalDB ÷ dynalite |");
say("|---|---|---|---|---|---|---|");
for (const { name } of PHASES) {
  const dynalite = cell(name, "dynalite");
  say(`| ${name} | ${cell(name, "ShoalDB").text} | ${dynalite.text} | ${cell(name, "canned").text} | ` +
    `${dynalite.runs ? fmtRatio(ratio(name, "ShoalDB", "dynalite")) : "—"} | ` +
    `${fmtRatio(ratio(name, "ShoalDB", "canned"))} | ` +
    `${dynalite.runs ? fmtRatio(ratio(name, "ShoalDB", "dynalite", "p99_us")) : "—"} |`);
}
const loads = entries.filter((e) => e.kind === "prepare");
say();
say("Load of the 20,000 items (800 BatchWriteItem requests from a Node client, 16 at a time; the client " +
  "is the bottleneck near the canned server's time): " +
  loads.map((e) => `${e.peer} ${e.load_s.toFixed(2)} s`).join(", ") + ".");
say();
say("In-process (the wasm engine in Node, `db.executeRaw`, one request at a time; median of the rounds):");
say();
say("| phase | ops/s | µs/op |");
say("|---|---|---|");
for (const { name } of PHASES) {
  const runs = entries.filter((e) => e.kind === "in-process" && e.phase === name);
  if (runs.length === 0) continue;
  say(`| ${name} | ${fmtOps(median(runs.map((r) => r.ops_s)))} | ${median(runs.map((r) => r.us_per_op)).toFixed(1)} |`);
}
say();
say(`Machine: ${cpus().length} cores (${cpus()[0]?.model.trim()}), Node ${process.version}, ` +
  "load average after the run " +
  `${loadavg().map((x) => x.toFixed(2)).join(" ")}.`);
const text = lines.join("\n") + "\n";
writeFileSync(join(out, "results.md"), text);
process.stdout.write(text);
