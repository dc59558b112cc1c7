#!/usr/bin/env bash
# Instructions per form of each stage of `api::validate_text`, of the floor any text-based validator stands on
# (serde_json skipping the text, simd-json's tape and its borrowed value) and of issue 18's compile-time
# jsonschema-rs peer (with and without its serde_json parse): benches/examples/parse_floor.rs under valgrind
# (cachegrind, no cache simulation), 10 and 30 passes over the 200 generated valid forms, the difference
# divided by the forms in between (setup cancels out). Then a plain timing of each (µs per form, 2,000 passes).
#   bash benches/stages.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release -p tuiyi-benches --example parse_floor
bin=target/release/examples/parse_floor
refs() { valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$bin" "$1" "$2" 2>&1 \
  | awk '/I *refs/ {gsub(",", "", $NF); print $NF}'; }
for mode in ignored tape borrowed jsc jsc_tree parse doc text; do
  a=$(refs "$mode" 10)
  b=$(refs "$mode" 30)
  t=$("$bin" "$mode" 2000 | sed 's/.*, //')
  printf '%-8s %7d instructions per form   %s\n' "$mode" $(( (b - a) / (20 * 200) )) "$t"
done
