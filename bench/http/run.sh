#!/usr/bin/env bash
# HTTP benchmark (issues 3 and 4): ShoalDB's endpoint against dynalite (npm) and a canned-response
# Node server (the ceiling of Node's HTTP path), on one seeded workload: 20,000 ~200-byte items
# loaded with BatchWriteItem, then timed phases (BatchWriteItem, GetItem, PutItem, UpdateItem,
# Query, Scan, GSI Query, BatchGetItem, TransactWriteItems) driven by wrk over pre-generated
# request bodies, 16 keep-alive connections, servers and wrk pinned to different cores; ROUNDS
# interleaved rounds, medians and ratios. Then the same phases in-process (wasm engine, no HTTP).
# Results: stdout, and build/bench/http/results.md. A full run takes about 5 minutes.
# Environment: ROUNDS (default 3), DURATION seconds per wrk run (default 3), MIN_SECONDS per
# in-process run (default 1), BENCH_PORT (first of three ports, default 18470).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
OUT=$ROOT/build/bench/http
command -v wrk >/dev/null || { echo "bench/http: wrk missing; run scripts/setup.sh" >&2; exit 1; }
[ -f "$ROOT/node_modules/dynalite/cli.js" ] || { echo "bench/http: dynalite missing; run npm ci" >&2; exit 1; }
[ -f "$ROOT/js/dist/shoal-engine.wasm" ] || { echo "bench/http: engine not built; run scripts/build.sh" >&2; exit 1; }
mkdir -p "$OUT"
echo "bench/http: load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
node generate.mjs "$OUT/bodies"
node drive.mjs "$OUT"
# The in-process run on the core the servers used.
if [ "$(nproc)" -ge 2 ]; then taskset -c 1 node in-process.mjs "$OUT"; else node in-process.mjs "$OUT"; fi
node report.mjs "$OUT"
