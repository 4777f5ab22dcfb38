// Drives the browser benchmark from Node: one headless Chromium (web-test/browser.js), one page
// (pages/index.html); each system's whole workload (pages/workload.js) runs in a fresh dedicated
// worker, on each storage it has. Rounds interleave: every round runs every system on every
// storage, the systems' order rotating; the table shows medians and ShoalDB against the best peer
// on the same storage. See run.sh.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { launchBrowser } from "../../web-test/browser.js";
import { startStaticServer } from "../../web-test/static-server.js";
import { COUNTS } from "./pages/workload.js";

const OUT = process.argv[2] ?? "build/bench/browser";
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const TASK_TIMEOUT_MS = Number(process.env.TASK_TIMEOUT_MS ?? 600_000);
function fmt(n) {
  return n.toLocaleString("en-US");
}
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

const SYSTEMS = [
  { id: "shoaldb", label: "ShoalDB", storages: ["memory", "indexeddb", "opfs"] },
  { id: "dexie", label: "Dexie 4", storages: ["indexeddb"] },
  { id: "pglite", label: "PGlite 0.5", storages: ["memory", "indexeddb"] },
  { id: "sqlite", label: "SQLite wasm 3.54", storages: ["memory", "opfs"] },
  { id: "rxdb", label: "RxDB 17 (memory storage)", storages: ["memory"] },
];
const STORAGES = [
  { id: "memory", label: "memory" },
  { id: "indexeddb", label: "IndexedDB" },
  { id: "opfs", label: "OPFS" },
];
const PHASES = [
  { id: "insert", label: `bulk insert ${fmt(COUNTS.items)} items` },
  { id: "get", label: `${fmt(COUNTS.gets)} point gets` },
  { id: "range", label: `${fmt(COUNTS.ranges)} range queries of 50` },
  { id: "index", label: `${fmt(COUNTS.indexQueries)} index queries of 50` },
  { id: "update", label: `${fmt(COUNTS.updates)} updates (read-modify-write of n)` },
  { id: "readAll", label: `read all ${fmt(COUNTS.items)}` },
  { id: "reopen", label: `close, reopen, count, ${fmt(COUNTS.reopenGets)} gets`, durableOnly: true },
];
// A quick look at some systems or storages: ONLY=shoaldb,sqlite STORAGE=opfs ROUNDS=1
const ONLY = process.env.ONLY?.split(",");
const ONLY_STORAGE = process.env.STORAGE?.split(",");
const systems = SYSTEMS.filter((s) => !ONLY || ONLY.includes(s.id));
const storages = STORAGES.filter((s) => !ONLY_STORAGE || ONLY_STORAGE.includes(s.id));

// RxDB's npm files import bare package names: one esbuild bundle makes them a browser module.
const BUNDLES = join(ROOT, "build/bench/browser/bundles");
await build({
  entryPoints: [join(ROOT, "bench/browser/pages/rxdb-entry.js")],
  bundle: true,
  format: "esm",
  platform: "browser",
  outfile: join(BUNDLES, "rxdb.js"),
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
});

