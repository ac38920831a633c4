#!/usr/bin/env bash
# Builds the test-only package the browser tests of trap recovery load
# (tests/e2e/recovery.test.mjs): the same module, glue and element as
# scripts/package.sh, with the cargo feature `test-panic`, whose exports
# panic on purpose (src/wasm/test_panic.rs), into target/pkg-test-panic/.
# The shipped pkg/ never has them. No wasm-opt: the tests need the same code,
# not the same bytes, and it saves a minute.
#
#   scripts/package-test.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

wasm-pack build --mode no-install --target web --release --no-opt --out-dir target/pkg-test-panic -- --features test-panic
node scripts/package-element.mjs target/pkg-test-panic
