#!/usr/bin/env bash
# Size budget of what a portal ships: the .wasm, the JS glue in pkg/ and the
# <sla-scorecard> element's files, each gzip -9 compressed (as a server would
# send them). Prints every file and the total; fails above the budget.
#
#   scripts/check-size.sh            (after `wasm-pack build --target web --release`)
#   SIZE_BUDGET=153600 scripts/check-size.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

budget="${SIZE_BUDGET:-153600}" # 150 KB

# The element ships from www/sla-scorecard/ (and www/sla-scorecard.js if there
# is one); the demo page's own files (index.html, demo.*) are not part of the package.
shopt -s nullglob
files=(pkg/*.wasm pkg/*.js www/sla-scorecard.js www/sla-scorecard/*.js www/sla-scorecard/*.css)
if [ -d pkg/snippets ]; then
  while IFS= read -r f; do files+=("$f"); done < <(find pkg/snippets -name '*.js' | sort)
fi
if ! compgen -G 'pkg/*.wasm' >/dev/null; then
  echo "check-size: no pkg/*.wasm; run wasm-pack build --target web --release first" >&2
  exit 1
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
printf '%-44s %10s %10d  (budget %d)\n' "total gzip" "" "$total" "$budget"
if [ "$total" -gt "$budget" ]; then
  echo "size: FAIL — $total bytes gzip exceeds the budget of $budget bytes" >&2
  exit 1
fi
echo "size: ok — $total of $budget bytes gzip ($((total * 100 / budget))% of the budget)"
