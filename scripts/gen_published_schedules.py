#!/usr/bin/env python3
"""Build tests/reference/published-schedules.json: the rest ranges and 调休 working days the State Council
published for 2001–2026, per notice item, from

- holiday-cn (github.com/NateScarlet/holiday-cn, MIT; JSON per year generated from the gov.cn notices),
  2007–2026: the git snapshot named by --holiday-cn (a bare repository; `git show HEAD:YYYY.json`);
- chinesecalendar 1.11.0 (PyPI, MIT; chinese_calendar/constants.py), 2004–2006 (before holiday-cn starts),
  and 2007–2026 compared day by day with holiday-cn (the script prints the differences);
- 2001–2003: the few notices found as text (MANUAL below, each with where it was read).

    python3 scripts/gen_published_schedules.py --holiday-cn PATH/TO/holiday-cn.git --chinesecalendar PATH/TO/constants.py

Rest days are grouped per item into runs of consecutive days (a notice item is usually one run; 2014 清明
"4月5日放假，4月7日（星期一）补休" gives two). Amendments holiday-cn folds in (2015 抗战胜利纪念日, 2019 劳动节,
2020 春节 extension) are kept as it has them.
"""
import argparse
import datetime as dt
import importlib.util
import json
import pathlib
import subprocess
from collections import OrderedDict

ROOT = pathlib.Path(__file__).resolve().parent.parent

MANUAL = {
    2001: {
        "source": "国务院办公厅关于2001年春节、“五一”、“十一”放假安排的通知（国办发明电〔2001〕1号，2001-01-02），"
                  "text read at https://china.findlaw.cn/fagui/p_1/353344.html; 元旦 2001 not found",
        "items": [
            {"name": "春节", "rest": [["2001-01-24", "2001-01-30"]], "makeup_workdays": ["2001-01-20", "2001-01-21"]},
            {"name": "劳动节", "rest": [["2001-05-01", "2001-05-07"]], "makeup_workdays": ["2001-04-28", "2001-04-29"]},
            {"name": "国庆节", "rest": [["2001-10-01", "2001-10-07"]], "makeup_workdays": ["2001-09-29", "2001-09-30"]},
        ],
    },
    2002: {
        "source": "the State Council's 2002 arrangements for “五一” and “十一” as republished by local governments: "
                  "Beijing (http://big5.china.com.cn/gate/big5/lianghui.china.com.cn/chinese/PI-c/126334.htm) and "
                  "Shenzhen (https://news.sina.cn/sa/2002-04-05/detail-ikknscsi0134108.d.html) for 五一, "
                  "http://80kuku.com/cylc/103064.sHtml for 十一; 元旦 and 春节 2002 not found",
        "items": [
            {"name": "劳动节", "rest": [["2002-05-01", "2002-05-07"]], "makeup_workdays": ["2002-04-27", "2002-04-28"]},
            {"name": "国庆节", "rest": [["2002-10-01", "2002-10-07"]], "makeup_workdays": ["2002-09-28", "2002-09-29"]},
        ],
    },
    2003: {
        "source": "国务院办公厅关于2003年“五一”放假调休安排的通知（2003-04-21, SARS: 5月1日–3日 statutory, "
                  "the Saturday's rest moved to Monday 5月5日), text read at http://www.tctz.com/cn/news/tiancheng/50.html; "
                  "元旦, 春节 and 国庆 2003 not found",
        "items": [
            {"name": "劳动节", "rest": [["2003-05-01", "2003-05-05"]], "makeup_workdays": []},
        ],
    },
}

CC_NAMES = {
    "New Year's Day": "元旦", "Spring Festival": "春节", "Tomb-sweeping Day": "清明节", "Labour Day": "劳动节",
    "Dragon Boat Festival": "端午节", "Mid-autumn Festival": "中秋节", "National Day": "国庆节",
    "Anti-Fascist 70th Day": "中国人民抗日战争暨世界反法西斯战争胜利70周年纪念日",
}


