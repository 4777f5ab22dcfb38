// Crash safety of storage "fs": a child process writes and is killed with SIGKILL at random
// moments (while opening, writing, checkpointing), hundreds of times. After each kill the folder
// opens, every write acknowledged under strict durability is there, and no transaction is half
// applied. SHOAL_CRASH_ITERATIONS changes the count (default 200).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { ShoalDB } from "../src/index.node.js";

const ITERATIONS = Number(process.env.SHOAL_CRASH_ITERATIONS ?? 200);
const WRITER = new URL("./storage/crash-writer.js", import.meta.url).pathname;

// Random but repeatable: a failure names its seed.
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Runs the writer and kills it: `duringOpen`, `delayMs` after it started (often while it opens
// and recovers); otherwise `delayMs` after its `afterAcks`-th acknowledged write, so that it is
// killed mid-write, whatever the machine's load. Resolves with the ids it acknowledged.
function runAndKill(dir, prefix, durability, { duringOpen, afterAcks, delayMs }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [WRITER, dir, prefix, durability], { stdio: ["ignore", "pipe", "pipe"] });
    const acked = [];
    let buffered = "";
    let stderr = "";
    let timer = null;
    const kill = () => {
      timer = setTimeout(() => child.kill("SIGKILL"), delayMs);
    };
    if (duringOpen) kill();
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      buffered += chunk;
      let newline;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, newline);
        buffered = buffered.slice(newline + 1);
        if (line.startsWith("ack ")) {
          acked.push(line.split(" ").slice(2));
          if (!duringOpen && timer === null && acked.length >= afterAcks) kill();
        }
      }
    });
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (signal !== "SIGKILL") reject(new Error(`writer exited by itself (code ${code}): ${stderr}`));
      else resolve(acked);
    });
  });
}

test(`storage "fs" keeps every acknowledged write through ${ITERATIONS} SIGKILLs`, { timeout: 30 * 60_000 }, async () => {
  const dir = await mkdtemp(join(tmpdir(), "shoaldb-crash-"));
  const seed = Number(process.env.SHOAL_CRASH_SEED ?? Date.now() % 1_000_000);
  const random = rng(seed);
  const mustHave = new Set(); // acknowledged under strict durability
  let kills = 0;
  let relaxedAcked = 0;
  try {
    for (let i = 0; i < ITERATIONS; i += 1) {
      const durability = i % 4 === 3 ? "relaxed" : "strict";
      const duringOpen = random() < 0.2;
      const afterAcks = 1 + Math.floor(random() * 30);
      const delayMs = Math.floor(random() * (duringOpen ? 300 : 15));
      const acked = await runAndKill(dir, `c${i}`, durability, { duringOpen, afterAcks, delayMs });
      kills += 1;
      for (const ids of acked) {
        if (durability === "strict") for (const id of ids) mustHave.add(id);
        else relaxedAcked += ids.length;
      }

      // Every 10th kill (and the last), open here and check everything; otherwise the next writer
      // opens the folder itself, crash after crash.
      if (i % 10 !== 9 && i !== ITERATIONS - 1) continue;
      const db = await ShoalDB.open({ storage: "fs", path: dir });
      const present = new Set();
      const pairs = new Map();
      let ExclusiveStartKey;
      do {
        const page = await db.scan({ TableName: "crash", ExclusiveStartKey });
        for (const item of page.Items) {
          present.add(item.id);
          if (item.pair) pairs.set(item.pair, (pairs.get(item.pair) ?? 0) + 1);
        }
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      for (const id of mustHave) assert.ok(present.has(id), `seed ${seed}, kill ${i}: acknowledged ${id} is missing`);
      for (const [pair, count] of pairs) assert.equal(count, 2, `seed ${seed}: transaction ${pair} is half applied`);
      await db.close();
    }
    assert.equal(kills, ITERATIONS);
    assert.ok(mustHave.size > ITERATIONS, `too few writes were acknowledged to prove anything (${mustHave.size})`);
    console.log(`# ${kills} kills (seed ${seed}): ${mustHave.size} strict writes all present, ${relaxedAcked} relaxed`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
