#!/usr/bin/env bash
# Builds the native core (tests) and the WebAssembly engine (js/dist/). Incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # Debian's emcc needs acorn from here
JOBS=${JOBS:-$(nproc)}

cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j "$JOBS"

# The sanitizer build (clang, ASan + UBSan, -O1): core_tests again and the libFuzzer targets of
# fuzz/, for scripts/test.sh. `npm start` only serves, so it skips this (as SHOAL_SKIP_SANITIZE=1 does).
if [ "${SHOAL_SKIP_SANITIZE:-0}" != 1 ] && [ "${npm_lifecycle_event:-}" != start ]; then
  cmake -S . -B build/asan -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
    -DSHOAL_SANITIZE=ON -DSHOAL_FUZZ=ON >/dev/null
  cmake --build build/asan -j "$JOBS"
fi

if [ "${SHOAL_SKIP_WASM:-0}" != 1 ]; then
  emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j "$JOBS"
fi
