#!/usr/bin/env bash
# Instructions per form executed inside the Node addon (the core and the binding; not V8, not libc), counted
# by valgrind (callgrind): benches/examples/node_loop.mjs run for 2 and for 4 passes over 1,000 distinct
# forms, the difference of the addon's functions' counts divided by 2,000, so loading and JIT warm-up
# cancel out. The whole process's count moves by ±10 % between runs (V8's JIT and GC); the addon's does not.
#   bash benches/node_icount.sh [text|object]     (build the addon first: cd bindings-node && npm run build)
# Needs valgrind. Takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-text}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
addon() {
  valgrind --tool=callgrind --callgrind-out-file="$tmp/$1.out" node benches/examples/node_loop.mjs "$mode" "$1" >/dev/null 2>&1
  callgrind_annotate --threshold=100 "$tmp/$1.out" 2>/dev/null \
    | awk '/tuiyi\.[^ ]*\.node\]/ {gsub(",", "", $1); s += $1} END {print s + 0}'
}
a=$(addon 2)
b=$(addon 4)
echo "$(( (b - a) / 2000 )) instructions per form in the addon ($mode, 1000 forms)"
