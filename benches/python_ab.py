"""One face's row, for comparing two wheels side by side (A/B): the 200 canonical generated forms through the
`tuiyi` this interpreter imports, N rounds, each round on new inputs as a server sees them, the mean per form.

    python benches/python_ab.py dict 25     # fresh dicts (json.loads) every round
    python benches/python_ab.py text 25     # a new str every round
    python benches/python_ab.py bytes 25    # the body's bytes
    python benches/python_ab.py reuse 25    # the same 200 dicts every round (warm; footnote rows)
    python benches/python_ab.py many 5      # validate_many over 4,000 fresh dicts (the 200 forms 20 times)

Install the two wheels into two virtualenvs and run them alternately (benches/RESULTS.md shows how each A/B
was run). Not a benchmark of its own: `benches/python_bench.py` is the one with the peers.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import tuiyi

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    mode, rounds = sys.argv[1], int(sys.argv[2])
    texts, days = [], []
    for line in (ROOT / "tests" / "forms" / "generated" / "valid.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            c = json.loads(line)
            n = tuiyi.normalize(c["form"], today=c["today"])
            texts.append(json.dumps(n["form"], ensure_ascii=False))
            days.append(c["today"])
    reused = [json.loads(t) for t in texts]
    if mode == "many":
        best = float("inf")
        for _ in range(rounds):
            forms = [json.loads(t) for t in texts * 20]
            t0 = time.perf_counter()
            tuiyi.validate_many(forms, today="2025-06-01")
            best = min(best, (time.perf_counter() - t0) / len(forms))
        print(f"many {best * 1e6:.2f} µs per form (best of {rounds})")
        return 0
    total = 0.0
    for _ in range(rounds):
        if mode == "dict":
            inputs: list = [json.loads(t) for t in texts]
        elif mode == "reuse":
            inputs = reused
        elif mode == "text":
            inputs = [t.encode().decode() for t in texts]
        else:
            inputs = [t.encode() for t in texts]
        t0 = time.perf_counter()
        if mode in ("dict", "reuse"):
            for f, d in zip(inputs, days):
                tuiyi.validate(f, today=d)
        else:
            for f, d in zip(inputs, days):
                tuiyi.validate_json(f, d)
        total += time.perf_counter() - t0
    print(f"{mode} {total / rounds / len(texts) * 1e6:.2f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
