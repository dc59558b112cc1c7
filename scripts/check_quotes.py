#!/usr/bin/env python3
"""Every `quote` in rules/shanxi/*.json must be verbatim in the seed (whitespace ignored; `……` marks an elision).

Usage: python3 scripts/check_quotes.py [SEED_TXT]   (default /work/shared/seed/000_7294fc0ff1c8c0d3.txt)
"""
import json, pathlib, re, sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
seed = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/seed/000_7294fc0ff1c8c0d3.txt").read_text()
norm = lambda s: re.sub(r"\s+", "", s)
S = norm(seed)
bad = []


def walk(v, path):
    if isinstance(v, dict):
        for k, x in v.items():
            if k == "quote" and isinstance(x, str):
                bad.extend(f"{path}/{k}: {p[:50]}" for p in x.split("……") if norm(p) not in S)
            walk(x, f"{path}/{k}")
    elif isinstance(v, list):
        for i, x in enumerate(v):
            walk(x, f"{path}/{i}")


n = 0
for f in ("pack", "items", "materials", "conflicts"):
    walk(json.loads((ROOT / f"rules/shanxi/{f}.json").read_text()), f"{f}.json#")
print("\n".join(bad) or "every quote is verbatim in the seed")
sys.exit(1 if bad else 0)
