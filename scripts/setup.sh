# shellcheck shell=bash
# Installs every tool the build, the demo and the tests need, skipping what is
# already there. Meant to be sourced (it exports PATH and CHROMEDRIVER):
#
#   source scripts/setup.sh              # everything (used by scripts/test.sh)
#   source scripts/setup.sh --no-browser # build tools only (used by scripts/demo.sh)
#
# It can also be run on its own (`bash scripts/setup.sh`) to install only.
# Never prompts: safe with CI=true and no standard input.
#
# Pieces, in order:
#   - a stable Rust toolchain of at least 1.94, the workspace's highest
#     rust-version (DataFusion's, datafusion/Cargo.toml) (rustup)
#   - the wasm32-unknown-unknown Rust target (rustup)
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#     (wasm-pack and wasm-bindgen-test-runner must match the crate's version)
#   - wasm-pack
#   - Chromium and ChromeDriver from Debian (/usr/bin/chromium, /usr/bin/chromedriver)
#   - the npm packages of package.json: binaryen (a wasm-opt that understands
#     current wasm features; Debian's binaryen 108 breaks externref tables)
#     and playwright-core (drives Chromium in the end-to-end tests)

_setup_main() {
  local want_browser=1 arg
  for arg in "$@"; do
    case "$arg" in
      --no-browser) want_browser=0 ;;
      *) echo "setup.sh: unknown option $arg" >&2; return 2 ;;
    esac
  done

  local root
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local started=$SECONDS

  export DEBIAN_FRONTEND=noninteractive
  export npm_config_yes=true npm_config_fund=false npm_config_audit=false npm_config_update_notifier=false

  # cargo-installed tools live in $CARGO_HOME/bin; make sure it is on PATH.
  local cargo_bin="${CARGO_HOME:-$HOME/.cargo}/bin"
  case ":$PATH:" in *":$cargo_bin:"*) ;; *) export PATH="$cargo_bin:$PATH" ;; esac

  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi

  _setup_need() { # command, hint
    command -v "$1" >/dev/null 2>&1 || { echo "setup: '$1' not found: $2" >&2; return 1; }
  }
  _setup_need cargo "install Rust with rustup first" || return 1
  _setup_need rustup "install Rust with rustup first" || return 1

  # apt packages are installed together, after one `apt-get update`.
  local apt_pkgs=()
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    apt_pkgs+=(nodejs npm)
  fi
  if [ "$want_browser" = 1 ] && { [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; }; then
    apt_pkgs+=(chromium chromium-driver)
  fi
  if [ "${#apt_pkgs[@]}" -gt 0 ]; then
    echo "setup: installing ${apt_pkgs[*]} (apt)"
    $sudo apt-get update -q || return 1
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${apt_pkgs[@]}" </dev/null || return 1
  fi

  # 0. The Rust toolchain: updated only when older than the workspace needs.
  local rust_min=1.94
  _setup_rustc_ok() { # rustc's version is at least $rust_min
    local have
    have="$(rustc --version | awk '{ print $2 }')"
    [ "$(printf '%s\n%s\n' "$rust_min" "${have%%-*}" | sort -V | head -n 1)" = "$rust_min" ]
  }
  if ! _setup_rustc_ok; then
    echo "setup: $(rustc --version) is older than $rust_min; updating the stable toolchain"
    rustup update stable --no-self-update </dev/null || return 1
    if ! _setup_rustc_ok; then
      echo "setup: rustc is still $(rustc --version) after updating stable: is the default toolchain stable? (rustup default stable)" >&2; return 1
    fi
  fi

  # 1. Rust target for WebAssembly.
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "setup: adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown || return 1
  fi

  # rustfmt and clippy, for the native suite's format and lint checks.
  local component
  for component in rustfmt clippy; do
    if ! rustup component list --installed | grep -q "^$component"; then
      echo "setup: adding $component"
      rustup component add "$component" || return 1
    fi
  done

  # 2. wasm-bindgen-cli, exactly the version in Cargo.lock.
  local wb_version
  wb_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/^version = "|"$/, ""); print; exit }' "$root/Cargo.lock")"
  if [ -z "$wb_version" ]; then
    echo "setup: no wasm-bindgen entry in Cargo.lock" >&2; return 1
  fi
  local wb_have=""
  if command -v wasm-bindgen >/dev/null 2>&1 && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    wb_have="$(wasm-bindgen --version | awk '{ print $2 }')"
  fi
  if [ "$wb_have" != "$wb_version" ]; then
    echo "setup: installing wasm-bindgen-cli $wb_version (found '${wb_have:-none}')"
    cargo install wasm-bindgen-cli --version "$wb_version" --force </dev/null || return 1
    wb_have="$(wasm-bindgen --version | awk '{ print $2 }')"
    if [ "$wb_have" != "$wb_version" ]; then
      echo "setup: $(command -v wasm-bindgen) is $wb_have and comes before $cargo_bin on PATH" >&2; return 1
    fi
  fi

  # 3. wasm-pack.
  if ! command -v wasm-pack >/dev/null 2>&1; then
    echo "setup: installing wasm-pack"
    cargo install wasm-pack --version 0.15.1 </dev/null || return 1
  fi

  # 4. npm packages (wasm-opt from binaryen, playwright-core), only when
  #    node_modules is missing or older than package-lock.json.
  if [ ! -f "$root/node_modules/.package-lock.json" ] \
     || [ "$root/package-lock.json" -nt "$root/node_modules/.package-lock.json" ] \
     || [ ! -x "$root/node_modules/.bin/wasm-opt" ]; then
    echo "setup: installing npm packages (npm ci)"
    (cd "$root" && npm ci --no-audit --no-fund </dev/null) || return 1
  fi
  case ":$PATH:" in
    "$root/node_modules/.bin:"*) ;;
    *) export PATH="$root/node_modules/.bin:$PATH" ;;
  esac
  if [ "$(command -v wasm-opt)" != "$root/node_modules/.bin/wasm-opt" ] || ! wasm-opt --version >/dev/null 2>&1; then
    echo "setup: node_modules/.bin/wasm-opt is not the first working wasm-opt on PATH" >&2; return 1
  fi

  if [ "$want_browser" = 1 ]; then
    export CHROMEDRIVER=/usr/bin/chromedriver
  fi

  local tools
  tools="$(rustc --version | awk '{ print $1, $2 }'), wasm-bindgen $wb_version, $(wasm-pack --version)"
  tools="$tools, $(wasm-opt --version | awk '{ print $1, $3 }'), node $(node --version)"
  if [ "$want_browser" = 1 ]; then
    tools="$tools, chromium $(/usr/bin/chromium --version 2>/dev/null | awk '{ print $2 }')"
  fi
  echo "setup: ready in $((SECONDS - started)) s — $tools"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  _setup_main "$@"
else
  _setup_main "$@" || return 1
fi
