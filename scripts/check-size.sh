#!/usr/bin/env bash
# Size budget of what a portal ships: pkg/ after scripts/package.sh (the
# .wasm, its JS glue and the <sla-scorecard> element with its worker and
# stylesheet, minified), each file gzip -9 compressed (as a server would send
# them). Prints every file, the size by part (module, glue, element), the
# total and the room left under the product's budget of 320 KiB (327,680
# bytes, issue 13); fails above it.
# docs/size.md says what the size is made of and what each library costs.
#
#   scripts/check-size.sh            (after scripts/package.sh)
#   SIZE_BUDGET=300000 scripts/check-size.sh   (check against another budget)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

budget="${SIZE_BUDGET:-327680}"     # 320 KiB: the product's budget (issue 13)

if [ ! -f pkg/sla_scorecard_bg.wasm ] || [ ! -f pkg/sla-scorecard.js ]; then
  echo "check-size: pkg/ lacks the module or the element; run scripts/package.sh first" >&2
  exit 1
fi
shopt -s nullglob
files=(pkg/*.wasm pkg/*.js pkg/*.css)
if [ -d pkg/snippets ]; then
  while IFS= read -r f; do files+=("$f"); done < <(find pkg/snippets -name '*.js' | sort)
fi

total=0 module=0 glue=0 element=0
printf '%-44s %10s %10s\n' "file" "bytes" "gzip"
for f in "${files[@]}"; do
  [ -f "$f" ] || continue
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -n -c <"$f" | wc -c)
  total=$((total + gz))
  case "$f" in
    *.wasm) module=$((module + gz)) ;;
    pkg/sla_scorecard.js|pkg/snippets/*) glue=$((glue + gz)) ;;
    *) element=$((element + gz)) ;;
  esac
  printf '%-44s %10d %10d\n' "$f" "$raw" "$gz"
done
printf '%-44s %10s %10d\n' "part: wasm module" "" "$module"
printf '%-44s %10s %10d\n' "part: JS glue" "" "$glue"
printf '%-44s %10s %10d\n' "part: element (JS + worker + CSS)" "" "$element"
printf '%-44s %10s %10d  (budget %d)\n' "total gzip" "" "$total" "$budget"
if [ "$total" -gt "$budget" ]; then
  echo "size: FAIL — $total bytes gzip exceeds the budget of $budget bytes by $((total - budget))" >&2
  exit 1
fi
echo "size: ok — $total bytes gzip, $((budget - total)) under the budget of $budget"
