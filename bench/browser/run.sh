#!/usr/bin/env bash
# Browser benchmark (issue 7), in Debian's headless Chromium: one seeded workload (bulk insert of
# 20,000 items, point gets, range and secondary-index queries of 50, read-modify-write updates,
# read all, close + reopen + read back) for ShoalDB and its peers on matching storage: memory
# (PGlite, SQLite wasm, RxDB's memory storage), IndexedDB (Dexie, PGlite idb://) and OPFS (SQLite
# wasm's SAH-pool VFS). Each run in a fresh dedicated worker; every answer checked; rounds
# interleaved with the order rotated; medians and ShoalDB ÷ best peer. Results: stdout and
# build/bench/browser/results.md. About 8 minutes (PGlite is the slow part).
# Environment: ROUNDS (default 3); quick looks: ONLY=shoaldb,sqlite (system ids in run.mjs),
# STORAGE=memory,indexeddb,opfs; DEBUG=1 prints each phase as it ends.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
[ -x /usr/bin/chromium ] || { echo "bench/browser: /usr/bin/chromium missing; run scripts/setup.sh" >&2; exit 1; }
for pkg in playwright-core esbuild dexie @electric-sql/pglite @sqlite.org/sqlite-wasm rxdb; do
  [ -d "$ROOT/node_modules/$pkg" ] || { echo "bench/browser: $pkg missing; run npm ci" >&2; exit 1; }
done
if [ ! -f "$ROOT/js/dist/shoal-engine.wasm" ]; then
  echo "bench/browser: engine not built; run scripts/build.sh" >&2
  exit 1
fi
echo "bench/browser: load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
node run.mjs "$ROOT/build/bench/browser"
