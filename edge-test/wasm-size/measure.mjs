// Sizes and speed of engine builds side by side:
//   node measure.mjs [--rounds 7] [--n 20000] name=dir name=dir ...
// Sizes: wasm and mjs raw and gzipped (level 9). Speed: `rounds` rounds, each running every build
// once in its own process (order rotated per round), medians of engine-speed.mjs's timings.
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

for (let round = 0; round < rounds; round++) {
  for (let k = 0; k < builds.length; k++) {
    const build = builds[(k + round) % builds.length];
    const out = execFileSync(process.execPath, [speedScript, build.dir, String(n)], { encoding: "utf8" });
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
const rows = builds.map(({ name, dir, runs }) => {
  const wasm = size(join(dir, "shoal-engine.wasm"));
  const mjs = size(join(dir, "shoal-engine.mjs"));
  const row = {
    name,
    wasm: wasm.raw,
    "wasm gz": wasm.gz,
    mjs: mjs.raw,
    "mjs gz": mjs.gz,
    "startup ms": median(runs.map((r) => r.startup)).toFixed(1),
    [`${n} puts ms`]: median(runs.map((r) => r.put)).toFixed(0),
    [`${n} gets ms`]: median(runs.map((r) => r.get)).toFixed(0),
    "put+get ms": median(runs.map((r) => r.put + r.get)).toFixed(0),
  };
  if (runs[0].snapshot !== undefined) {
    Object.assign(row, {
      "snapshot ms": median(runs.map((r) => r.snapshot)).toFixed(0),
      "reopen ms": median(runs.map((r) => r.reopen)).toFixed(0),
      "snapshot bytes": runs[0].snapshotBytes,
    });
  }
  return row;
});
console.table(rows);
console.log(JSON.stringify(rows));
