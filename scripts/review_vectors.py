#!/usr/bin/env python3
"""Independent review of the blessed rules vectors (tests/vectors/{plan,materials,eligibility}).

Blessing (core/examples/bless.rs) records what the Rust code outputs; this script recomputes the facts that
matter from the rules as written, with its own working-day calendar read from the State Council notices as
transcribed in a holidays JSON file (default /work/shared/reference/cn-holidays.json, which the project's
calendar was not generated from by this script), and fails on any disagreement:

- every due date: 民法典 period (start day not counted; a last day on a weekend/holiday not made up by 调休
  moves to the next working day) for calendar-day items, the n-th working day strictly after the start for
  working-day items; null when the start is missing, the item does not apply, or the period leaves 2024–2026
  (calendar_mode "refuse") or 2024–2031 (the default "provisional": 2027–2031 are weekends + the statutory days
  of the 2024 放假办法, with lunar dates from tests/reference/lunisolar-1900-2100.json, and every date that read
  them is marked provisional, with one calendar_year_provisional warning per year);
- the 第十七条 flag and grace end; every status given `today`;
- which materials are required (issue 2 §5) and which items apply (八(八)2(3)).

Usage: python3 scripts/review_vectors.py [HOLIDAYS_JSON]
"""
import datetime as dt
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
HOL = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/reference/cn-holidays.json")
data = json.loads(HOL.read_text())["years"]
YEARS = {int(y) for y in data}
REST = {d for y in data.values() for h in y["holidays"] for d in h["dates"]}
WORK = {d for y in data.values() for d in y["makeup_workdays"]}


# Provisional years (calendar_mode "provisional", the plan's default): up to 5 years after the last covered
# year, rest days = weekends + the statutory days of the 2024 全国年节及纪念日放假办法 (元旦 1-1, 春节 除夕–初三,
# 清明, 劳动节 5-1/5-2, 端午, 中秋, 国庆 10-1..3), no 调休. The lunar dates are lunar-python's, as recorded in
# tests/reference/lunisolar-1900-2100.json — not computed by tuiyi's code.
LUNI = json.loads((ROOT / "tests/reference/lunisolar-1900-2100.json").read_text())["years"]
HORIZON = 5
MODE = "provisional"
USED = set()  # provisional years read by the current computation


def statutory(y):
    L = LUNI[str(y)]
    ny = dt.date.fromisoformat(L["new_year"])
    days = {dt.date(y, 1, 1), dt.date(y, 5, 1), dt.date(y, 5, 2), dt.date(y, 10, 1), dt.date(y, 10, 2),
            dt.date(y, 10, 3), dt.date.fromisoformat(L["qingming"]), dt.date.fromisoformat(L["duanwu"]),
            dt.date.fromisoformat(L["zhongqiu"])}
    days |= {ny + dt.timedelta(days=k) for k in (-1, 0, 1, 2)}
    return days


class NotCovered(Exception):
    def __init__(self, year):
        super().__init__(year)
        self.code = ("calendar_year_beyond_horizon" if MODE == "provisional" and year > max(YEARS) + HORIZON
                     else "calendar_year_not_covered")


def D(s):
    return dt.date.fromisoformat(s)


def covered(d):
    if d.year in YEARS:
        return
    if MODE == "provisional" and max(YEARS) < d.year <= max(YEARS) + HORIZON:
        return
    raise NotCovered(d.year)


def working(d):
    covered(d)
    if d.year not in YEARS:
        USED.add(d.year)
        return d.weekday() < 5 and d not in statutory(d.year)
    s = d.isoformat()
    if s in WORK:
        return True
    if s in REST:
        return False
    return d.weekday() < 5


def add_wd(d, n):
    working(d)  # the calendar refuses a start in an uncovered year too
    while n:
        d += dt.timedelta(days=1)
        if working(d):
            n -= 1
    return d


def period_end(start, days):
    covered(start)  # the calendar refuses a start in an uncovered year too (its days are not read)
    raw = start + dt.timedelta(days=days)
    end = raw
    while not working(end):
        end += dt.timedelta(days=1)
    return raw, end


def wd_between(a, b):
    n, d = 0, a
    while d < b:
        d += dt.timedelta(days=1)
        if working(d):
            n += 1
    return n


# The rules, restated from the seed (八(三), 八(八)2(3), 八(九), 条例第十三条/第十七条, 兵役法第十七条).
# Item 1 counts from 被批准退出现役之日 (条例第十三条), item 9 from 退出现役之日 (兵役法第十七条, 八(九)9); when only
# one of the two dates is given the other is the same day (conflict discharge_dates).
ITEMS = {1: ("cal", 30, "approved_discharge_date"), 2: ("cal", 30, "return_home_date"), 3: ("wd", 3, "acceptance_date"),
         4: ("wd", 10, "acceptance_date"), 5: ("wd", 15, "military_data_date"), 6: ("wd", 15, "military_data_date"),
         7: ("wd", 15, "platform_data_date"), 8: ("wd", 15, "platform_data_date"), 9: ("cal", 40, "discharge_date")}


FALLBACK = {"approved_discharge_date": "discharge_date", "discharge_date": "approved_discharge_date"}

