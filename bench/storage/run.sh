#!/usr/bin/env bash
# Storage benchmark (issue 5), in Debian's headless Chromium: ShoalDB on OPFS and IndexedDB against
# Dexie (IndexedDB), PGlite (idb://) and the official SQLite wasm build (OPFS SAH-pool VFS) on the
# same 100,000 items: open time of the database (snapshot + log tail), durable write throughput in
# strict and relaxed modes, stored size. One page, one run; interleaved rounds; medians and ratios.
# Results: stdout and build/bench/storage/results.md. A run takes 15-25 minutes (PGlite builds its
# databases slowly); ONLY=shoal-opfs,sqlite (column ids in run.mjs) and ITEMS=... make quick looks.
# Environment: ITEMS (default 100000), TAIL (1000), OPEN_ROUNDS (3), WRITE_ROUNDS (3), WRITE_MS (2000).
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(cd ../.. && pwd)
[ -x /usr/bin/chromium ] || { echo "bench/storage: /usr/bin/chromium missing; run scripts/setup.sh" >&2; exit 1; }
for pkg in playwright-core dexie @electric-sql/pglite @sqlite.org/sqlite-wasm; do
  [ -d "$ROOT/node_modules/$pkg" ] || { echo "bench/storage: $pkg missing; run npm ci" >&2; exit 1; }
done
[ -f "$ROOT/js/dist/shoal-engine.wasm" ] || { echo "bench/storage: engine not built; run scripts/build.sh" >&2; exit 1; }
echo "bench/storage: load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
node run.mjs "$ROOT/build/bench/storage"
