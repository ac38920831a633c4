#!/usr/bin/env bash
# The test command: installs what the tests need (scripts/setup.sh, skipping
# what is there), then runs every suite and exits non-zero if any fails.
#
#   1. native      cargo fmt --check (every workspace member), clippy's no-unwrap rule (native
#                  and wasm32), cargo test (all targets) and the doc tests
#   2. datafusion  the DataFusion member (datafusion/): its tests and doc tests
#   3. wasm        wasm-bindgen-test suites (tests/wasm_*.rs) in headless Chromium
#   4. js          node --test tests/js/*.test.mjs: JavaScript modules, no browser
#   5. package     scripts/package.sh: wasm-pack build --release, element minified (pkg/)
#   6. size        scripts/check-size.sh: pkg/ (.wasm, JS glue, element), gzip, <= 320 KiB (327,680 B)
#   7. pkg-test    scripts/package-test.sh: the test-only package with panics on purpose (target/pkg-test-panic/)
#   8. e2e         node --test tests/e2e/*.test.mjs: the demo page in headless Chromium
#
# All suites run even when one fails; the summary gives the count per suite.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
started=$SECONDS

# shellcheck source=scripts/setup.sh
source scripts/setup.sh || { echo "setup failed" >&2; exit 1; }
setup_seconds=$((SECONDS - started))

logs="$(mktemp -d)"
trap 'rm -rf "$logs"' EXIT
summary=()
failed_suites=0
total_passed=0
total_failed=0

# Sums cargo's "test result: ... N passed; M failed" lines of a log.
cargo_counts() {
  awk '/^test result:/ { for (i = 1; i <= NF; i++) { if ($(i) ~ /^passed;?$/) p += $(i-1); if ($(i) ~ /^failed;?$/) f += $(i-1) } }
       END { print p + 0, f + 0 }' "$1"
}
# Reads node's spec reporter totals ("ℹ pass N", "ℹ fail N").
node_counts() {
  awk '/^ℹ pass / { p = $3 } /^ℹ fail / { f = $3 } END { print p + 0, f + 0 }' "$1"
}

# run_suite NAME COUNTER COMMAND...: runs COMMAND with its output shown and
# logged, then records NAME's counts. COUNTER reads the log, or is "check"
# (the command is one test) or "step" (a build step: counted only if it fails).
run_suite() {
  local name="$1" counter="$2"
  shift 2
  local log="$logs/$name.log" t0=$SECONDS status
  echo
  echo "=== $name"
  "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  local passed failed
  if [ "$counter" = check ] || [ "$counter" = step ]; then
    if [ "$status" -ne 0 ]; then passed=0 failed=1
    elif [ "$counter" = check ]; then passed=1 failed=0
    else passed=0 failed=0
    fi
  else
    read -r passed failed < <("$counter" "$log")
    # A crash or a compile error fails the suite even if no test reported failing.
    if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
  fi
  record "$name" "$passed" "$failed" "$((SECONDS - t0))" "$status" "$counter"
}

record() { # name passed failed seconds status [counter]
  total_passed=$((total_passed + $2))
  total_failed=$((total_failed + $3))
  local verdict=ok
  if [ "$5" -ne 0 ]; then verdict=FAILED; failed_suites=$((failed_suites + 1)); fi
  if [ "${6:-}" = step ]; then
    summary+=("$(printf '%-10s %-25s %5ss  %s' "$1" "(build step)" "$4" "$verdict")")
  else
    summary+=("$(printf '%-10s %5d passed %4d failed %5ss  %s' "$1" "$2" "$3" "$4" "$verdict")")
  fi
}

native_tests() {
  cargo fmt --all --check &&
    cargo clippy --quiet --lib && cargo clippy --quiet --lib --target wasm32-unknown-unknown &&
    cargo test --all-targets && cargo test --doc
}

# The DataFusion member, outside the default members: plain cargo commands
# (the native suite's) never build it. A cold build compiles DataFusion
# (datafusion/Cargo.toml has the time it takes). Its no-unwrap rule is not
# checked here: clippy would compile DataFusion a second time, in check
# mode (5.8 min more from cold); run `cargo clippy -p
# sla-scorecard-datafusion --lib` after changing it.
datafusion_tests() {
  cargo test -p sla-scorecard-datafusion
}

# Browser tests of the wasm build. cargo runs each tests/wasm_*.rs through
# wasm-bindgen-test-runner, which drives Chromium via CHROMEDRIVER with the
# capabilities in webdriver.json. (Same runner as `wasm-pack test --headless
# --chrome`, but wasm-pack builds *every* test target for wasm32, and native-only
# tests, e.g. proptest or chrono-tz ones, do not compile there.) The features
# inspect-js adds a JS export that the shipped package leaves out for size
# (Cargo.toml): its tests run here all the same.
wasm_tests() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test --target wasm32-unknown-unknown --features inspect-js,partials-js --test 'wasm_*'
}

js_tests() {
  node --test --test-reporter=spec tests/js/*.test.mjs
}

e2e_tests() {
  node --test --test-reporter=spec tests/e2e/*.test.mjs
}

run_suite native cargo_counts native_tests
run_suite datafusion cargo_counts datafusion_tests
run_suite wasm cargo_counts wasm_tests
run_suite js node_counts js_tests
run_suite package step scripts/package.sh
if [ "${summary[-1]##* }" = ok ]; then
  run_suite size check scripts/check-size.sh
  run_suite pkg-test step scripts/package-test.sh
  run_suite e2e node_counts e2e_tests
else
  record size 0 1 0 1
  record e2e 0 1 0 1
  echo "package build failed: size check and e2e tests not run" >&2
fi

elapsed=$((SECONDS - started))
echo
echo "=== summary (setup ${setup_seconds}s, total $((elapsed / 60))m $((elapsed % 60))s)"
printf '%s\n' "${summary[@]}"
echo "Total: $total_passed passed, $total_failed failed"
if [ "$failed_suites" -ne 0 ]; then
  exit 1
fi
