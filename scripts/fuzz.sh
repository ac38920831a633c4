#!/usr/bin/env bash
# Runs every fuzz target (fuzz/fuzz_targets/*.rs, libFuzzer via cargo-fuzz)
# for a bounded time each and prints the executions per target.
#
#   scripts/fuzz.sh [seconds] [target...]   default: 60 s per target, every target
#
# Installs the nightly toolchain and cargo-fuzz if missing (skipped when
# present). Each target starts from its committed corpus (fuzz/corpus/<t>/)
# and the seeds that fuzz/seed.py writes from the sample data, policies and
# scorecard docs; new inputs go to fuzz/work/<t>/ and crashes to
# fuzz/artifacts/<t>/ (both git-ignored). With FUZZ_UPDATE_CORPUS=1 the
# committed corpus is replaced by a minimised merge (cargo fuzz cmin).
# Exits non-zero if any target found a crash, a leak or a timeout.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
seconds="${1:-60}"
shift || true

rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(ls fuzz/fuzz_targets | sed 's/\.rs$//')
fi
python3 fuzz/seed.py >/dev/null
cargo +nightly fuzz build -O || exit 1

failed=0
report=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/work/$t" "fuzz/corpus/$t" "fuzz/artifacts/$t"
  log="fuzz/work/$t.log"
  echo "=== $t (${seconds}s)"
  cargo +nightly fuzz run -O "$t" "fuzz/work/$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$seconds" -timeout=10 -max_len=20000 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="fuzz/artifacts/$t/" >"$log" 2>&1
  status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' | tail -1)
  verdict=ok
  if [ "$status" -ne 0 ]; then
    verdict="FAILED (see $log and fuzz/artifacts/$t/)"
    failed=1
    grep -m1 -E 'panicked at|ERROR: libFuzzer|SUMMARY' "$log" || true
  fi
  report+=("$(printf '%-28s %12s executions  %s' "$t" "${runs:-?}" "$verdict")")
  if [ "${FUZZ_UPDATE_CORPUS:-0}" = 1 ] && [ "$status" -eq 0 ]; then
    rm -rf "fuzz/work/$t.min" && mkdir -p "fuzz/work/$t.min"
    cargo +nightly fuzz run -O "$t" "fuzz/work/$t.min" "fuzz/corpus/$t" "fuzz/work/$t" "fuzz/seeds/$t" -- \
      -merge=1 -max_len=20000 >/dev/null 2>&1 &&
      rm -rf "fuzz/corpus/$t" && mv "fuzz/work/$t.min" "fuzz/corpus/$t"
  fi
done
echo
echo "=== fuzz summary (${seconds}s per target)"
printf '%s\n' "${report[@]}"
exit "$failed"
