// Drives the storage benchmark from Node: one headless Chromium, one page (pages/index.html), each
// task in a fresh dedicated worker (or in the page, for ShoalDB's main-thread OPFS). Builds every
// database once, then interleaves rounds of opens and of writes (the engines' order rotates each
// round), and prints medians and ratios against the best peer. See run.sh.
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { launchBrowser } from "../../web-test/browser.js";
import { startStaticServer } from "../../web-test/static-server.js";
import { makeItem, makeItems } from "./pages/items.js";

const OUT = process.argv[2] ?? "build/bench/storage";
const ITEMS = Number(process.env.ITEMS ?? 100_000);
const TAIL = Number(process.env.TAIL ?? 1000);
const OPEN_ROUNDS = Number(process.env.OPEN_ROUNDS ?? 3);
const WRITE_ROUNDS = Number(process.env.WRITE_ROUNDS ?? 3);
const WRITE_MS = Number(process.env.WRITE_MS ?? 2000);
const ROOT = fileURLToPath(new URL("../..", import.meta.url));

// Columns. `shares` uses another column's database (the same OPFS files, opened from the page).
const ENGINES = [
  { id: "shoal-opfs", label: "ShoalDB OPFS, worker (sync handles)", engine: "shoaldb", where: "worker", kind: "opfs" },
  { id: "shoal-opfs-page", label: "ShoalDB OPFS, page (async API)", engine: "shoaldb", where: "page", kind: "opfs" },
  { id: "shoal-idb", label: "ShoalDB IndexedDB, worker", engine: "shoaldb", where: "worker", kind: "indexeddb" },
  { id: "dexie", label: "Dexie 4 (IndexedDB), worker", engine: "dexie", where: "worker" },
  { id: "pglite", label: "PGlite 0.5 (idb://), worker", engine: "pglite", where: "worker" },
  { id: "sqlite", label: "SQLite wasm 3.54 (OPFS SAH pool), worker", engine: "sqlite", where: "worker" },
];
for (const engine of ENGINES) engine.shoal = engine.engine === "shoaldb";
ENGINES[1].shares = "shoal-opfs";
const dbName = (engine) => `bench-${engine.shares ?? engine.id}`;
const ONLY = process.env.ONLY?.split(","); // a quick look at some columns: ONLY=shoal-opfs,sqlite
const COLUMNS = ONLY ? ENGINES.filter((e) => ONLY.includes(e.id) || ONLY.includes(e.shares)) : ENGINES;

