#!/usr/bin/env bash
# Instructions per form text of the bindings' UTF-16 → UTF-8 encoder (`tuiyi_host::utf16::ucs2_into`), counted
# by valgrind (cachegrind, no cache simulation): benches/examples/utf16_loop.rs over the 200 canonical generated
# valid forms as JSON text (2,113 units each, 233 of them not ASCII), 10 and 30 rounds, the difference divided
# by the 4,000 texts in between.
#   bash benches/utf16_icount.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q --release -p tuiyi-benches --example utf16_loop
bin=target/release/examples/utf16_loop
refs() { valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$bin" "$1" 2>&1 \
  | awk '/I *refs/ {gsub(",", "", $NF); print $NF}'; }
a=$(refs 10)
b=$(refs 30)
echo "$(( (b - a) / 4000 )) instructions per form text (ucs2_into, 200 forms)"
