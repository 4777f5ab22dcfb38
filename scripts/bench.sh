#!/usr/bin/env bash
# Runs every benchmark under bench/ in turn: each bench/<name>/run.sh. `npm run bench` calls it
# after setup and build. A failing benchmark does not stop the others; the exit status reports it.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
found=0
for run in bench/*/run.sh; do
  [ -f "$run" ] || continue
  found=1
  echo "=== $run"
  if ! bash "$run"; then
    echo "bench: $run failed" >&2
    status=1
  fi
done
[ $found = 1 ] || echo "bench: no benchmarks under bench/"
exit $status
