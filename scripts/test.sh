#!/usr/bin/env bash
# Runs every test: native core (Catch2 via CTest), the JS package against the wasm engine, the
# package in headless Chromium (web-test/), then in workerd, Deno and a Vite build (edge-test/).
set -euo pipefail
cd "$(dirname "$0")/.."
ctest --test-dir build/native --output-on-failure -j "$(nproc)"
npm test --workspace js
npm test --workspace web-test
npm test --workspace edge-test
