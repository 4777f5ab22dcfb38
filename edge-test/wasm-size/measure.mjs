// Sizes and speed of engine builds side by side:
//   node measure.mjs [--rounds 7] [--n 20000] name=dir name=dir ...
// Sizes: wasm and mjs raw and gzipped (level 9). Speed: `rounds` rounds, each running every build
// once in its own process (order rotated per round), medians of engine-speed.mjs's timings, and
// each build's ratio to the first one named.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : Number(args.splice(i, 2)[1]);
};
const rounds = option("--rounds", 7);
const n = option("--n", 20000);
const builds = args.map((arg) => {
  const [name, dir] = arg.split("=");
  return { name, dir, runs: [] };
});
const speedScript = fileURLToPath(new URL("./engine-speed.mjs", import.meta.url));
// The optimizing compiler for all of the wasm up front (no Liftoff tier-up in background threads),
// garbage collection on the main thread and on request: engine-speed.mjs counts CPU time, and
// these keep other threads' work out of it (without them a phase varied up to 3x run to run).
const nodeFlags = ["--expose-gc", "--no-liftoff", "--single-threaded"];

for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < builds.length; k++) {
    const build = builds[(k + round) % builds.length];
    const out = execFileSync(process.execPath, [...nodeFlags, speedScript, build.dir, String(n)], { encoding: "utf8" });
    build.runs.push(JSON.parse(out));
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
const size = (file) => {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gz: gzipSync(bytes, { level: 9 }).length };
};
// One row per measure, one column per build, then each build's ratio to the first build.
const sizes = builds.map(({ dir }) => ({
  wasm: size(join(dir, "shoal-engine.wasm")),
  mjs: size(join(dir, "shoal-engine.mjs")),
}));
const rows = {
  "wasm bytes": sizes.map((s) => s.wasm.raw),
  "wasm gz": sizes.map((s) => s.wasm.gz),
  "mjs bytes": sizes.map((s) => s.mjs.raw),
  "mjs gz": sizes.map((s) => s.mjs.gz),
};
const timed = Object.keys(builds[0].runs[0]).filter((key) => key !== "snapshotBytes");
for (const key of timed) rows[`${key} ms`] = builds.map(({ runs }) => median(runs.map((r) => r[key])));
rows["data path ms (put..delete)"] = builds.map(({ runs }) =>
  median(runs.map((r) => timed.filter((k) => !["startup", "snapshot", "reopen", "replay"].includes(k))
    .reduce((sum, k) => sum + r[k], 0))),
);
rows["snapshot bytes"] = builds.map(({ runs }) => runs[0].snapshotBytes);
const table = {};
for (const [measure, values] of Object.entries(rows)) {
  const row = {};
  builds.forEach(({ name }, i) => (row[name] = Number.isInteger(values[i]) ? values[i] : Number(values[i].toFixed(1))));
  builds.slice(1).forEach(({ name }, i) => (row[`${name}/${builds[0].name}`] = Number((values[i + 1] / values[0]).toFixed(3))));
  table[measure] = row;
}
console.log(`${rounds} rounds, n = ${n}; times are CPU ms, medians`);
console.table(table);
console.log(JSON.stringify(table));
