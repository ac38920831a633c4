#!/usr/bin/env bash
# Size budget of what a portal ships: pkg/ after scripts/package.sh (the
# .wasm, its JS glue and the <sla-scorecard> element with its worker and
# stylesheet, minified), each file gzip -9 compressed (as a server would send
# them). Prints every file and the total, and how far it is from the
# product's target (150 KB, issue 7); fails above the ceiling.
#
# The target is not met yet (docs/size.md says what the size is made of and
# where the rest must come from). Until it is, the ceiling sits just above
# the measured size so that no change can make the package bigger unnoticed;
# lower it with every saving and set it to the target once reached.
#
#   scripts/check-size.sh            (after scripts/package.sh)
#   SIZE_CEILING=153600 scripts/check-size.sh   (check against the target itself)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

target=153600                       # 150 KB: the product's budget
budget="${SIZE_CEILING:-157700}"    # measured 157,686 B (issue 7, session 3: package step, JSON writer, two sorts, faster ingest)

if [ ! -f pkg/sla_scorecard_bg.wasm ] || [ ! -f pkg/sla-scorecard.js ]; then
  echo "check-size: pkg/ lacks the module or the element; run scripts/package.sh first" >&2
  exit 1
fi
shopt -s nullglob
files=(pkg/*.wasm pkg/*.js pkg/*.css)
if [ -d pkg/snippets ]; then
  while IFS= read -r f; do files+=("$f"); done < <(find pkg/snippets -name '*.js' | sort)
fi

total=0
printf '%-44s %10s %10s\n' "file" "bytes" "gzip"
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -n -c <"$f" | wc -c)
  total=$((total + gz))
  printf '%-44s %10d %10d\n' "$f" "$raw" "$gz"
done
printf '%-44s %10s %10d  (ceiling %d, target %d)\n' "total gzip" "" "$total" "$budget" "$target"
if [ "$total" -gt "$target" ]; then
  echo "size: $((total - target)) bytes gzip over the 150 KB target (issue 7 open)"
fi
if [ "$total" -gt "$budget" ]; then
  echo "size: FAIL — $total bytes gzip exceeds the ceiling of $budget bytes" >&2
  exit 1
fi
echo "size: ok — $total bytes gzip, under the ceiling of $budget"
