"""Every shared vector in tests/vectors/**.json, through the binding's native functions.

Each case's ``op`` is mapped to the Python function and its ``input`` keys to the function's
parameters (see tests/README.md for the format). A case whose input cannot be written as that call
(an unknown or missing key, a non-object input, a value of a Python type the function's signature
refuses) goes through ``tuiyi.run`` — the same JSON facade, still through the binding — and the typed
call is then checked to raise ``TypeError`` when the type is what makes it inexpressible.
Dates returned as ``datetime.date`` are compared as ISO strings. Cases that fit the typed call are
also run through ``tuiyi.run`` and must give the same JSON, and calendar cases are run a third time
with ``datetime.date`` arguments.
"""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path
from typing import Any, Callable

import pytest

import tuiyi

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
ISO = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for f in sorted(VECTORS.rglob("*.json")):
        for case in json.loads(f.read_text(encoding="utf-8")):
            cases.append((str(f.relative_to(VECTORS)), case))
    return cases


CASES = load_cases()


def to_json(v: Any) -> Any:
    """Binding output → the JSON the core would print (dates → ISO strings)."""
    if isinstance(v, datetime.date) and not isinstance(v, datetime.datetime):
        return v.isoformat()
    if isinstance(v, dict):
        return {k: to_json(x) for k, x in v.items()}
    if isinstance(v, list):
        return [to_json(x) for x in v]
    return v


# op → (function, [(json key, required, kind)], positional?) ; kind: "date", "count", "object", "any"
Param = tuple[str, bool, str]
SPECS: dict[str, tuple[Callable[..., Any], list[Param]]] = {
    "is_working_day": (tuiyi.is_working_day, [("date", True, "date")]),
    "add_working_days": (tuiyi.add_working_days, [("date", True, "date"), ("n", True, "count")]),
    "working_days_between": (
        tuiyi.working_days_between,
        [("a", True, "date"), ("b", True, "date")],
    ),
    "period_end": (tuiyi.period_end, [("start", True, "date"), ("days", True, "count")]),
    "validate": (tuiyi.validate, [("form", True, "object"), ("today", False, "date")]),
    "dispatch": (tuiyi.dispatch, [("form", True, "object")]),
    "prereview": (
        tuiyi.prereview,
        [("form", True, "object"), ("submitted", True, "any"), ("today", False, "date")],
    ),
    "schema": (tuiyi.schema, [("name", True, "str")]),
    "form_schema": (tuiyi.form_schema, []),
    "guide": (tuiyi.guide, []),
    "conflicts": (tuiyi.conflicts, []),
    "codes": (tuiyi.codes, []),
}
# Operations whose whole input is the function's one argument.
WHOLE = {
    "check_eligibility": tuiyi.check_eligibility,
    "required_materials": tuiyi.required_materials,
    "plan": tuiyi.plan,
}


def type_ok(kind: str, v: Any) -> bool:
    if kind == "date":
        return isinstance(v, str)
    if kind == "count":
        return isinstance(v, int) and not isinstance(v, bool)
    if kind == "object":
        return isinstance(v, dict)
    if kind == "str":
        return isinstance(v, str)
    return True


def typed_call(op: str, inp: Any) -> tuple[Callable[[], Any] | None, bool]:
    """The typed call for this case, or None; and whether it is None because of a Python type."""
    if op in WHOLE:
        fn = WHOLE[op]
        if isinstance(inp, dict):
            return (lambda: fn(inp)), False
        return None, inp is not None
    if op not in SPECS:
        return None, False
    fn, params = SPECS[op]
    given = {} if inp is None and not params else inp
    if not isinstance(given, dict):
        return None, False
    keys = {k for k, _, _ in params}
    if set(given) - keys:
        return None, False
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for i, (k, required, kind) in enumerate(params):
        if k not in given:
            if required:
                return None, False
            continue
        if not type_ok(kind, given[k]):
            return None, True
        if required:
            args.append(given[k])
        else:
            kwargs[k] = given[k]
    return (lambda: fn(*args, **kwargs)), False


def date_variant(op: str, inp: Any) -> Callable[[], Any] | None:
    """The same calendar call with datetime.date arguments, when every date is a real ISO date."""
    if op not in ("is_working_day", "add_working_days", "working_days_between", "period_end"):
        return None
    call, _ = typed_call(op, inp)
    if call is None:
        return None
    fn, params = SPECS[op]
    args = []
    for k, _, kind in params:
        v = inp[k]
        if kind == "date":
            if not ISO.match(v):
                return None
            try:
                v = datetime.date.fromisoformat(v)
            except ValueError:
                return None
        args.append(v)
    return lambda: fn(*args)


def outcome(call: Callable[[], Any]) -> tuple[str, Any]:
    try:
        return "ok", to_json(call())
    except tuiyi.TuiyiError as e:
        return "error", {"kind": e.kind, "code": e.code, "path": e.path}


def check(case: dict[str, Any], got: tuple[str, Any], how: str) -> None:
    status, value = got
    if "expected" in case:
        assert status == "ok", f"{how}: expected output, got error {value}"
        assert value == case["expected"], f"{how}: output differs"
    else:
        assert status == "error", f"{how}: expected error {case['error']}, got output {value!r}"
        for k, v in case["error"].items():
            assert value.get(k) == v, f"{how}: error.{k}: expected {v!r}, got {value.get(k)!r}"


def test_vector_names_unique() -> None:
    names = [c["name"] for _, c in CASES]
    assert len(names) == len(set(names))
    assert names, "no shared vectors found"


@pytest.mark.parametrize(
    "file,case", CASES, ids=[f"{f}::{c['name']}" for f, c in CASES]
)
def test_vector(file: str, case: dict[str, Any]) -> None:
    op, inp = case["op"], case.get("input")
    assert ("expected" in case) != ("error" in case), "exactly one of expected / error"
    call, by_type = typed_call(op, inp)
    via_run = outcome(lambda: tuiyi.run(op, inp))
    if call is None:
        check(case, via_run, "tuiyi.run")
        if by_type:
            # The typed function refuses the Python type itself.
            fn = WHOLE.get(op) or SPECS[op][0]
            with pytest.raises(TypeError):
                if op in WHOLE:
                    fn(inp)
                else:
                    fn(*[inp[k] for k, required, _ in SPECS[op][1] if required and k in inp])
        return
    typed = outcome(call)
    check(case, typed, f"tuiyi.{op}")
    assert typed == via_run, "typed call and tuiyi.run disagree"
    variant = date_variant(op, inp)
    if variant is not None:
        assert outcome(variant) == typed, "datetime.date arguments give a different result"
