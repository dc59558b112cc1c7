#!/usr/bin/env bash
# Issue 18's measurements of every face, N runs one after another (nothing else should be running): criterion's
# peers bench (tuiyi against jsonschema-rs, its compile-time validator and simd-json), `tuiyi batch` of 200,000
# lines (the example form, and the generated forms as generated) on 1 and 2 workers with peak RSS, the Python
# bench and the Node bench. The raw outputs go to OUT_DIR; benches/RESULTS.md's tables are read from them.
#   bash benches/all_faces.sh [RUNS] [OUT_DIR]     (default 3 runs, /tmp/tuiyi-measure)
#   python3 benches/all_faces_table.py OUT_DIR [OUT_DIR ...]   (the issue's rows read from them, a column a set)
# Needs the release CLI, the Python venv with the wheel (bindings-python/.venv) and the built Node addon.
# With PGO=1, every face is the profile-guided build of scripts/pgo.sh (the CLI, the benches, a wheel installed
# in target/pgo/venv-bench with the same peers, the Node addon rebuilt in place: `npm run build` in
# bindings-node makes the plain one again).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"
out="${2:-/tmp/tuiyi-measure}"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "${PGO:-}" = 1 ]; then
  tuiyi=$(bash scripts/pgo.sh cli | tail -n 1)
  bash scripts/pgo.sh wheel > /dev/null
  venv=target/pgo/venv-bench
  [ -x "$venv/bin/python" ] || python3 -m venv "$venv"
  "$venv/bin/pip" install -q jsonschema==4.26.0 fastjsonschema==2.22.3
  "$venv/bin/pip" install -q --force-reinstall --no-deps target/pgo/wheel/*.whl
  python="$venv/bin/python"
  bash scripts/pgo.sh node > /dev/null
  peers() { bash scripts/pgo.sh bench --bench peers -- "$@"; }
else
  cargo build -q --release -p tuiyi-cli
  tuiyi=target/release/tuiyi
  python=bindings-python/.venv/bin/python
  peers() { cargo bench -q -p tuiyi-benches --bench peers -- "$@"; }
fi
line="$(tr -d '\n\r' < examples/form.json)"
# `yes` is ended by a broken pipe when `head` has its lines.
{ yes "$line" || true; } | head -n 200000 > "$tmp/example.jsonl"
python3 - "$tmp/gen.jsonl" <<'PY'
import json, sys
rows = [json.loads(l)["form"] for l in open("tests/forms/generated/valid.jsonl", encoding="utf-8") if l.strip()]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for i in range(200000):
        f.write(json.dumps(rows[i % len(rows)], ensure_ascii=False) + "\n")
PY
for run in $(seq 1 "$runs"); do
  echo "=== run $run $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
  peers --warm-up-time 2 --measurement-time 5 2>&1 \
    | grep -E "forms with|distinct|^peers|time:|thrpt:" > "$out/peers.$run.txt"
  # Workers 1 and 2, and one worker on one core (`1c`: the reader and writer threads share core 0 with it;
  # with only RAYON_NUM_THREADS=1 they run on the other core). The issue's "1.9× a single core" is read
  # against `1c`; both are reported.
  for input in example gen; do
    for threads in 1 2 1c; do
      pin=()
      [ "$threads" = 1c ] && pin=(taskset -c 0)
      /usr/bin/time -f "%M KB" "${pin[@]}" env RAYON_NUM_THREADS="${threads%c}" "$tuiyi" batch "$tmp/$input.jsonl" \
        --today 2026-01-01 > /dev/null 2> "$out/batch.$run.$input.$threads.txt" || true
    done
  done
  "$python" benches/python_bench.py > "$out/python.$run.txt" 2>&1
  node benches/node_bench.mjs > "$out/node.$run.txt" 2>&1
  echo "=== end run $run $(date -u +%H:%M:%S) load $(cut -d' ' -f1-3 /proc/loadavg)"
done
