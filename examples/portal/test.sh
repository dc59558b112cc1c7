#!/usr/bin/env bash
# The portal page's browser test: the tuiyi-wasm package (built when missing), the tuiyi Node package (the
# napi addon, built when missing), playwright-core from npm (no browser download), and Debian's Chromium
# (`apt-get install chromium fonts-noto-cjk`; .ci/run installs it). Screenshots and the instantiation
# timing go to test-output/portal/. Non-interactive.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

chromium="${CHROMIUM:-$(command -v chromium || true)}"
if [ -z "$chromium" ] || [ ! -x "$chromium" ]; then
  echo "examples/portal: Debian's chromium is missing (apt-get install chromium fonts-noto-cjk)" >&2
  exit 1
fi
export CHROMIUM="$chromium"

if [ ! -f "$root/bindings-wasm/pkg/tuiyi_wasm_bg.wasm" ]; then
  bash "$root/bindings-wasm/build.sh"
fi
if [ -z "${TUIYI_NODE_PACKAGE:-}" ] && ! ls "$root"/bindings-node/*.node >/dev/null 2>&1; then
  (cd "$root/bindings-node" && { [ -f package-lock.json ] && npm ci || npm install; } && npm run build)
fi

cd "$here"
if [ -f package-lock.json ]; then npm ci; else npm install; fi
node --test --test-reporter=spec test/
