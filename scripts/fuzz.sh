#!/usr/bin/env bash
# Runs the libFuzzer targets of fuzz/ (built by scripts/build.sh into build/asan), one after
# the other, each for a bounded time over its committed seed corpus:
#   scripts/fuzz.sh [seconds per target] [target ...]
# Seconds default to $SHOAL_FUZZ_SECONDS, else 20; targets to all of them. Inputs that find new
# paths go to build/asan/fuzz/corpus/<target>/ (the committed seeds in fuzz/corpus/ stay as
# they are); a crash, leak, timeout or broken property leaves its input in
# build/asan/fuzz/crashes/ and fails the script. For hours-long runs see fuzz/README.md.
# The test suite fuzzes from a fixed seed (SHOAL_FUZZ_SEED, default 1) so that a run explores the
# same way each time and a failure in CI can be replayed; SHOAL_FUZZ_SEED=0 picks a random seed.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH=${1:-${SHOAL_FUZZ_SECONDS:-20}}
[ $# -gt 0 ] && shift
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(fuzz_wire_json fuzz_request fuzz_expression fuzz_partiql fuzz_storage)
BIN=build/asan/fuzz
declare -A DICT=([fuzz_wire_json]=json [fuzz_request]=json [fuzz_expression]=expression [fuzz_partiql]=partiql)
export UBSAN_OPTIONS=print_stacktrace=1

mkdir -p "$BIN/crashes"
for t in "${TARGETS[@]}"; do
  mkdir -p "$BIN/corpus/$t"
  args=(-max_total_time="$SECONDS_EACH" -seed="${SHOAL_FUZZ_SEED:-1}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
        -artifact_prefix="$BIN/crashes/$t-")
  [ -n "${DICT[$t]:-}" ] && args+=(-dict="fuzz/dict/${DICT[$t]}.dict")
  if ! "$BIN/$t" "${args[@]}" "$BIN/corpus/$t" "fuzz/corpus/$t" >"$BIN/$t.log" 2>&1; then
    tail -n 60 "$BIN/$t.log"
    echo "fuzz: $t failed; its input is in $BIN/crashes/ (log: $BIN/$t.log)" >&2
    exit 1
  fi
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$BIN/$t.log")
  cov=$(grep -o 'cov: [0-9]*' "$BIN/$t.log" | tail -n 1)
  echo "fuzz: $t ok, ${SECONDS_EACH}s, $runs inputs, $cov"
done
