#!/usr/bin/env bash
# Long fuzzing runs (nightly + cargo-fuzz). Not part of scripts/test.sh: the seeds and regressions are
# replayed on every `cargo test` by core/tests/fuzz_corpus.rs instead.
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${1:-60}"; shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=($(cargo +nightly fuzz list))
crashed=()
for t in "${targets[@]}"; do
  echo "== fuzz $t for ${secs}s"
  mkdir -p "corpus/$t"
  # A crash stops this target only: the others still run, and the script fails at the end.
  if ! cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=65536 -timeout=5; then
    crashed+=("$t")
    echo "== $t: crash; the input is in fuzz/artifacts/$t/ — copy it to fuzz/regressions/$t-<what> once fixed"
  fi
done
echo "Minimise the corpus before committing: cargo +nightly fuzz cmin <target>"
if [ ${#crashed[@]} -gt 0 ]; then
  echo "crashed: ${crashed[*]}" >&2
  exit 1
fi
