"""Every function of the tuiyi Python API, typed: `mypy --strict` checks this file against the stubs, so an
editor completes `report["errors"][0]["path"]` and a wrong key is an error before the program runs.

Run it with `python bindings-python/examples/example.py` after `pip install ./bindings-python`.
"""

from __future__ import annotations

import datetime
import json
import sys
from typing import Any, Callable

import tuiyi
from tuiyi.types import Eligibility, Form, MaterialRequirement, Plan, Report


def calendar(engine: tuiyi.Engine) -> None:
    start = datetime.date(2024, 9, 30)
    due: str = tuiyi.add_working_days(start, 3)  # results are 'YYYY-MM-DD' strings
    also: str = engine.add_working_days("2024-09-30", 3)
    working: bool = tuiyi.is_working_day(due) and engine.is_working_day(also)
    count: int = tuiyi.working_days_between(start, due) + engine.working_days_between(start, "2024-10-10")
    period: tuiyi.PeriodEnd = tuiyi.period_end(start, 30)
    same: tuiyi.PeriodEnd = engine.period_end("2024-09-30", 30)
    end = datetime.date.fromisoformat(period["end"])
    extended: bool = period["extended"] or same["extended"]
    print(f"{start} + 3 个工作日 = {due} ({working}, {count}); 30 日期限届满 {end} (顺延: {extended})")


def one_applicant(engine: tuiyi.Engine, form: Form) -> None:
    applicant: dict[str, Any] = {}
    situation: dict[str, Any] = {}
    application: dict[str, Any] = {}
    try:
        e: Eligibility = tuiyi.check_eligibility(applicant)
        print(e["eligible"], [f["code"] for f in e["failures"]])
    except tuiyi.BadInputError as err:
        print(f"输入有误 {err.code} at {err.path!r}: {err.message}")
    calls0: list[Callable[[], list[MaterialRequirement]]] = [
        lambda: engine.required_materials(situation),
        lambda: tuiyi.required_materials(situation),
    ]
    for call in calls0:
        try:
            materials: list[MaterialRequirement] = call()
            print([m["no"] for m in materials if m["required"]])
        except tuiyi.TuiyiError as err:
            print(f"{type(err).__name__} {err.kind}/{err.code}")
    try:
        plan: Plan = tuiyi.plan(application, today="2024-10-08")
        for item in plan["items"]:
            print(item["no"], item["department"]["name"], item["due"].get("date"))
    except tuiyi.TuiyiError as err:
        print(f"{type(err).__name__} {err.code} at {err.path}")

    report: Report = tuiyi.validate(form, today=datetime.date(2025, 6, 1))
    report2: Report = engine.validate(json.dumps(form, ensure_ascii=False))  # or its JSON text
    report3: Report = tuiyi.validate_json(json.dumps(form), today="2025-06-01")
    reports: list[Report] = tuiyi.validate_many([form, form], today="2025-06-01")
    for f in report["errors"]:
        print(f["path"], f["code"], f["message"])
    print("valid:", report["valid"], report2["valid"], report3["valid"], len(reports))
    calls: list[Callable[[], Any]] = [
        lambda: tuiyi.dispatch(form),
        lambda: engine.dispatch(form),
        lambda: tuiyi.prereview(form, [], today="2025-06-01"),
        lambda: engine.prereview(form, [1, 2, 3]),
    ]
    for call2 in calls:
        try:
            print(json.dumps(call2(), ensure_ascii=False)[:120])
        except tuiyi.TuiyiError as err:
            print(f"{type(err).__name__} {err.kind}/{err.code}: {err.message_en}")


def reference(engine: tuiyi.Engine) -> None:
    schema: dict[str, Any] = tuiyi.form_schema()
    schema2: dict[str, Any] = engine.schema("application")
    guide: str = tuiyi.guide() + engine.guide()
    conflicts = tuiyi.conflicts() + engine.conflicts()
    codes = tuiyi.codes()
    ops = tuiyi.operations()
    print(len(schema), len(schema2), len(guide), len(conflicts), len(codes), [o["name"] for o in ops][:3])
    print(conflicts[0]["followed"], codes[0]["code"])
    raw: Any = tuiyi.run("add_working_days", {"date": "2024-09-30", "n": 3})
    print(raw)


def errors() -> None:
    try:
        tuiyi.add_working_days("2024-9-30", 3)
    except tuiyi.BadInputError as e:
        print("BadInputError", e.kind, e.code, e.path, e.message, e.message_en)
    try:
        tuiyi.is_working_day(datetime.date(2040, 1, 6))
    except tuiyi.CalendarCoverageError as e:
        print("CalendarCoverageError", e.code, e.message)
    try:
        tuiyi.Engine(rules_dir="/nonexistent")
    except tuiyi.RulePackError as e:
        print("RulePackError", e.code)
    try:
        tuiyi.validate({"bytes": b"not json"})
    except tuiyi.WrongTypeError as e:  # also a TypeError
        print("WrongTypeError", e.code, e.path)


def main() -> int:
    engine = tuiyi.Engine()
    print("tuiyi", tuiyi.__version__, repr(engine))
    calendar(engine)
    one_applicant(engine, {"basic_info": {"name": "张三"}})
    reference(engine)
    errors()
    return 0


if __name__ == "__main__":
    sys.exit(main())
