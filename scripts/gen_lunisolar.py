#!/usr/bin/env python3
"""Generate the lunisolar data of core/src/calendar/lunar.rs and its test reference.

    python3 -m venv /tmp/v && /tmp/v/bin/pip install lunar-python==1.4.8 ephem==4.2.1 [lunardate==0.3.0]
    /tmp/v/bin/python scripts/gen_lunisolar.py            # prints the Rust table, writes the reference file

Sources (both MIT-licensed, neither shipped with tuiyi):
- lunar-python 1.4.8 (6tail): the Chinese calendar computed astronomically (寿星天文历 algorithms: new moons
  and solar terms in Beijing time). It gives the month lengths and leap months packed below, and the
  reference dates (正月初一, 五月初五, 八月十五, 清明) written to tests/reference/lunisolar-1900-2100.json.
- ephem 4.2.1 (libastro): an independent computation of each year's 清明 instant (apparent solar longitude
  15°), written next to lunar-python's; the script fails if the two disagree on a date.
- lunardate 0.3.0, if installed, is only *compared* with (its classic table is GPL; nothing is copied): the
  script prints the years where the classic table differs from lunar-python.

Packing (the classic layout, one u32 a lunar year): bits 15..4 = months 1..12 (bit 15 = month 1), 1 = 30 days,
0 = 29; bits 3..0 = the leap month (0 = none); bit 16 = the leap month has 30 days.
"""
import datetime as dt
import json
import math
import pathlib
import re
import sys

from lunar_python import LunarYear, Solar

ROOT = pathlib.Path(__file__).resolve().parent.parent
FIRST, LAST = 1900, 2100


def info(y):
    months = [m for m in LunarYear.fromYear(y).getMonths() if m.getYear() == y]
    assert months[0].getMonth() == 1, y
    v = 0
    for m in months:
        mo, big = m.getMonth(), m.getDayCount() == 30
        if mo < 0:
            v |= -mo
            if big:
                v |= 0x10000
        elif big:
            v |= 0x8000 >> (mo - 1)
    return v, months


def ymd(jd):
    return Solar.fromJulianDay(jd).toYmd()


def qingming_ephem(y):
    try:
        import ephem
    except ImportError:
        return None

    def lon(d):
        s = ephem.Sun()
        s.compute(d, epoch=d)
        return math.degrees(ephem.Ecliptic(ephem.Equatorial(s.ra, s.dec, epoch=d), epoch=d).lon)

    lo, hi = ephem.Date(f"{y}/4/2"), ephem.Date(f"{y}/4/8")
    for _ in range(60):
        mid = ephem.Date((lo + hi) / 2)
        lo, hi = (mid, hi) if lon(mid) < 15 else (lo, mid)
    return (ephem.Date(lo).datetime() + dt.timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S")


table, years = [], {}
for y in range(FIRST, LAST + 1):
    v, months = info(y)
    table.append(v)
    regular = {m.getMonth(): m for m in months if m.getMonth() > 0}
    first = regular[1].getFirstJulianDay()
    qm = Solar.fromYmd(y, 4, 4).getLunar().getJieQiTable()["清明"].toYmdHms()
    qe = qingming_ephem(y)
    if qe is not None and qe[:10] != qm[:10]:
        sys.exit(f"{y}: 清明 lunar-python {qm} vs ephem {qe}")
    years[str(y)] = {
        "new_year": ymd(first),
        "chuxi": ymd(first - 1),
        "duanwu": ymd(regular[5].getFirstJulianDay() + 4),
        "zhongqiu": ymd(regular[8].getFirstJulianDay() + 14),
        "qingming": qm[:10],
        "qingming_time_lunar_python": qm,
        "qingming_time_ephem": qe,
        "leap_month": v & 0xF,
    }

out = ROOT / "tests/reference/lunisolar-1900-2100.json"
out.write_text(json.dumps({
    "generated_by": "scripts/gen_lunisolar.py",
    "sources": {
        "lunar-python": "1.4.8 (PyPI, MIT): month starts, leap months, 清明 (Beijing time)",
        "ephem": "4.2.1 (PyPI, MIT): 清明 instant, apparent solar longitude 15 degrees, UT+8",
    },
    "years": years,
}, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")

try:
    import lunardate
    src = pathlib.Path(lunardate.__file__).read_text()
    block = src[src.index("0x04bd8"):src.index("]", src.index("0x04bd8"))]
    classic = [int(x, 16) for x in re.findall(r"0x[0-9a-fA-F]+", block)]
    diff = [f"{FIRST + i}: {a:#07x} (lunar-python) vs {b:#07x} (classic)"
            for i, (a, b) in enumerate(zip(table, classic)) if a != b]
    print("// differences from the classic table (lunardate):", "; ".join(diff) or "none", file=sys.stderr)
except ImportError:
    pass

print(f"const LUNAR_INFO: [u32; {len(table)}] = [")
for i in range(0, len(table), 10):
    row = ", ".join(f"0x{v:05x}" for v in table[i:i + 10])
    print(f"    {row}, // {FIRST + i}")
print("];")
