#!/usr/bin/env bash
# Sync benchmarks: the merge step against Automerge, and convergence over the hub (ShoalDB only).
set -euo pipefail
cd "$(dirname "$0")/../.."
node bench/sync/merge.mjs
node bench/sync/converge.mjs
