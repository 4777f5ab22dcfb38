#!/usr/bin/env bash
# JSON library benchmark (issue 2: the wire JSON library is chosen after measuring).
#   1. speed, native: json_bench.cc built with g++ -O3 against Debian's rapidjson-dev,
#      nlohmann-json3-dev and libsimdjson-dev;
#   2. speed, WebAssembly: the same json_bench.cc built with em++ -O3 -fwasm-exceptions, run under
#      Node (where the engine really runs; simdjson has no wasm SIMD kernel and uses its fallback);
#   3. size: a minimal "parse a PutItem and print it back" program per library (wasm_size/), em++
#      -O3 -fwasm-exceptions, .wasm bytes raw and gzipped.
# simdjson's wasm builds need its amalgamated .cpp, which Debian ships only in the source package
# (`apt-get source simdjson`, kept under build/deps/simdjson like zstd's).
# Results: stdout, and build/bench/json/results.md.
# Environment: ROUNDS (default 7), MIN_SECONDS per measurement (default 0.15), SKIP_WASM=1.
set -euo pipefail
cd "$(dirname "$0")"
HERE=$PWD
ROOT=$(cd ../.. && pwd)
OUT=$ROOT/build/bench/json
ROUNDS=${ROUNDS:-7}
MIN_SECONDS=${MIN_SECONDS:-0.15}
CORES=$(nproc)
export NODE_PATH=/usr/share/nodejs  # Debian's emcc needs acorn from here
mkdir -p "$OUT"
# emcc's default output is a CommonJS script; the repo's package.json says "type": "module".
echo '{"type": "commonjs"}' > "$OUT/package.json"
RESULTS=$OUT/results.md
: > "$RESULTS"
say() { printf '%s\n' "$*" | tee -a "$RESULTS"; }

for h in /usr/include/rapidjson/document.h /usr/include/nlohmann/json.hpp /usr/include/simdjson.h; do
  [ -f "$h" ] || { echo "bench/json: $h missing; run scripts/setup.sh (rapidjson-dev nlohmann-json3-dev libsimdjson-dev)" >&2; exit 1; }
done

# ---- simdjson sources for the wasm builds ----
SJ=$ROOT/build/deps/simdjson
SJ_WHY=""
if [ ! -f "$SJ/singleheader/simdjson.cpp" ]; then
  tmp=$(mktemp -d)
  chmod 755 "$tmp"  # apt's sandbox user downloads into it
  if (cd "$tmp" && apt-get source --download-only simdjson >/dev/null 2>&1 &&
      dpkg-source -x --no-check simdjson_*.dsc src >/dev/null 2>&1); then
    mkdir -p "$ROOT/build/deps"
    rm -rf "$SJ"
    mv "$tmp/src" "$SJ"
  else
    SJ_WHY="simdjson not measured in wasm: 'apt-get source simdjson' failed (needs a deb-src line, which scripts/setup.sh adds)"
  fi
  rm -rf "$tmp"
fi

# Private include dirs for emcc (its sysroot does not see /usr/include): one library each.
INC=$OUT/include
rm -rf "$INC"
mkdir -p "$INC/none" "$INC/rapidjson" "$INC/nlohmann" "$INC/simdjson" "$INC/all"
ln -s /usr/include/rapidjson "$INC/rapidjson/rapidjson"
ln -s /usr/include/nlohmann "$INC/nlohmann/nlohmann"
ln -s /usr/include/rapidjson "$INC/all/rapidjson"
ln -s /usr/include/nlohmann "$INC/all/nlohmann"
if [ -z "$SJ_WHY" ]; then
  ln -s "$SJ/singleheader/simdjson.h" "$INC/simdjson/simdjson.h"
  ln -s "$SJ/singleheader/simdjson.h" "$INC/all/simdjson.h"
fi

newer() {  # newer TARGET SRC...: true when TARGET is missing or older than a SRC
  local t=$1; shift
  [ -f "$t" ] || return 0
  for s in "$@"; do [ "$s" -nt "$t" ] && return 0; done
  return 1
}

# ---- 1. native speed ----
if newer "$OUT/json_bench" json_bench.cc workload.h sj_writer.h; then
  echo "bench/json: compiling native benchmark"
  g++ -std=c++17 -O3 -DNDEBUG -Wall -Wextra -o "$OUT/json_bench" json_bench.cc -lsimdjson