const site = await startStaticServer({
  mounts: [
    { prefix: "/node_modules/", dir: join(ROOT, "node_modules") },
    { prefix: "/bench/", dir: join(ROOT, "bench/storage/pages") },
  ],
});
const browser = await launchBrowser();
const problems = [];
try {
  const page = await browser.context.newPage();
  page.on("pageerror", (error) => problems.push(String(error)));
  await page.goto(`${site.url}/bench/index.html`);
  await page.waitForFunction(() => window.benchReady === true);
  const task = (engine, op, args) =>
    page.evaluate(([w, e, o, a]) => window.benchTask(w, e, o, a), [
      engine.where,
      engine.engine,
      op,
      { kind: engine.kind, ...args },
    ]);
  const usage = () => page.evaluate(() => window.storageUsage());

  // Build: every database once (not timed against each other), with the storage it took.
  const built = {};
  for (const engine of COLUMNS.filter((e) => !e.shares)) {
    const before = await usage();
    const result = await task(engine, "build", { name: dbName(engine), count: ITEMS, tail: TAIL });
    const after = await usage();
    const delta = (key) => (after[key] ?? 0) - (before[key] ?? 0);
    built[engine.id] = { ...result, usageBytes: delta("indexedDB") + delta("fileSystem") };
    console.log(`built ${engine.label}: ${(result.ms / 1000).toFixed(1)} s`);
  }

  // Open: the newest version of item 0 is in the log tail, so reading it proves the tail was
  // replayed.
  const probe = { id: makeItem(0).id, version: TAIL > 0 ? 1 : 0 };
  const opens = Object.fromEntries(COLUMNS.map((e) => [e.id, []]));
  const loads = {}; // ShoalDB: the part of opening spent in the adapter's load() (reading the files)
  for (let round = 0; round < OPEN_ROUNDS; round += 1) {
    for (const engine of rotate(COLUMNS, round)) {
      const { ms, loadMs } = await task(engine, "open", { name: dbName(engine), probe });
      opens[engine.id].push(ms);
      if (loadMs !== undefined) (loads[engine.id] ??= []).push(loadMs);
    }
  }

  // Writes: one awaited write after another, WRITE_MS per run, into a database per engine and mode
  // that the first round creates and later rounds add to.
  const writes = { strict: {}, relaxed: {} };
  for (let round = 0; round < WRITE_ROUNDS; round += 1) {
    for (const durability of ["strict", "relaxed"]) {
      for (const engine of rotate(COLUMNS, round)) {
        const name = `bench-writes-${engine.id}-${durability}`;
        const fresh = round === 0;
        const args = { name, durability, maxMs: WRITE_MS, maxCount: 1_000_000, fresh, firstId: round * 1e6 };
        const { count, ms } = await task(engine, "writes", args);
        (writes[durability][engine.id] ??= []).push((count * 1000) / ms);
      }
    }
    console.log(`write round ${round + 1} of ${WRITE_ROUNDS} done`);
  }

  const jsonBytes = makeItems(0, ITEMS).reduce((n, item) => n + Buffer.byteLength(JSON.stringify(item)), 0);
  const report = table({ built, opens, loads, writes, jsonBytes });
  console.log(`\n${report}`);
  await mkdir(OUT, { recursive: true });
  await writeFile(join(OUT, "results.md"), `${report}\n`);
  if (problems.length) console.log(`page errors: ${problems.join("\n")}`);
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

// Rows of medians; each ShoalDB cell also says how it compares with the best peer on that row
// (× > 1: ShoalDB is better by that factor; lower is better for times and sizes).
function table({ built, opens, loads, writes, jsonBytes }) {
  const peers = COLUMNS.filter((e) => !e.shoal);
  const rows = [
    [
      `open ${ITEMS.toLocaleString("en-US")} items + ${TAIL.toLocaleString("en-US")}-write tail, read one (ms)`,
      (e) => median(opens[e.id]),
      "lower",
      0,
    ],
    ["strict writes/s (each awaited write flushed)", (e) => median(writes.strict[e.id]), "higher", 0],
    ["relaxed writes/s (flush batched or off)", (e) => median(writes.relaxed[e.id]), "higher", 0],
    [
      "stored size, MB (ShoalDB: zstd snapshot; peers: their files)",
      (e) => {
        const b = built[e.shares ?? e.id];
        return (b.snapshotBytes ?? b.fileBytes ?? b.usageBytes) / 1e6;
      },
      "lower",
      1,
    ],
  ];
  const lines = [
    `| | ${COLUMNS.map((e) => e.label).join(" | ")} |`,
    `|---|${COLUMNS.map(() => "---").join("|")}|`,
  ];
  for (const [title, value, better, digits] of rows) {
    const best = better === "lower" ? Math.min(...peers.map(value)) : Math.max(...peers.map(value));
    const cells = COLUMNS.map((e) => {
      const v = value(e);
      const fixed = { maximumFractionDigits: digits, minimumFractionDigits: digits };
      const text = v < 10 ? v.toPrecision(2) : v.toLocaleString("en-US", fixed);
      if (!e.shoal) return text;
      const ratio = better === "lower" ? best / v : v / best;
      return `${text} (${ratio < 0.1 ? ratio.toPrecision(2) : ratio.toFixed(2)}×)`;
    });
    lines.push(`| ${title} | ${cells.join(" | ")} |`);
  }
  const shoal = built["shoal-opfs"];
  lines.push(
    "",
    `Items: ${ITEMS.toLocaleString("en-US")} (${(jsonBytes / 1e6).toFixed(1)} MB as JSON); ShoalDB's snapshot: ` +
      `${(shoal.snapshotBytes / 1e6).toFixed(1)} MB zstd of a ${(shoal.rawBodyBytes / 1e6).toFixed(1)} MB raw body ` +
      `(${(shoal.rawBodyBytes / shoal.snapshotBytes).toFixed(2)}× smaller). Origin storage growth while building ` +
      `(navigator.storage.estimate): ${COLUMNS.filter((e) => !e.shares)
        .map((e) => `${e.label} ${(built[e.id].usageBytes / 1e6).toFixed(1)} MB`)
        .join(", ")}.`,
    `Of ShoalDB's open, reading the files (the adapter's load()) took ` +
      COLUMNS.filter((e) => loads[e.id])
        .map((e) => `${median(loads[e.id]).toFixed(0)} ms (${e.label})`)
        .join(", ") +
      "; the rest is the engine decoding the snapshot and replaying the tail.",
    `Medians of ${OPEN_ROUNDS} rounds (open) and of ${WRITE_ROUNDS} rounds of ${WRITE_MS} ms per engine and mode ` +
      "(writes); " +
      "the engines' order rotates each round. (×): ShoalDB against the best peer on the row, > 1 is better.",
  );
  return lines.join("\n");
}
