#!/usr/bin/env bash
# Builds the native core (tests) and the WebAssembly engine (js/dist/). Incremental.
set -euo pipefail
cd "$(dirname "$0")/.."
export NODE_PATH=/usr/share/nodejs  # Debian's emcc needs acorn from here
JOBS=${JOBS:-$(nproc)}

cmake -S . -B build/native -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build/native -j "$JOBS"

if [ "${SHOAL_SKIP_WASM:-0}" != 1 ]; then
  emcmake cmake -S . -B build/wasm -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/wasm -j "$JOBS"
fi
