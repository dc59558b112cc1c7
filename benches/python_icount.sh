#!/usr/bin/env bash
# Instructions per form of the Python binding's `tuiyi.validate(dict)` or `tuiyi.validate_json(str)`, counted
# by valgrind (callgrind) over the whole process: 10 and 30 rounds over the 200 canonical generated valid forms,
# the difference divided by 4,000 forms, so that start-up, the forms' preparation and the dicts' `json.loads`
# (30 rounds made before either count starts) cancel out. PYTHONHASHSEED=0: without it two counts of one wheel
# differed by up to 1,000 instructions.
#   bash benches/python_icount.sh [dict|text] [PYTHON]    (default: dict, bindings-python/.venv/bin/python)
# Needs valgrind and the wheel installed in that interpreter. Takes about two minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-dict}"
python="${2:-bindings-python/.venv/bin/python}"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cat > "$tmp/loop.py" <<'PY'
import json
import sys
from pathlib import Path

import tuiyi

rounds, mode = int(sys.argv[1]), sys.argv[2]
texts, days = [], []
for line in Path("tests/forms/generated/valid.jsonl").read_text(encoding="utf-8").splitlines():
    if line.strip():
        case = json.loads(line)
        form = tuiyi.normalize(case["form"], today=case["today"])["form"]
        texts.append(json.dumps(form, ensure_ascii=False))
        days.append(case["today"])
fresh = [[json.loads(t) for t in texts] for _ in range(30)] if mode == "dict" else []
for _ in range(rounds):
    if mode == "dict":
        for form, day in zip(fresh.pop(), days):
            tuiyi.validate(form, today=day)
    else:
        for text, day in zip(texts, days):
            tuiyi.validate_json(text, today=day)
PY
count() {
  PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null "$python" "$tmp/loop.py" "$1" "$mode" 2>&1 \
    | awk '/Collected/ {print $NF}'
}
a=$(count 10)
b=$(count 30)
echo "$(( (b - a) / 4000 )) instructions per form (validate $mode, 200 forms)"
