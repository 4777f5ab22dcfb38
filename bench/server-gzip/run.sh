#!/usr/bin/env bash
# gzip on the HTTP endpoint: latency with and without it, by response size (see gzip.mjs).
set -euo pipefail
cd "$(dirname "$0")/../.."
node bench/server-gzip/gzip.mjs
