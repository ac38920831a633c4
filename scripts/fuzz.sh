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
# fuzz/artifacts/<t>/ (both git-ignored). Builds are optimised with debug
# assertions and overflow checks on (-O -a), so an overflow is a crash too,
# and without AddressSanitizer (-s none): the engine has no `unsafe` code,
# and the sanitizer slows every execution (docs/reliability.md).
#
# With FUZZ_UPDATE_CORPUS=1 the committed corpus of each target that ran
# clean is replaced by: the seeds, plus the FUZZ_CORPUS_KEEP (default 25)
# largest inputs of a merge on edge coverage (libFuzzer -merge=1
# -use_counters=0). A full merge keeps hundreds of files per target; the
# committed corpus is a regression suite (tests/fuzz_corpus.rs runs it in
# the native tests), so it is kept to a few hundred files in all.
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
cargo +nightly fuzz build -O -a -s none || exit 1

failed=0
report=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/work/$t" "fuzz/corpus/$t" "fuzz/artifacts/$t"
  log="fuzz/work/$t.log"
  echo "=== $t (${seconds}s)"
  cargo +nightly fuzz run -O -a -s none "$t" "fuzz/work/$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
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
    merged="fuzz/work/$t.merged"
    rm -rf "$merged" && mkdir -p "$merged"
    cargo +nightly fuzz run -O -a -s none "$t" "$merged" "fuzz/corpus/$t" "fuzz/work/$t" "fuzz/seeds/$t" -- \
      -merge=1 -use_counters=0 -use_value_profile=0 -max_len=20000 >"fuzz/work/$t.merge.log" 2>&1 || continue
    rm -rf "fuzz/corpus/$t" && mkdir -p "fuzz/corpus/$t"
    for f in "fuzz/seeds/$t"/*; do cp "$f" "fuzz/corpus/$t/seed-$(basename "$f")"; done
    # Crash reproducers already committed stay.
    git ls-files "fuzz/corpus/$t/crash-*" | xargs -r git checkout --
    ls -S "$merged" | head -n "${FUZZ_CORPUS_KEEP:-25}" | while read -r f; do cp "$merged/$f" "fuzz/corpus/$t/"; done
  fi
done
echo
echo "=== fuzz summary (${seconds}s per target)"
printf '%s\n' "${report[@]}"
exit "$failed"
