#!/usr/bin/env bash
# Build the tuiyi-wasm package into bindings-wasm/pkg/: the core compiled to wasm32-unknown-unknown, the
# wasm-bindgen glue (--target web: an ES module for browsers and, with the package's loader, Node), and the
# package's own files (js/). Non-interactive; downloads nothing but crates (and the Rust target).
#
#   bash bindings-wasm/build.sh
#
# - adds the wasm32-unknown-unknown target when it is missing (rustup);
# - installs wasm-bindgen-cli at exactly the version of the wasm-bindgen crate in Cargo.lock (pinned in
#   bindings-wasm/Cargo.toml) when it is missing or another version;
# - fails when the .wasm is larger than 1 MiB gzipped (TUIYI_WASM_MAX_GZ bytes to change the budget).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"
target_dir="${CARGO_TARGET_DIR:-$root/target}"
pkg="$here/pkg"
max_gz="${TUIYI_WASM_MAX_GZ:-1048576}"

if command -v rustup >/dev/null 2>&1; then
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    echo "==> rustup target add wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown
  fi
fi

# The CLI must be the crate's very version (the glue and the module's custom section must agree).
want="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if [ -z "$want" ]; then
  echo "bindings-wasm/build.sh: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
have="$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }' || true)"
if [ "$have" != "$want" ]; then
  echo "==> cargo install wasm-bindgen-cli --version $want (found: ${have:-none})"
  # --locked first (the CLI's own lockfile); a registry mirror that lacks one of its locked versions gets
  # the newest compatible ones instead (the CLI's wasm-bindgen crates are exact pins either way). No default
  # features: TLS is only for the test runner's webdriver downloads, which tuiyi does not use.
  if ! env -u CARGO_TARGET_DIR cargo install wasm-bindgen-cli --version "$want" --no-default-features --locked; then
    echo "    (--locked failed; installing with the registry's newest compatible dependencies)"
    env -u CARGO_TARGET_DIR cargo install wasm-bindgen-cli --version "$want" --no-default-features
  fi
fi

echo "==> cargo build -p tuiyi-wasm --target wasm32-unknown-unknown --profile wasm-release"
start=$(date +%s)
cargo build -p tuiyi-wasm --target wasm32-unknown-unknown --profile wasm-release
echo "    built in $(( $(date +%s) - start )) s"

rm -rf "$pkg"
mkdir -p "$pkg"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir "$pkg" \
  "$target_dir/wasm32-unknown-unknown/wasm-release/tuiyi_wasm.wasm"
cp "$here/js/index.js" "$here/js/internal.js" "$here/js/ops.js" "$here/js/index.d.ts" "$here/js/package.json" "$pkg/"

raw=$(wc -c < "$pkg/tuiyi_wasm_bg.wasm")
gz=$(gzip -9 -c "$pkg/tuiyi_wasm_bg.wasm" | wc -c)
printf '==> pkg/tuiyi_wasm_bg.wasm: %s bytes, %s bytes gzipped (-9); budget %s bytes gzipped\n' "$raw" "$gz" "$max_gz"
if [ "$gz" -gt "$max_gz" ]; then
  echo "bindings-wasm: the module is over its size budget ($gz > $max_gz bytes gzipped)" >&2
  exit 1
fi
