#!/usr/bin/env bash
# Throughput of `tuiyi batch` (issue 3 §7: ≥ 100,000 forms/s on 2 cores, reading JSONL, writing reports).
#   bash benches/batch.sh [N_LINES] [FORM_JSON]
# Builds the release binary, writes N copies of the example form (one per line) to a temp file, and times
# `tuiyi batch FILE > /dev/null` with hyperfine when installed (else three plain runs). The summary line
# tuiyi prints on stderr carries its own forms/s figure.
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-200000}"
form="${2:-examples/form.json}"
[ -f "$form" ] || { echo "no $form: pass a form JSON file as the second argument" >&2; exit 1; }

cargo build --release -p tuiyi-cli >&2
bin=target/release/tuiyi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
line="$(tr -d '\n\r' < "$form")"
# `yes` ends on SIGPIPE when head has enough lines: not a failure (pipefail would make it one)
{ yes "$line" || true; } | head -n "$n" > "$tmp/forms.jsonl"
echo "input: $n lines, $(du -h "$tmp/forms.jsonl" | cut -f1), $(nproc) cores" >&2

today=(--today 2026-01-01)
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine --warmup 1 --runs 5 "$bin batch $tmp/forms.jsonl ${today[*]} > /dev/null 2>&1"
  echo "forms/s = $n / mean time above" >&2
fi
for i in 1 2 3; do
  "$bin" batch "$tmp/forms.jsonl" "${today[@]}" > /dev/null 2> "$tmp/summary" || true
  tail -n 1 "$tmp/summary"
done
