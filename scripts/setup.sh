#!/usr/bin/env bash
# Installs everything ShoalDB needs to build and test, from Debian's apt archive and the npm
# registry only. Idempotent and non-interactive: each step checks first and does nothing when
# its result is already there, so `npm start` / `npm test` can call it every time.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
export DEBIAN_FRONTEND=noninteractive
APT="apt-get -o DPkg::Lock::Timeout=600 -y -q"

# Debian packages: the toolchain (emscripten, cmake, g++), Catch2 v3 (bookworm-backports),
# RapidJSON (the wire JSON library, see README "Dependencies"), zstd (native), the aws CLI
# (for the CLI compatibility test), Chromium (browser tests) and wrk (the HTTP benchmark's load
# generator, bench/http), clang with libFuzzer and the sanitizer runtimes (libclang-rt-14-dev;
# build/asan, fuzz/) and llvm's llvm-symbolizer (readable sanitizer stack traces).
APT_PKGS=(emscripten cmake g++ make ninja-build pkg-config rapidjson-dev nlohmann-json3-dev libsimdjson-dev libzstd-dev zstd awscli chromium dpkg-dev wrk clang libclang-rt-14-dev llvm)
BACKPORT_PKGS=(libcatch2-dev)

missing=()
for p in "${APT_PKGS[@]}" "${BACKPORT_PKGS[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# libcatch2-dev must be v3 (bookworm ships v2); v3 provides catch2/catch_all.hpp.
[ -f /usr/include/catch2/catch_all.hpp ] || missing+=(libcatch2-dev)

need_sources=0
[ -d "$ROOT/build/deps/zstd/lib" ] || need_sources=1

if [ ${#missing[@]} -gt 0 ] || [ $need_sources = 1 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing Debian packages (${missing[*]}) and not root; install them first" >&2
    exit 1
  fi
  list=/etc/apt/sources.list.d/shoaldb.sources
  if [ ! -f "$list" ]; then
    cat > "$list" <<'SRC'
# Added by ShoalDB's scripts/setup.sh: Catch2 v3 from backports, and source packages (zstd's C
# sources for the WebAssembly build).
Types: deb deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  fi
  $APT update
fi

if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  $APT install --no-install-recommends "${APT_PKGS[@]}"
  $APT install --no-install-recommends -t bookworm-backports "${BACKPORT_PKGS[@]}"
fi

# zstd's C sources from Debian's source package: the same release as the native libzstd, so
# compressed bytes are identical in native and wasm builds.
if [ $need_sources = 1 ]; then
  mkdir -p "$ROOT/build/deps"
  tmp=$(mktemp -d)
  chmod 755 "$tmp"  # apt's sandbox user downloads into it
  # Debian names zstd's source package "libzstd".
  (cd "$tmp" && apt-get source --download-only libzstd >/dev/null && dpkg-source -x --no-check libzstd_*.dsc src >/dev/null)
  rm -rf "$ROOT/build/deps/zstd"
  mv "$tmp/src" "$ROOT/build/deps/zstd"
  rm -rf "$tmp"
fi

# JavaScript packages, pinned by the committed package-lock.json.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
echo "setup: ok"
