#!/usr/bin/env bash
# Installs whatever Casebook's build and tests need and is missing; fast when all is present.
# Sourced by .ci/serve, .ci/test and .ci/bench. Needs only rustup, cargo, node and npm to start;
# uses apt-get (as root, or through sudo) for Chromium and ChromeDriver.
set -euo pipefail

CASEBOOK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export CASEBOOK_ROOT
export PATH="$CASEBOOK_ROOT/node_modules/.bin:$HOME/.cargo/bin:$PATH"

TRUNK_VERSION="0.21.14"
# The splitter of .ci/build-wasm.mjs. 0.2.4 reads the split points of wasm_split_helpers 0.2.x
# (Cargo.lock) and knows wasm-bindgen 0.2.128+'s generic cast imports; older releases fail at
# run time ("indirect call to null", unresolved __wbindgen_placeholder__ imports).
WASM_SPLIT_CLI_VERSION="0.2.4"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

# The wasm-bindgen CLI must match the library version in Cargo.lock exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' "$CASEBOOK_ROOT/Cargo.lock"
}

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (takes several minutes once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  local want
  want="$(wasm_bindgen_version)"
  if [ -z "$want" ]; then
    say "Cargo.lock has no wasm-bindgen entry; generating it"
    (cd "$CASEBOOK_ROOT" && cargo generate-lockfile)
    want="$(wasm_bindgen_version)"
  fi
  if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $want" ||
     ! wasm-bindgen-test-runner --version 2>/dev/null | grep -q "$want"; then
    say "installing wasm-bindgen-cli $want"
    # Not --locked: one of the CLI's locked dependencies is no longer on the registry.
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
  if ! grep -q "wasm_bindgen = \"$want\"" "$CASEBOOK_ROOT/Trunk.toml"; then
    say "Trunk.toml [tools] wasm_bindgen differs from Cargo.lock ($want); fix Trunk.toml"
    return 1
  fi
}

ensure_wasm_split_cli() {
  # The binary has no --version; cargo's install record says which version is installed.
  if ! command -v wasm-split-cli >/dev/null 2>&1 ||
     ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_CLI_VERSION:"; then
    say "installing wasm-split-cli $WASM_SPLIT_CLI_VERSION (wasm_split_cli_support)"
    cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_CLI_VERSION" \
      --features build-binary --force
  fi
}

ensure_node_modules() {
  local stamp="$CASEBOOK_ROOT/node_modules/.package-lock.json"
  if [ ! -f "$stamp" ] || [ "$CASEBOOK_ROOT/package-lock.json" -nt "$stamp" ]; then
    say "installing npm packages (binaryen's wasm-opt, playwright-core)"
    (cd "$CASEBOOK_ROOT" && npm ci --no-audit --no-fund)
  fi
}

# Chromium and ChromeDriver for the browser tests, and a system CJK font: the tablets have one
# (Noto Sans CJK on Android), and without it Chromium searches every font for each Chinese
# character on each layout, which skews the benchmark and shows boxes in screenshots.
ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] ||
     ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    say "installing chromium, chromium-driver and fonts-noto-cjk with apt"
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q chromium chromium-driver fonts-noto-cjk
  fi
  export CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
  export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
}

# Everything the release build needs.
setup_build() {
  ensure_wasm_target
  ensure_node_modules
  ensure_trunk
  ensure_wasm_bindgen
  ensure_wasm_split_cli
  # Trunk.toml's [watch] ignore names target/, and Trunk refuses to start if it is missing.
  mkdir -p "$CASEBOOK_ROOT/target"
}

# Everything the tests and the benchmark need.
setup_all() {
  setup_build
  ensure_chromium
}

# The optimised release build in dist/, the artifact users get: Trunk's pre-build hook
# (.ci/build-wasm.mjs) builds, splits and optimises the wasm, Trunk does the rest.
build_release() {
  say "building the release dist/"
  (cd "$CASEBOOK_ROOT" && trunk build --release --offline)
}
