#!/usr/bin/env bash
# Instructions per form executed inside the Node addon (the core and the binding; not V8, not libc), counted
# by valgrind (callgrind), and those of the whole native call: benches/examples/node_loop.mjs run for 2 and for 4 passes over 1,000 distinct
# forms, the difference of the addon's functions' counts divided by 2,000, so loading and JIT warm-up
# cancel out. The whole process's count moves by ±10 % between runs (V8's JIT and GC); the addon's does not.
#   bash benches/node_icount.sh [text|bytes|object]     (build the addon first: cd bindings-node && npm run build)
# Needs valgrind. Takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-text}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# Two figures per run: the addon's own functions (steady), and everything the native call runs, inclusive
# (libc's memcpy and memset, N-API and V8 work such as copying a string or `JSON.parse` of the result; this
# one moves by a few thousand between runs, with V8's heap).
count() {
  valgrind --tool=callgrind --callgrind-out-file="$tmp/$1.out" node benches/examples/node_loop.mjs "$mode" "$1" >/dev/null 2>&1
  local own incl
  own=$(callgrind_annotate --threshold=100 "$tmp/$1.out" 2>/dev/null \
    | awk '/tuiyi\.[^ ]*\.node\]/ {gsub(",", "", $1); s += $1} END {print s + 0}')
  incl=$(callgrind_annotate --inclusive=yes --threshold=100 "$tmp/$1.out" 2>/dev/null \
    | awk '/NodeEngine_0::call_c_callback/ {gsub(",", "", $1); print $1; exit}')
  echo "$own ${incl:-0}"
}
read -r a_own a_incl <<<"$(count 2)"
read -r b_own b_incl <<<"$(count 4)"
echo "$(( (b_own - a_own) / 2000 )) instructions per form in the addon, $(( (b_incl - a_incl) / 2000 )) in the native call inclusive ($mode, 1000 forms)"
