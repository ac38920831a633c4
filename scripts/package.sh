#!/usr/bin/env bash
# Builds what a portal ships into pkg/ (git-ignored): the wasm module and its
# JS glue (wasm-pack, release), then the <sla-scorecard> element bundled and
# minified beside them (scripts/package-element.mjs). Expects the tools of
# scripts/setup.sh (wasm-bindgen, wasm-pack, wasm-opt, node_modules).
#
#   scripts/package.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# no-install: use the wasm-bindgen and wasm-opt set up by scripts/setup.sh, never download.
wasm-pack build --mode no-install --target web --release
node scripts/package-element.mjs
