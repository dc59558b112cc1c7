#!/usr/bin/env bash
# THE test command of tuiyi (README, .ci/run): formatting, lints, every Rust test, the unsafe code under Miri,
# the Python and Node bindings' suites, the artefacts installed outside the checkout, and a short fuzz run.
# Fails fast, naming the step that failed.
#   bash scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*"; }
fail() { printf '\n✗ 失败 / FAILED: %s\n' "$*" >&2; exit 1; }
run() {
  local what="$1"; shift
  step "$what"
  local t0=$SECONDS
  "$@" || fail "$what  ($*)"
  printf '    (%s s)\n' "$((SECONDS - t0))"
}

run "cargo fmt --check (格式)" cargo fmt --all -- --check
run "cargo clippy (lints, warnings are errors)" cargo clippy --workspace --all-targets -- -D warnings
run "cargo clippy, the Python binding as an abi3 wheel" cargo clippy -p tuiyi-python --features abi3 --all-targets -- -D warnings
run "cargo test (workspace)" cargo test --workspace
run "Miri: the unsafe code of tuiyi-host (UTF-16 and UCS-2 → UTF-8)" \
  cargo +nightly miri test -p tuiyi-host --lib utf16
run "bindings-python/test.sh" bash bindings-python/test.sh
run "bindings-node/test.sh" bash bindings-node/test.sh
run "benches/node_walker_check.cjs (the Node JS walker still pays for itself, issue 15.5)" node benches/node_walker_check.cjs
for script in bindings-wasm/test.sh examples/portal/test.sh; do
  if [ -f "$script" ]; then
    run "$script" bash "$script"
  fi
done
run "scripts/test-packages.sh (CLI, wheel, npm tarball installed outside the checkout)" bash scripts/test-packages.sh
run "scripts/pgo.sh check (the profile-guided CLI answers as the plain one)" bash scripts/pgo.sh check
run "scripts/fuzz-smoke.sh (every fuzz target, 5 s each)" bash scripts/fuzz-smoke.sh 5

printf '\n✓ 全部通过 / all tests passed\n'
