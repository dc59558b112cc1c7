#!/usr/bin/env bash
# THE test command of tuiyi (README, .ci/run): formatting, lints, every Rust test, then the bindings' and
# fuzz-smoke scripts when they exist. Fails fast, naming the step that failed.
#   bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\n✗ 失败 / FAILED: %s\n' "$*" >&2; exit 1; }
run() {
  local what="$1"; shift
  step "$what"
  "$@" || fail "$what  ($*)"
}

run "cargo fmt --check (格式)" cargo fmt --all -- --check
run "cargo clippy (lints, warnings are errors)" cargo clippy --workspace --all-targets -- -D warnings
run "cargo test (workspace)" cargo test --workspace

for script in bindings-python/test.sh bindings-node/test.sh scripts/fuzz-smoke.sh; do
  if [ -f "$script" ]; then
    run "$script" bash "$script"
  else
    step "$script: not present, skipped"
  fi
done

printf '\n✓ 全部通过 / all tests passed\n'