# What must be done first (八(八)1: 兵役登记 before the window; 条例第十四条: 报到 before 落户; 八(四)4: 落户 before
# the ID card), when both items apply.
PRE = {1: [9], 3: [1], 4: [3]}


def given(dates, field):
    """The date of `field`, or of the other discharge date when only that one is given."""
    if field in dates:
        return dates[field]
    return dates.get(FALLBACK.get(field, ""))


def applies(no, s):
    if no == 3:
        return s["hukou_cancelled_on_enlistment"]
    if no == 4:
        return s["id_card"] != "无需办理"
    return True


def materials(s):
    req = {1, 2, 3, 4, 13, 14}
    if s["id_card"] not in ("补领", "首次申领"):  # a lost or never-issued card cannot be shown (material_5_lost_card)
        req.add(5)
    if s["hukou_cancelled_on_enlistment"]:
        req |= {6, 10, 11}
        req |= {{"单位集体户落户": 7, "单位集体户": 7, "投靠亲属落户": 8, "投靠亲属": 8,
                 "投靠配偶落户": 9, "投靠配偶": 9}.get(s.get("settlement_mode"), 0)} - {0}
    if s["military_id_issued"]:
        req.add(12)
    return req


errors = []


def check(cond, msg):
    if not cond:
        errors.append(msg)


def review_plan(c):
    global MODE
    inp, exp = c["input"], c["expected"]
    MODE = inp.get("calendar_mode", "provisional")
    plan_used = set()
    dates = inp.get("dates", {})
    sit = inp["situation"]
    today = D(inp["today"]) if "today" in inp else None
    done_items = set(inp.get("completed_items", []))
    if "report_date" in dates:
        done_items.add(1)
    n = c["name"]
    # 第十七条 first: reported after the grace end without a legitimate reason forfeits item 2 (conflict
    # abandonment_forfeits_subsidy): it no longer applies, has no due date, and its status is "forfeited".
    waived = False
    if given(dates, "approved_discharge_date") and "report_date" in dates:
        try:
            _, dl = period_end(D(given(dates, "approved_discharge_date")), 30)
            _, gr = period_end(dl, 30)
            waived = D(dates["report_date"]) > gr and not inp.get("report_delay_reason_legitimate", False)
        except NotCovered:
            pass
    lost = lambda no: waived and no == 2
    applies_here = lambda no: applies(no, sit) and not lost(no)
    after = {no: [p for p in PRE.get(no, []) if applies_here(p)] if applies_here(no) else [] for no in ITEMS}
    # The order: 八(三) order, each item after its prerequisites.
    order = []
    def place(no):
        if no in order or not applies_here(no):
            return
        for p in after[no]:
            place(p)
        order.append(no)
    for no in sorted(ITEMS):
        place(no)
    check(exp["order"] == order, f"{n}: order {exp['order']} != {order}")
    dues = {}
    for it in exp["items"]:
        no = it["no"]
        kind, count, field = ITEMS[no]
        ap = applies_here(no)
        check(it["applies"] == ap, f"{n}: item {no} applies {it['applies']} != {ap}")
        want = None
        USED.clear()
        if ap and given(dates, field):
            try:
                start = D(given(dates, field))
                if kind == "cal":
                    raw, want = period_end(start, count)
                    check(it["due"].get("raw_end") == raw.isoformat(), f"{n}: item {no} raw_end {it['due'].get('raw_end')} != {raw}")
                    check(it["due"].get("extended") == (raw != want), f"{n}: item {no} extended")
                else:
                    want = add_wd(start, count)
            except NotCovered as y:
                want = None
                check(it["due"]["reason_if_null"]["code"] == y.code, f"{n}: item {no} should be {y.code} ({y})")
                USED.clear()
        check(it["due"].get("provisional", False) == bool(USED), f"{n}: item {no} provisional {sorted(USED)}")
        plan_used |= USED
        got = it["due"]["date"]
        check(got == (want.isoformat() if want else None), f"{n}: item {no} due {got} != {want}")
        dues[no] = want
        check(it.get("after", []) == after[no], f"{n}: item {no} after {it.get('after')} != {after[no]}")
        blocked = any(p not in done_items for p in after[no])
        if got is None:
            code = it["due"]["reason_if_null"]["code"]
            if lost(no):
                check(code == "item_forfeited", f"{n}: item {no} reason {code}")
            elif not ap:
                check(code == "item_not_applicable", f"{n}: item {no} reason {code}")
            elif not given(dates, field):
                check(code == "start_event_missing", f"{n}: item {no} reason {code}")
        if today is not None:
            if lost(no):
                st = "forfeited"
            elif not ap:
                st = "not_applicable"
            elif no in done_items:
                st = "done"
            elif want is not None and today > want:
                st = "overdue"
            elif want is None:
                st = "blocked" if blocked else "unknown"
            else:
                try:
                    USED.clear()
                    st = "due_soon" if wd_between(today, want) <= 3 else ("blocked" if blocked else "pending")
                    plan_used |= USED
                except NotCovered:
                    st = "blocked" if blocked else "unknown"
            check(it.get("status") == st, f"{n}: item {no} status {it.get('status')} != {st}")
        else:
            check("status" not in it, f"{n}: item {no} has a status without today")
    # 第十七条
    lr = exp["late_report"]
    flag = False
    if given(dates, "approved_discharge_date"):
        try:
            USED.clear()
            _, deadline = period_end(D(given(dates, "approved_discharge_date")), 30)
            _, grace = period_end(deadline, 30)
            check(lr.get("provisional", False) == bool(USED), f"{n}: late_report provisional {sorted(USED)}")
            plan_used |= USED
            check(lr["deadline"] == deadline.isoformat(), f"{n}: late deadline {lr['deadline']} != {deadline}")
            check(lr["grace_end"] == grace.isoformat(), f"{n}: grace {lr['grace_end']} != {grace}")
            if "report_date" in dates:
                r = D(dates["report_date"])
                flag = r > grace and not inp.get("report_delay_reason_legitimate", False)
                check(lr["days_late"] == max(0, (r - deadline).days), f"{n}: days_late")
        except NotCovered:
            pass
    check(lr["flag"] == flag, f"{n}: late flag {lr['flag']} != {flag}")
    check(flag == waived, f"{n}: waived")
    warned = sorted(int(w["message_en"].split(" for ")[1].split(":")[0]) for w in exp["warnings"]
                    if w["code"] == "calendar_year_provisional")
    check(warned == sorted(plan_used), f"{n}: calendar_year_provisional for {warned} != {sorted(plan_used)}")
    codes = [w["code"] for w in exp["warnings"]]
    want_pre = []
    for no in sorted(ITEMS):
        for p in after[no]:
            if no in done_items or p in done_items:
                continue
            later = dues.get(p) is not None and dues.get(no) is not None and dues[p] > dues[no]
            want_pre.append(("prerequisite_due_later" if later else "prerequisite_order", no, p))
    got_pre = []
    for w in exp["warnings"]:
        if w["code"] == "prerequisite_order":
            m = re.match(r"item (\d+) .* once item (\d+) ", w["message_en"])
            got_pre.append((w["code"], int(m.group(1)), int(m.group(2))))
        elif w["code"] == "prerequisite_due_later":
            m = re.match(r"item (\d+) .* but item (\d+) ", w["message_en"])
            got_pre.append((w["code"], int(m.group(2)), int(m.group(1))))
    check(sorted(got_pre) == sorted(want_pre), f"{n}: prerequisite warnings {got_pre} != {want_pre}")
    only_dis = "discharge_date" in dates and "approved_discharge_date" not in dates
    only_app = "approved_discharge_date" in dates and "discharge_date" not in dates
    check(("approved_discharge_date_assumed" in codes) == only_dis, f"{n}: approved_discharge_date_assumed")
    check(("discharge_date_assumed" in codes) == only_app, f"{n}: discharge_date_assumed")
    got_req = {m["no"] for m in exp["materials"] if m["required"]}
    check(got_req == materials(sit), f"{n}: materials {sorted(got_req)} != {sorted(materials(sit))}")
    check(len(exp["items"]) == 9 and len(exp["materials"]) == 14, f"{n}: counts")


