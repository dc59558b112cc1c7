#!/usr/bin/env bash
# Long fuzzing runs (nightly + cargo-fuzz). Not part of scripts/test.sh: the seeds and regressions are
# replayed on every `cargo test` by core/tests/fuzz_corpus.rs instead.
#   bash scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
secs="${1:-60}"; shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=($(cargo +nightly fuzz list))
for t in "${targets[@]}"; do
  echo "== fuzz $t for ${secs}s"
  mkdir -p "corpus/$t"
  cargo +nightly fuzz run "$t" "corpus/$t" -- -max_total_time="$secs" -max_len=65536 -timeout=5
done
echo "Minimise the corpus before committing: cargo +nightly fuzz cmin <target>"