fi
say "### Native"
say ""
say "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $CORES cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'))"
say ""
"$OUT/json_bench" "$ROUNDS" "$MIN_SECONDS" "$CORES" | tee -a "$RESULTS"

if [ "${SKIP_WASM:-0}" = 1 ]; then exit 0; fi
EMXX_FLAGS=(-std=c++17 -O3 -DNDEBUG -fwasm-exceptions -Wno-#pragma-messages)  # simdjson warns about 32-bit wasm

# ---- 2. WebAssembly speed ----
say ""
say "### WebAssembly (Node $(node --version))"
say ""
if [ -n "$SJ_WHY" ]; then
  say "not measured: $SJ_WHY"
else
  if newer "$OUT/wasm/json_bench.wasm" json_bench.cc workload.h sj_writer.h "$SJ/singleheader/simdjson.cpp"; then
    echo "bench/json: compiling wasm benchmark (em++, ~1 min)"
    mkdir -p "$OUT/wasm"
    em++ "${EMXX_FLAGS[@]}" -sALLOW_MEMORY_GROWTH=1 -isystem "$INC/all" json_bench.cc "$SJ/singleheader/simdjson.cpp" \
      -o "$OUT/wasm/json_bench.js"
  fi
  say "Load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
  say ""
  # --no-experimental-fetch: Node 20's fetch cannot load the .wasm from a file path.
  node --no-experimental-fetch "$OUT/wasm/json_bench.js" "$ROUNDS" "$MIN_SECONDS" "$CORES" | tee -a "$RESULTS"
fi

# ---- 3. WebAssembly size ----
say ""
say "### WebAssembly size: parse one PutItem and print it back (em++ -O3 -fwasm-exceptions)"
say ""
say "| library | .wasm bytes | gzipped (-9) | gzipped, over the no-library baseline |"
say "|---|---:|---:|---:|"
mkdir -p "$OUT/size"
base_gz=""
for lib in none rapidjson nlohmann simdjson simdjson_rapidjson_writer; do
  srcs=("wasm_size/$lib.cc")
  inc=(-isystem "$INC/$lib")
  case $lib in
    simdjson*)
      if [ -n "$SJ_WHY" ]; then say "| $lib | not measured | | $SJ_WHY |"; continue; fi
      srcs+=("$SJ/singleheader/simdjson.cpp")
      ;;
  esac
  # simdjson parse + RapidJSON Writer sees both libraries' headers.
  [ "$lib" = simdjson_rapidjson_writer ] && inc=(-isystem "$INC/simdjson" -isystem "$INC/rapidjson")
  if newer "$OUT/size/$lib.wasm" "${srcs[@]}" wasm_size/sample_putitem.h sj_writer.h; then
    em++ "${EMXX_FLAGS[@]}" "${inc[@]}" "${srcs[@]}" -o "$OUT/size/$lib.js"
  fi
  # It must run and print the same JSON value it parsed.
  node --no-experimental-fetch "$OUT/size/$lib.js" > "$OUT/size/$lib.out"
  if [ "$lib" != none ]; then
    node -e '
      const fs = require("fs"), util = require("util");
      const a = JSON.parse(fs.readFileSync(process.argv[1], "utf8"));
      const b = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
      if (!util.isDeepStrictEqual(a, b)) { console.error("output differs from input: " + process.argv[2]); process.exit(1); }
    ' "$OUT/size/none.out" "$OUT/size/$lib.out"
  fi
  raw=$(stat -c %s "$OUT/size/$lib.wasm")
  gz=$(gzip -9 -n -c "$OUT/size/$lib.wasm" | wc -c)
  if [ "$lib" = none ]; then
    base_gz=$gz
    say "| (no library: prints the text as is) | $raw | $gz | baseline |"
  else
    name=$lib
    [ "$lib" = simdjson_rapidjson_writer ] && name="simdjson parse + RapidJSON Writer"
    say "| $name | $raw | $gz | +$((gz - base_gz)) |"
  fi
done
say ""
say "Each size program printed a JSON value equal to its input (checked with Node)."
echo "bench/json: results in ${RESULTS#"$ROOT"/}"