def review_materials(c):
    got = {m["no"] for m in c["expected"] if m["required"]}
    check(got == materials(c["input"]), f"{c['name']}: {sorted(got)} != {sorted(materials(c['input']))}")
    check([m["no"] for m in c["expected"]] == list(range(1, 15)), f"{c['name']}: numbering")


def review_eligibility(c):
    a, e = c["input"], c["expected"]
    want = []
    if not a["lawfully_discharged"]:
        want.append("not_discharged")
    if a["category"] not in ("义务兵", "士官", "军士"):
        want.append("not_a_soldier")
    if a["resettlement"] != "自主就业":
        want.append("not_self_employed")
    pc = a["placement_code"]
    want.append({"140105": None, "140215": None, "141081": None, "110101": "placement_outside_shanxi",
                 "140100": "placement_not_county_level", "140000": "placement_not_county_level",
                 "140227": "placement_historical", "140211": "placement_historical"}.get(pc, "placement_unknown"))
    if not a["holds_discharge_certificate"]:
        want.append("missing_discharge_certificate")
    if not a["holds_introduction_letter"]:
        want.append("missing_introduction_letter")
    want = [w for w in want if w]
    got = [f["code"] for f in e["failures"]]
    check(got == want, f"{c['name']}: {got} != {want}")
    check(e["eligible"] == (not want), f"{c['name']}: eligible")


count = 0
for area, fn in (("plan", review_plan), ("materials", review_materials), ("eligibility", review_eligibility)):
    for f in sorted((ROOT / "tests/vectors" / area).glob("*.json")) + sorted((ROOT / "tests/pending" / area).glob("*.json")):
        for c in json.loads(f.read_text()):
            if "expected" in c and c["op"] in ("plan", "required_materials", "check_eligibility"):
                fn(c)
                count += 1
if errors:
    print("\n".join(errors))
    sys.exit(1)
print(f"reviewed {count} blessed cases: all agree with the independent recomputation")
