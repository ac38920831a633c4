#!/usr/bin/env bash
# The full soak test (tests/e2e/soak.test.mjs with SOAK=full): the
# <sla-scorecard> element in headless Chromium through 100 loads of a 10 MB
# file, 1,000 what-ifs and 100 re-renders with theme and period changes,
# WebAssembly memory and JS heap sampled throughout and printed as a table;
# fails when either grows by more than 10 % after warm-up. scripts/test.sh
# runs the short variant (the same test without SOAK=full). Expects pkg/
# (scripts/package.sh) and the tools of scripts/setup.sh.
#
#   scripts/soak.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SOAK=full node --test --test-reporter=spec tests/e2e/soak.test.mjs
