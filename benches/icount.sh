#!/usr/bin/env bash
# Instructions per form of `api::validate_text`, counted by valgrind (cachegrind, no cache simulation): a
# measure that does not move with the VM's noisy phases, for comparing two builds of the core. Counts two
# runs of benches/examples/profile_validate (10 and 30 passes over the forms) and divides the difference by the
# forms in between, so the one-time setup (loading the rules, building the forms) cancels out.
#   bash benches/icount.sh            # the 200 canonical generated valid forms
#   bash benches/icount.sh invalid    # the same forms with 10–25 findings each (185 forms)
# Needs valgrind (apt-get install valgrind). Takes about a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-}"
cargo build -q --release -p tuiyi-benches --example profile_validate
bin=target/release/examples/profile_validate
# One run under valgrind: the program's own line ("N forms, …") and valgrind's count, together.
run() { valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null "$bin" "$1" $mode 2>&1; }
refs() { awk '/I *refs/ {gsub(",", "", $NF); print $NF}' <<<"$1"; }
a_out=$(run 10)
b_out=$(run 30)
forms=$(awk '/ forms, / {print $1; exit}' <<<"$a_out")
a=$(refs "$a_out")
b=$(refs "$b_out")
echo "$(( (b - a) / (20 * forms) )) instructions per form (${mode:-valid}, $forms forms)"
