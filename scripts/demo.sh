#!/usr/bin/env bash
# The demo command: installs the build tools (scripts/setup.sh --no-browser,
# skipping what is there), builds the package into pkg/ (scripts/package.sh), then serves the
# repository on 127.0.0.1 and prints the demo page's URL. Ctrl+C stops it.
#
#   scripts/demo.sh [--csp] [--port N]     (PORT=N works too; default 8080)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# shellcheck source=scripts/setup.sh
source scripts/setup.sh --no-browser
scripts/package.sh
exec node scripts/serve.mjs "$@"