const site = await startStaticServer({
  mounts: [
    { prefix: "/node_modules/", dir: join(ROOT, "node_modules") },
    { prefix: "/bench/", dir: join(ROOT, "bench/browser/pages") },
    { prefix: "/build/", dir: BUNDLES },
  ],
});
const browser = await launchBrowser();
const problems = [];
const times = {}; // storage -> system -> phase -> [ms per round]
try {
  const page = await browser.context.newPage();
  page.on("pageerror", (error) => problems.push(String(error)));
  if (process.env.DEBUG) page.on("console", (message) => console.log(`console: ${message.text()}`));
  await page.goto(`${site.url}/bench/index.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const debug = Boolean(process.env.DEBUG);
  const runSystem = (system, storage, name) =>
    Promise.race([
      page.evaluate(([a, b, c, d]) => window.runSystem(a, b, c, d), [system, storage, name, debug]),
      new Promise((_, reject) => {
        const message = `${system} on ${storage}: no answer in ${TASK_TIMEOUT_MS} ms`;
        setTimeout(() => reject(new Error(message)), TASK_TIMEOUT_MS).unref();
      }),
    ]);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const storage of storages) {
      const here = systems.filter((s) => s.storages.includes(storage.id));
      for (const system of rotate(here, round)) {
        const started = Date.now();
        const ms = await runSystem(system.id, storage.id, `bench-${system.id}-${round}`);
        for (const [phase, value] of Object.entries(ms)) {
          ((((times[storage.id] ??= {})[system.id] ??= {})[phase] ??= [])).push(value);
        }
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(`round ${round + 1}/${ROUNDS} ${storage.label} ${system.label}: ${seconds} s`);
      }
    }
  }
  const report = table();
  console.log(`\n${report}`);
  await mkdir(OUT, { recursive: true });
  await writeFile(join(OUT, "results.md"), `${report}\n`);
  if (problems.length) console.log(`page errors that failed no run: ${problems.join("; ")}`);
  const load = (await readFile("/proc/loadavg", "utf8")).split(" ").slice(0, 3).join(" ");
  console.log(`bench/browser: load average after the run: ${load}`);
} finally {
  await browser.close();
  await site.close();
}

function rotate(list, by) {
  const k = by % list.length;
  return [...list.slice(k), ...list.slice(0, k)];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function cell(ms) {
  return ms < 10 ? ms.toPrecision(2) : fmt(Math.round(ms));
}

// One row per phase and storage: each system's median ms, and ShoalDB ÷ best peer as the median of
// the rounds' (best peer's ms ÷ ShoalDB's ms): > 1 means ShoalDB is faster by that factor.
function table() {
  const lines = [
    `| phase | storage | ${systems.map((s) => s.label).join(" | ")} | ShoalDB ÷ best peer |`,
    `|---|---|${systems.map(() => "---:").join("|")}|---:|`,
  ];
  for (const phase of PHASES) {
    for (const storage of storages) {
      if (phase.durableOnly && storage.id === "memory") continue;
      const bySystem = times[storage.id] ?? {};
      const cells = systems.map((s) => (bySystem[s.id]?.[phase.id] ? cell(median(bySystem[s.id][phase.id])) : "—"));
      const shoal = bySystem.shoaldb?.[phase.id];
      const peers = systems.filter((s) => s.id !== "shoaldb" && bySystem[s.id]?.[phase.id]);
      let ratio = "—";
      if (shoal && peers.length > 0) {
        const perRound = shoal.map((ms, r) => Math.min(...peers.map((p) => bySystem[p.id][phase.id][r])) / ms);
        const r = median(perRound);
        ratio = `${r < 0.1 ? r.toPrecision(2) : r.toFixed(2)}×`;
      }
      lines.push(`| ${phase.label} | ${storage.label} | ${cells.join(" | ")} | ${ratio} |`);
    }
  }
  const shoal = (storage, phase) => times[storage]?.shoaldb?.[phase];
  const readPhases = ["get", "range", "index", "readAll"];
  const sameAsMemory = storages
    .filter((s) => s.id !== "memory" && shoal(s.id, "get") && shoal("memory", "get"))
    .map(
      (s) =>
        `${s.label} ` +
        readPhases.map((p) => `${p} ${(median(shoal(s.id, p)) / median(shoal("memory", p))).toFixed(2)}`).join(", "),
    );
  lines.push(
    "",
    `Cells: median ms of ${ROUNDS} round(s) (lower is better); each round runs every system on every storage in a ` +
      "fresh worker, the systems' order rotating. ShoalDB ÷ best peer: median over rounds of the fastest peer's " +
      "ms on that storage divided by ShoalDB's (> 1: ShoalDB faster). Durable rows run relaxed durability everywhere.",
  );
  const closes = storages
    .filter((s) => s.id !== "memory")
    .flatMap((s) =>
      systems
        .filter((sys) => times[s.id]?.[sys.id]?.close)
        .map((sys) => `${sys.label} ${s.label} ${cell(median(times[s.id][sys.id].close))}`),
    );
  if (closes.length) lines.push(`Of the reopen row, close() took (ms): ${closes.join(", ")}.`);
  if (sameAsMemory.length) {
    const list = sameAsMemory.join("; ");
    lines.push(`ShoalDB's reads on durable storage ÷ the same on memory (1.00 = memory speed): ${list}.`);
  }
  return lines.join("\n");
}
