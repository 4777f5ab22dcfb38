#!/usr/bin/env bash
# Runs every test: native core (Catch2 via CTest; again under ASan + UBSan, then the fuzz
# targets for a bounded time), the JS package against the wasm engine, the
# package in headless Chromium (web-test/), then in workerd, Deno and a Vite build (edge-test/).
set -euo pipefail
cd "$(dirname "$0")/.."
ctest --test-dir build/native --output-on-failure -j "$(nproc)"
# The same core tests under AddressSanitizer + UndefinedBehaviorSanitizer, then each libFuzzer
# target for SHOAL_FUZZ_SECONDS (default 20; 0 skips) over its seed corpus (fuzz/README.md).
if [ "${SHOAL_SKIP_SANITIZE:-0}" != 1 ]; then
  UBSAN_OPTIONS=print_stacktrace=1 ctest --test-dir build/asan --output-on-failure -j "$(nproc)"
  [ "${SHOAL_FUZZ_SECONDS:-20}" = 0 ] || bash scripts/fuzz.sh
fi
npm test --workspace js
npm test --workspace web-test
npm test --workspace edge-test
