#!/usr/bin/env bash
# A short run of every fuzz target (nightly + cargo-fuzz, AddressSanitizer), on every change: new inputs are
# tried, not only the seeds that `cargo test` replays. Long runs: scripts/fuzz.sh.
#   bash scripts/fuzz-smoke.sh [SECONDS_PER_TARGET]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-${TUIYI_FUZZ_SECONDS:-5}}"
if ! cargo +nightly --version >/dev/null 2>&1; then
  echo "fuzz-smoke: the nightly toolchain is missing (rustup toolchain install nightly)" >&2
  exit 1
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "fuzz-smoke: installing cargo-fuzz (once)"
  cargo install cargo-fuzz --locked -q
fi
# The fuzz crate is its own workspace: a scratch copy of the corpora keeps the run from rewriting the
# committed seeds (new inputs it finds are not committed by CI).
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
cd fuzz
targets=($(cargo +nightly fuzz list))
cargo +nightly fuzz build -O "${targets[@]}" >/dev/null 2>&1 || cargo +nightly fuzz build -O
for t in "${targets[@]}"; do
  mkdir -p "$scratch/$t"
  # A sample of the seeds to start from (`cargo test` replays them all; under ASan a full replay of the
  # largest corpus takes minutes).
  ls "corpus/$t" 2>/dev/null | awk 'NR % 40 == 1 && n++ < 60' | while read -r f; do cp "corpus/$t/$f" "$scratch/$t/"; done
  echo "== fuzz $t ${secs}s"
  cargo +nightly fuzz run -O "$t" "$scratch/$t" -- -max_total_time="$secs" -max_len=65536 -timeout=5 \
    -print_final_stats=0 >"$scratch/$t.log" 2>&1 || {
    tail -40 "$scratch/$t.log" >&2
    echo "fuzz-smoke: $t found a crash; the input is in fuzz/artifacts/$t/" >&2
    exit 1
  }
  grep -E "Done [0-9]+ runs" "$scratch/$t.log" | tail -1 || true
done
