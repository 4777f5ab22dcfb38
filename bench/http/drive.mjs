// Runs the HTTP benchmark: starts the three peers pinned to one core, prepares each (table, load,
// answer checks), then for ROUNDS rounds runs every phase against every peer in turn (the peers'
// order rotates each round) with wrk pinned to the other core, 16 keep-alive connections, and
// appends one JSON line per run to OUT/runs.jsonl. report.mjs turns that into the table.
// Usage: node drive.mjs OUT   (environment: ROUNDS, DURATION seconds per run, BENCH_PORT)
import { execFileSync, spawn } from "node:child_process";
import { appendFileSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PHASES, slug } from "./workload.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "../..");
const out = process.argv[2];
const rounds = Number(process.env.ROUNDS ?? 3);
const duration = Number(process.env.DURATION ?? 3);
const basePort = Number(process.env.BENCH_PORT ?? 18470);
const CONNECTIONS = 16;
// Two cores or more: the servers on one, wrk (and this script, which idles meanwhile) on another.
const twoCores = Number(execFileSync("nproc").toString()) >= 2;
const pin = (cpu, command) =>
  twoCores ? ["taskset", ["-c", String(cpu), ...command]] : [command[0], command.slice(1)];
const SERVER_CPU = 1;
const CLIENT_CPU = 0;

const PEERS = [
  { name: "ShoalDB", command: ["node", join(root, "js/bin/shoaldb.js"), "serve", "--port"] },
  {
    name: "dynalite",
    command: ["node", join(root, "node_modules/dynalite/cli.js"), "--host", "127.0.0.1", "--createTableMs", "0",
      "--updateTableMs", "0", "--deleteTableMs", "0", "--port"],
  },
  { name: "canned", command: ["node", join(here, "canned-server.mjs")], canned: true },
];

const children = [];
function stopAll() {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
}
process.on("exit", stopAll);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(1));

function waitForPort(port) {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 20000;
    const attempt = () => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.end();
        resolve();
      });
      socket.once("error", () => {
        if (Date.now() > deadline) reject(new Error(`nothing listens on ${port}`));
        else setTimeout(attempt, 100);
      });
    };
    attempt();
  });
}

function resultLine(text, what) {
  const line = text.split("\n").find((l) => l.startsWith("RESULT "));
  if (!line) throw new Error(`${what}: no RESULT line in\n${text}`);
  return JSON.parse(line.slice("RESULT ".length));
}

const runs = join(out, "runs.jsonl");
writeFileSync(runs, "");
const record = (entry) => appendFileSync(runs, JSON.stringify(entry) + "\n");

for (const [n, peer] of PEERS.entries()) {
  peer.port = basePort + n;
  peer.url = `http://127.0.0.1:${peer.port}/`;
  const [file, args] = pin(SERVER_CPU, [...peer.command, String(peer.port)]);
  const child = spawn(file, args, { stdio: ["ignore", "ignore", "inherit"] });
  children.push(child);
  child.on("exit", (code) => {
    if (code !== null && code !== 0) console.error(`bench/http: ${peer.name} exited with ${code}`);
  });
}
for (const peer of PEERS) {
  await waitForPort(peer.port);
  const prepared = resultLine(
    execFileSync("node", [join(here, "prepare.mjs"), peer.url, ...(peer.canned ? ["--canned"] : [])], {
      stdio: ["ignore", "pipe", "inherit"],
    }).toString(),
    `prepare ${peer.name}`,
  );
  peer.phases = prepared.phases;
  record({ kind: "prepare", peer: peer.name, ...prepared });
  console.log(`bench/http: ${peer.name} loaded 20,000 items in ${prepared.load_s.toFixed(2)} s; ` +
    Object.entries(prepared.phases).map(([k, v]) => `${k}: ${v}`).join(", "));
}

for (let round = 0; round < rounds; round++) {
  for (const phase of PHASES) {
    const bodies = join(out, "bodies", `${slug(phase)}.bodies`);
    for (let k = 0; k < PEERS.length; k++) {
      const peer = PEERS[(k + round) % PEERS.length];
      if (peer.phases[phase.name] === "unsupported") continue;
      const [file, args] = pin(CLIENT_CPU, [
        "wrk", "-t1", `-c${CONNECTIONS}`, `-d${duration}s`, "--timeout", "10s", "-s", join(here, "wrk-phase.lua"),
        peer.url, "--", phase.operation, bodies, String(round * 7919),
      ]);
      const result = resultLine(execFileSync(file, args, { stdio: ["ignore", "pipe", "inherit"] }).toString(),
        `wrk ${peer.name} ${phase.name}`);
      const errors = Object.values(result.errors).reduce((a, b) => a + b, 0);
      if (errors > 0) throw new Error(`${peer.name} ${phase.name}: ${JSON.stringify(result.errors)}`);
      const opsPerSecond = result.requests / (result.duration_us / 1e6);
      record({ kind: "http", round, phase: phase.name, peer: peer.name, ops_s: opsPerSecond, ...result });
      console.log(`round ${round + 1}/${rounds} ${phase.name.padEnd(32)} ${peer.name.padEnd(9)} ` +
        `${opsPerSecond.toFixed(0).padStart(7)} ops/s  p50 ${(result.p50_us / 1000).toFixed(2)} ms  ` +
        `p99 ${(result.p99_us / 1000).toFixed(2)} ms`);
    }
  }
}
stopAll();
