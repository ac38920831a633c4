#!/usr/bin/env bash
# The in-browser profile of the benchmark's path (CSV text → Dataset →
# report with policies) in headless Chromium: builds the release module with
# its function names kept into pkg/profile/, generates the data (seed 1),
# and prints the functions with the most self time for the load and the
# report (benches/browser/profile.mjs). Same optimisation as the package,
# only the name section is kept.
#
#   ./scripts/profile.sh [--tickets 100000] [--runs 3] [--top 25]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

args=("$@")
tickets=100000
for ((i = 0; i < ${#args[@]}; i++)); do
  if [ "${args[i]}" = --tickets ]; then tickets="${args[i + 1]}"; fi
done

set --  # setup.sh reads its own options from the positional parameters
# shellcheck source=scripts/setup.sh
source scripts/setup.sh
target="${CARGO_TARGET_DIR:-$root/target}"
cargo build --quiet --lib --release --target wasm32-unknown-unknown
wasm-bindgen --target web --keep-debug --out-dir pkg/profile "$target/wasm32-unknown-unknown/release/sla_scorecard.wasm"
wasm-opt -O1 --merge-similar-functions -Oz --converge -g pkg/profile/sla_scorecard_bg.wasm -o pkg/profile/sla_scorecard_bg.wasm
cargo build --release --quiet --bin sla-scorecard
mkdir -p benches/browser/data
data="benches/browser/data/tickets-$tickets.csv"
[ -s "$data" ] || "$target/release/sla-scorecard" generate --tickets "$tickets" --seed 1 > "$data"
node benches/browser/profile.mjs "${args[@]}"