def runs(dates):
    dates = sorted(dt.date.fromisoformat(d) for d in dates)
    out = []
    for d in dates:
        if out and (d - dt.date.fromisoformat(out[-1][1])).days == 1:
            out[-1][1] = d.isoformat()
        else:
            out.append([d.isoformat(), d.isoformat()])
    return out


# holiday-cn keeps the notices' older item names; the modern festival name, the original kept alongside.
RENAME = {"“五一”": "劳动节", "“十一”": "国庆节", "“五一”国际劳动节": "劳动节"}


def items_from(days):
    """days: [(name, date, is_off)] -> items in order of first appearance."""
    by = OrderedDict()
    for name, date, off in days:
        name = RENAME.get(name, name)
        it = by.setdefault(name, {"rest": [], "work": []})
        (it["rest"] if off else it["work"]).append(date)
    return [{"name": n, "rest": runs(v["rest"]), "makeup_workdays": sorted(v["work"])} for n, v in by.items()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--holiday-cn", required=True)
    ap.add_argument("--chinesecalendar", required=True)
    a = ap.parse_args()
    head = subprocess.run(["git", f"--git-dir={a.holiday_cn}", "rev-parse", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()
    spec = importlib.util.spec_from_file_location("cc_constants", a.chinesecalendar)
    cc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(cc)

    years = {}
    for y, v in MANUAL.items():
        years[str(y)] = v
    cc_days = {}
    for d, name in cc.holidays.items():
        cc_days.setdefault(d.year, []).append((CC_NAMES[name], d.isoformat(), True))
    for d, name in cc.workdays.items():
        cc_days.setdefault(d.year, []).append((CC_NAMES.get(name, name), d.isoformat(), False))
    for y in range(2004, 2007):
        years[str(y)] = {"source": "chinesecalendar 1.11.0 (PyPI) chinese_calendar/constants.py",
                         "items": items_from(sorted(cc_days[y], key=lambda x: x[1]))}
    diffs = []
    hc_all = {}
    for y in range(2007, 2027):
        doc = json.loads(subprocess.run(["git", f"--git-dir={a.holiday_cn}", "show", f"HEAD:{y}.json"],
                                        capture_output=True, text=True, check=True).stdout)
        days = [(x["name"], x["date"], x["isOffDay"]) for x in doc["days"]]
        years[str(y)] = {"source": f"holiday-cn {y}.json (git {head[:12]}), papers: " + ", ".join(doc["papers"]),
                         "items": items_from(days)}
        for _, d, off in days:
            hc_all[d] = off  # a later file's December days override (as the next notice does)
    for y in range(2007, 2027):
        # Compare the day status with chinesecalendar, every date of year y, whichever file names it.
        hc = {d: off for d, off in hc_all.items() if d.startswith(str(y))}
        cs = {d: off for _, d, off in cc_days.get(y, []) if d.startswith(str(y))}
        for d in sorted(set(hc) | set(cs)):
            h, c = hc.get(d), cs.get(d)
            wk = dt.date.fromisoformat(d).weekday() >= 5
            # A date absent from one source means an ordinary day there (rest on weekends).
            h = (not wk) if h is None else (not h)
            c = (not wk) if c is None else (not c)
            if h != c:
                diffs.append(f"{d}: holiday-cn {'work' if h else 'rest'}, chinesecalendar {'work' if c else 'rest'}")
    out = ROOT / "tests/reference/published-schedules.json"
    out.write_text(json.dumps({
        "generated_by": "scripts/gen_published_schedules.py",
        "holiday_cn_commit": head,
        "chinesecalendar": "1.11.0",
        "holiday_cn_vs_chinesecalendar_2007_2026": diffs or "identical working/rest status on every day",
        "years": dict(sorted(years.items())),
    }, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print("differences holiday-cn vs chinesecalendar:", diffs or "none")


if __name__ == "__main__":
    main()
