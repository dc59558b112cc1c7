"""Every function of the tuiyi Python API, typed: `mypy --strict` checks this file against the stubs.

Run it with `python bindings-python/examples/example.py` after `pip install ./bindings-python`.
"""

from __future__ import annotations

import datetime
import json
import sys
from typing import Any, Callable

import tuiyi


def calendar(engine: tuiyi.Engine) -> None:
    start = datetime.date(2024, 9, 30)
    due: datetime.date = tuiyi.add_working_days(start, 3)
    also: datetime.date = engine.add_working_days("2024-09-30", 3)
    working: bool = tuiyi.is_working_day(due) and engine.is_working_day(also)
    count: int = tuiyi.working_days_between(start, due) + engine.working_days_between(start, "2024-10-10")
    period: tuiyi.PeriodEnd = tuiyi.period_end(start, 30)
    same: tuiyi.PeriodEnd = engine.period_end("2024-09-30", 30)
    end: datetime.date = period["end"]
    extended: bool = period["extended"] or same["extended"]
    print(f"{start} + 3 个工作日 = {due} ({working}, {count}); 30 日期限届满 {end} (顺延: {extended})")


def one_applicant(engine: tuiyi.Engine, form: dict[str, Any]) -> None:
    applicant: dict[str, Any] = {}
    situation: dict[str, Any] = {}
    application: dict[str, Any] = {}
    for call in (
        lambda: tuiyi.check_eligibility(applicant),
        lambda: engine.check_eligibility(applicant),
        lambda: tuiyi.required_materials(situation),
        lambda: engine.required_materials(situation),
        lambda: tuiyi.plan(application),
        lambda: engine.plan(application),
    ):
        try:
            out: dict[str, Any] | list[dict[str, Any]] = call()
            print(json.dumps(out, ensure_ascii=False)[:120])
        except tuiyi.BadInputError as e:
            print(f"输入有误 {e.code} at {e.path!r}: {e.message}")
        except tuiyi.TuiyiError as e:
            print(f"{type(e).__name__} {e.kind}/{e.code}")

    report: dict[str, Any] = tuiyi.validate(form, today=datetime.date(2025, 6, 1))
    report2: dict[str, Any] = engine.validate(form)
    reports: list[dict[str, Any]] = tuiyi.validate_many([form, form], today="2025-06-01")
    reports2: list[dict[str, Any]] = engine.validate_many(iter([form]))
    print("valid:", report["valid"], report2["valid"], len(reports) + len(reports2))
    calls: list[Callable[[], dict[str, Any]]] = [
        lambda: tuiyi.dispatch(form),
        lambda: engine.dispatch(form),
        lambda: tuiyi.prereview(form, [], today="2025-06-01"),
        lambda: engine.prereview(form, [1, 2, 3]),
    ]
    for call2 in calls:
        try:
            print(json.dumps(call2(), ensure_ascii=False)[:120])
        except tuiyi.TuiyiError as e:
            print(f"{type(e).__name__} {e.kind}/{e.code}: {e.message_en}")


def reference(engine: tuiyi.Engine) -> None:
    schema: dict[str, Any] = tuiyi.form_schema()
    schema2: dict[str, Any] = engine.form_schema()
    guide: str = tuiyi.guide() + engine.guide()
    conflicts: list[dict[str, Any]] = tuiyi.conflicts() + engine.conflicts()
    codes: list[dict[str, Any]] = tuiyi.codes() + engine.codes()
    print(len(schema), len(schema2), len(guide), len(conflicts), len(codes))
    for name in ("situation", "applicant"):
        try:
            named: dict[str, Any] = tuiyi.schema(name)
            named2: dict[str, Any] = engine.schema(name)
            print(name, len(named), len(named2))
        except tuiyi.TuiyiError as e:
            print(name, e.code)
    raw: Any = tuiyi.run("add_working_days", {"date": "2024-09-30", "n": 3})
    raw2: Any = engine.run("codes")
    print(raw, len(raw2))


def errors() -> None:
    try:
        tuiyi.add_working_days("2024-9-30", 3)
    except tuiyi.BadInputError as e:
        print("BadInputError", e.kind, e.code, e.path, e.message, e.message_en)
    try:
        tuiyi.is_working_day(datetime.date(2031, 1, 6))
    except tuiyi.CalendarCoverageError as e:
        print("CalendarCoverageError", e.code, e.message)
    except tuiyi.InternalError as e:
        print("InternalError", e.code)
    try:
        tuiyi.Engine(rules_dir="/nonexistent")
    except tuiyi.RulePackError as e:
        print("RulePackError", e.code)
    except tuiyi.TuiyiError as e:
        print(type(e).__name__, e.code)
    try:
        tuiyi.validate({"bytes": b"not json"})
    except TypeError as e:
        print("TypeError", e)


def main() -> int:
    engine = tuiyi.Engine()
    print("tuiyi", tuiyi.__version__, repr(engine))
    try:
        calendar(engine)
    except tuiyi.TuiyiError as e:
        print("calendar:", type(e).__name__, e.code)
    one_applicant(engine, {"basic_info": {"name": "张三"}})
    reference(engine)
    errors()
    return 0


if __name__ == "__main__":
    sys.exit(main())
