#!/usr/bin/env bash
# The benchmarks: builds the release wasm package and the native CLI,
# generates the ticket data (seed 1), then runs the in-browser benchmark in
# headless Chromium (benches/browser/) and prints the table; writes the plot
# to docs/benchmarks.png. `--native` also runs `cargo bench` first. The
# flat files are `generate --tickets N`, the event logs `--form events`
# (`--events N` tickets, and 4,200 tickets ≈ 21k rows for the first-load
# case); docs/benchmarks.md describes every case.
#
#   ./scripts/bench.sh [--native] [--sizes 10000,100000,1000000] [--runs 5] [--events 100000]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

native=0
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --native) native=1; shift ;;
    --sizes|--runs|--events) args+=("$1" "$2"); shift 2 ;;
    *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
  esac
done
sizes=10000,100000,1000000
events=100000
for ((i = 0; i < ${#args[@]}; i += 2)); do
  [ "${args[i]}" = --sizes ] && sizes="${args[i + 1]}"
  [ "${args[i]}" = --events ] && events="${args[i + 1]}"
done

# shellcheck source=scripts/setup.sh
source scripts/setup.sh
scripts/package.sh >/dev/null 2>&1 || scripts/package.sh
cargo build --release --quiet --bin sla-scorecard
bin="${CARGO_TARGET_DIR:-$root/target}/release/sla-scorecard"

mkdir -p benches/browser/data
for n in ${sizes//,/ }; do
  "$bin" generate --tickets "$n" --seed 1 > "benches/browser/data/tickets-$n.csv"
done
for n in "$events" 4200; do
  "$bin" generate --tickets "$n" --seed 1 --form events > "benches/browser/data/events-$n.csv"
done

if [ "$native" = 1 ]; then
  cargo bench --quiet --bench native
fi
node benches/browser/run.mjs "${args[@]}"
