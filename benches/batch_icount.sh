#!/usr/bin/env bash
# Instructions per line of `tuiyi batch` with one worker, counted by valgrind (cachegrind, no cache
# simulation): the same count for the same build on any machine phase, for comparing two builds. Runs batch
# on 2,000 and on 6,000 lines and divides the difference by 4,000, so that start-up (loading the rules,
# the schema, the threads) cancels out.
#   bash benches/batch_icount.sh            # generated valid forms as generated (not canonical), cycled
#   bash benches/batch_icount.sh defects    # the generated defective forms, cycled
#   bash benches/batch_icount.sh FILE.jsonl # any forms, one per line, cycled (each written again by json.dumps)
#   bash benches/batch_icount.sh example    # examples/form.json as benches/all_faces.sh and batch.sh make their
#                                           # lines: pretty-printed, newlines taken out, the layout kept
# Needs valgrind (apt-get install valgrind). Takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-valid}"
cargo build -q --release -p tuiyi-cli
bin=target/release/tuiyi
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
case "$what" in
  example) src= ;;
  valid) src=tests/forms/generated/valid.jsonl ;;
  defects) src=tests/forms/generated/defects.jsonl ;;
  *) src="$what" ;;
esac
# One form per line, as a system would send it (`json.dumps`, not canonical): the `form` member of each
# generated record, or the line itself when it has none.
if [ -z "$src" ]; then
  line="$(tr -d '\n\r' < examples/form.json)"
  for n in 2000 6000; do { yes "$line" || true; } | head -n "$n" > "$tmp/$n.jsonl"; done
else
python3 - "$src" "$tmp" <<'PY'
import json, sys
src, out = sys.argv[1], sys.argv[2]
rows = []
for line in open(src, encoding="utf-8"):
    if line.strip():
        o = json.loads(line)
        rows.append(o["form"] if isinstance(o, dict) and "form" in o else o)
for n in (2000, 6000):
    with open(f"{out}/{n}.jsonl", "w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps(rows[i % len(rows)], ensure_ascii=False) + "\n")
PY
fi
# batch exits 1 when a form is invalid: not a failure here.
count() {
  { RAYON_NUM_THREADS=1 valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \
    "$bin" batch "$tmp/$1.jsonl" --today 2026-01-01 2>&1 >/dev/null || true; } \
    | awk '/I *refs/ {gsub(",", "", $NF); print $NF}'
}
a=$(count 2000)
b=$(count 6000)
echo "$(( (b - a) / 4000 )) instructions per batch line ($what, one worker)"
