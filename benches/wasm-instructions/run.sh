#!/usr/bin/env bash
# Instructions per operation of two builds of the package, in Node under
# cachegrind: what a wasm build change costs or saves, free of the wall-clock
# noise of a shared machine (the counts repeat within about ±1 %; docs/size.md).
# Each figure is (instructions with 8 runs − with 0) / 8, in thousands.
#
#   benches/wasm-instructions/run.sh PKG_A PKG_B [ops…]
#
# Needs valgrind, node and the release CLI (target/release/sla-scorecard,
# `cargo build --release`), which generates the data: 10,000 flat tickets
# and an event log of 2,000 tickets (seed 1).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/../.."
a=$1 b=$2; shift 2
ops=("$@"); [ ${#ops[@]} -gt 0 ] || ops=(flat-load events-load report sla events-report)
data="$root/target/wasm-instructions"
mkdir -p "$data"
cli="$root/target/release/sla-scorecard"
[ -s "$data/tickets.csv" ] || "$cli" generate --tickets 10000 --seed 1 > "$data/tickets.csv"
[ -s "$data/events.csv" ] || "$cli" generate --tickets 2000 --seed 1 --form events > "$data/events.csv"

count() { # PKG OP N -> instructions
  valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    node --single-threaded --no-liftoff --no-wasm-tier-up "$here/one.mjs" "$1" "$2" "$3" "$data" 2>&1 \
    | awk '/I *refs/ { gsub(",", "", $NF); print $NF }'
}
printf '%-14s %14s %14s %8s\n' operation "A (k instr)" "B (k instr)" "B/A"
for op in "${ops[@]}"; do
  fa=$(( ($(count "$a" "$op" 8) - $(count "$a" "$op" 0)) / 8000 ))
  fb=$(( ($(count "$b" "$op" 8) - $(count "$b" "$op" 0)) / 8000 ))
  printf '%-14s %14d %14d %8s\n' "$op" "$fa" "$fb" "$(awk -v a="$fa" -v b="$fb" 'BEGIN { printf "%.3f", b / a }')"
done
