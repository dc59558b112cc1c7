"""Binding-specific behaviour: argument types, conversion, errors, limits, threads."""

from __future__ import annotations

import collections
import datetime
import enum
import math
import threading
import types
from typing import Any, Iterator, Mapping

import pytest
from conftest import example_form, needs_calendar, needs_form

import tuiyi

# ---------------------------------------------------------------- module surface


def test_module_surface() -> None:
    for name in tuiyi.__all__:
        assert hasattr(tuiyi, name), name
    assert tuiyi.__version__
    assert tuiyi._tuiyi.__name__ == "tuiyi._tuiyi"  # type: ignore[attr-defined]


def test_error_hierarchy() -> None:
    assert issubclass(tuiyi.TuiyiError, ValueError)
    for cls in (
        tuiyi.BadInputError,
        tuiyi.CalendarCoverageError,
        tuiyi.RulePackError,
        tuiyi.InternalError,
    ):
        assert issubclass(cls, tuiyi.TuiyiError)
        assert cls.__module__ == "tuiyi"
        assert cls.__doc__


# ---------------------------------------------------------------- dates


@needs_calendar
def test_dates_as_date_or_str() -> None:
    d = datetime.date(2024, 9, 30)
    assert tuiyi.add_working_days(d, 3) == datetime.date(2024, 10, 10)
    assert tuiyi.add_working_days("2024-09-30", 3) == datetime.date(2024, 10, 10)
    assert type(tuiyi.add_working_days(d, 3)) is datetime.date
    assert tuiyi.is_working_day(datetime.date(2024, 10, 1)) is False
    assert tuiyi.is_working_day("2024-10-01") is False
    assert tuiyi.working_days_between(d, "2024-10-10") == 3
    p = tuiyi.period_end(datetime.date(2024, 9, 1), 30)
    assert set(p) == {"raw_end", "end", "extended"}
    assert type(p["raw_end"]) is datetime.date and type(p["end"]) is datetime.date
    assert p["raw_end"] == datetime.date(2024, 10, 1)
    assert p["extended"] is True and p["end"] == datetime.date(2024, 10, 8)


@needs_calendar
def test_date_subclass_accepted() -> None:
    class MyDate(datetime.date):
        pass

    assert tuiyi.add_working_days(MyDate(2024, 9, 30), 3) == datetime.date(2024, 10, 10)


@needs_calendar
def test_calendar_coverage_error() -> None:
    with pytest.raises(tuiyi.CalendarCoverageError) as ei:
        tuiyi.is_working_day(datetime.date(2031, 1, 6))
    e = ei.value
    assert e.kind == "calendar_coverage"
    assert e.code and e.message and e.message_en
    assert "2031" in e.message


def test_datetime_refused() -> None:
    dt = datetime.datetime(2024, 9, 30, 12, 0)
    with pytest.raises(TypeError, match="datetime"):
        tuiyi.add_working_days(dt, 3)
    with pytest.raises(TypeError, match="/form/basic_info/birth_date"):
        tuiyi.validate({"basic_info": {"birth_date": dt}})


def test_bad_date_strings() -> None:
    for s, code in [
        ("2024-9-30", "date_format"),
        ("2025-02-29", "date_no_such_day"),
        ("２０２４-０９-３０", "date_full_width"),
        (" 2024-09-30", "date_format"),
        ("", "date_format"),
    ]:
        with pytest.raises(tuiyi.BadInputError) as ei:
            tuiyi.is_working_day(s)
        assert (ei.value.code, ei.value.path) == (code, "/date"), s
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.working_days_between("2024-09-30", "2024/10/01")
    assert ei.value.path == "/b"
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate({}, today="yesterday")
    assert ei.value.path == "/today"


def test_year_below_1000_is_refused_like_the_string() -> None:
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.is_working_day(datetime.date(999, 1, 1))
    assert ei.value.code == "date_format"


# ---------------------------------------------------------------- wrong Python types


@pytest.mark.parametrize(
    "call",
    [
        lambda: tuiyi.add_working_days(20240930, 3),
        lambda: tuiyi.add_working_days(None, 3),
        lambda: tuiyi.add_working_days(b"2024-09-30", 3),
        lambda: tuiyi.add_working_days("2024-09-30", "3"),
        lambda: tuiyi.add_working_days("2024-09-30", 3.0),
        lambda: tuiyi.add_working_days("2024-09-30", True),
        lambda: tuiyi.add_working_days("2024-09-30", None),
        lambda: tuiyi.is_working_day(datetime.time(12, 0)),
        lambda: tuiyi.period_end("2024-09-30", [30]),
        lambda: tuiyi.working_days_between("2024-09-30", 1),
        lambda: tuiyi.schema(1),
        lambda: tuiyi.run(1, {}),
        lambda: tuiyi.Engine(rules_dir=1),
        lambda: tuiyi.validate({}, today=20240930),
        lambda: tuiyi.add_working_days("2024-09-30"),
    ],
)
def test_wrong_python_types_raise_type_error(call: Any) -> None:
    with pytest.raises(TypeError):
        call()


@pytest.mark.parametrize(
    "fn",
    [
        tuiyi.check_eligibility,
        tuiyi.required_materials,
        tuiyi.plan,
        tuiyi.validate,
        tuiyi.dispatch,
    ],
)
@pytest.mark.parametrize("arg", [[1, 2], "{}", None, 3, b"{}", {("a",)}])
def test_non_dict_input_is_type_error(fn: Any, arg: Any) -> None:
    with pytest.raises(TypeError, match="must be a dict"):
        fn(arg)


def test_non_dict_prereview_and_many() -> None:
    with pytest.raises(TypeError):
        tuiyi.prereview([], [])
    with pytest.raises(TypeError, match=r"forms\[1\]"):
        tuiyi.validate_many([{}, [1]])
    with pytest.raises(TypeError):
        tuiyi.validate_many({})
    with pytest.raises(TypeError):
        tuiyi.validate_many("abc")
    with pytest.raises(TypeError):
        tuiyi.validate_many(3)


# ---------------------------------------------------------------- conversion


def first_error(input: Any) -> tuiyi.TuiyiError:
    """The error check_eligibility raises for an applicant (conversion errors come first)."""
    with pytest.raises(tuiyi.TuiyiError) as ei:
        tuiyi.check_eligibility(input)
    return ei.value


@pytest.mark.parametrize("big", [2**64, -(2**63) - 1, 10**30, -(10**40)])
def test_huge_ints_are_bad_input(big: int) -> None:
    e = first_error({"x": {"y": [0, big]}})
    assert isinstance(e, tuiyi.BadInputError)
    assert (e.kind, e.code, e.path) == ("bad_input", "wrong_type", "/x/y/1")
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.add_working_days("2024-09-30", big)
    assert ei.value.path == "/n"


def test_64_bit_ints_convert() -> None:
    # Within 64 bits the value reaches the core (which then refuses the unknown field by name).
    for v in (2**63 - 1, 2**64 - 1, -(2**63)):
        e = first_error({"x": v})
        assert e.code == "unknown_field" and e.path == "/x"


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_bad_input(bad: float) -> None:
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate({"bank": {"balance": bad}})
    assert (ei.value.code, ei.value.path) == ("wrong_type", "/form/bank/balance")


@pytest.mark.parametrize(
    "value,type_name",
    [
        (b"bytes", "bytes"),
        (bytearray(b"x"), "bytearray"),
        ({1, 2}, "set"),
        (frozenset(), "frozenset"),
        (1 + 2j, "complex"),
        (object(), "object"),
        (datetime.time(1, 2), "time"),
        (iter([1]), "iterator"),
    ],
)
def test_unconvertible_values_are_type_errors_naming_the_path(value: Any, type_name: str) -> None:
    with pytest.raises(TypeError) as ei:
        tuiyi.validate({"family": [{}, {"name": value}]})
    msg = str(ei.value)
    assert "/form/family/1/name" in msg
    assert type_name in msg


class Hostile:
    """An object whose __str__, __repr__ and __eq__ all raise."""

    def __str__(self) -> str:
        raise RuntimeError("__str__ must not be called")

    def __repr__(self) -> str:
        raise RuntimeError("__repr__ must not be called")

    def __hash__(self) -> int:
        return 1

    def __eq__(self, other: object) -> bool:
        raise RuntimeError("__eq__ must not be called")


def test_hostile_objects() -> None:
    with pytest.raises(TypeError, match="Hostile"):
        tuiyi.validate({"a": Hostile()})
    with pytest.raises(TypeError, match="key"):
        tuiyi.validate({"a": {Hostile(): 1}})
    with pytest.raises(TypeError, match="key"):
        tuiyi.check_eligibility({1: "x"})


def test_str_subclass_with_hostile_str_is_a_string() -> None:
    class S(str):
        def __str__(self) -> str:
            raise RuntimeError("no")

    e = first_error({S("abc"): S("value")})
    assert e.code == "unknown_field" and e.path == "/abc"


def test_enums_mappings_and_tuples_convert() -> None:
    class Color(str, enum.Enum):
        RED = "红"

    class Num(enum.IntEnum):
        ONE = 1

    class Frozen(Mapping[str, Any]):
        def __init__(self, d: dict[str, Any]) -> None:
            self._d = d

        def __getitem__(self, k: str) -> Any:
            return self._d[k]

        def __iter__(self) -> Iterator[str]:
            return iter(self._d)

        def __len__(self) -> int:
            return len(self._d)

    value = {
        "s": Color.RED,
        "n": Num.ONE,
        "t": (1, "a", None, True, 1.5),
        "m": types.MappingProxyType({"k": [1]}),
        "o": collections.OrderedDict([("z", 1)]),
        "f": Frozen({"q": datetime.date(2024, 2, 29)}),
    }
    # Everything converts: the core then refuses the first unknown field by name.
    e = first_error(value)
    assert e.code == "unknown_field"
    # A non-dict Mapping is an object for the JSON facade too:
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.run("period_end", Frozen({"start": datetime.date(2024, 2, 29), "days": Num.ONE, "x": 1}))
    assert ei.value.path == "/x"


def test_lone_surrogate_is_bad_input() -> None:
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate({"name": "\ud800"})
    assert ei.value.path == "/form/name"


def nested(depth: int) -> Any:
    v: Any = []
    for _ in range(depth - 1):
        v = [v]
    return v


def test_depth_limit_matches_core() -> None:
    # The form is at depth 2 of the validate input; 63 more levels are allowed, 64 are not.
    tuiyi.validate({"x": nested(62)})
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate({"x": nested(63)})
    assert ei.value.code == "input_too_deep"
    assert ei.value.path.startswith("/form/x/0/0")
    # The same structure as JSON through the facade gives the same error.
    with pytest.raises(tuiyi.BadInputError) as ei2:
        tuiyi.run("validate", {"form": {"x": nested(63)}})
    assert (ei2.value.code, ei2.value.path) == (ei.value.code, ei.value.path)


def test_very_deep_and_cyclic_inputs_do_not_crash() -> None:
    deep: Any = {}
    cur = deep
    for _ in range(100_000):
        cur["a"] = {}
        cur = cur["a"]
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate(deep)
    assert ei.value.code == "input_too_deep"

    cyc: list[Any] = []
    cyc.append(cyc)
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate({"c": cyc})
    assert ei.value.code == "input_too_deep"

    d: dict[str, Any] = {}
    d["self"] = d
    with pytest.raises(tuiyi.BadInputError):
        tuiyi.check_eligibility(d)

    # A cycle that doubles at each level (2**64 paths) is stopped by the size budget.
    wide: list[Any] = []
    wide.append(wide)
    wide.append(wide)
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate({"w": wide})
    assert ei.value.code in ("input_too_large", "input_too_deep")


def test_size_limit() -> None:
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate({"k": ["x" * 900] * 5000})
    assert ei.value.code == "input_too_large"


def test_limits_of_the_core_apply() -> None:
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate({"family_members": [{}] * 201})
    assert (ei.value.code, ei.value.path) == ("input_list_too_long", "/form/family_members")
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate({"basic_info": {"name": "张" * 1001}})
    assert ei.value.code == "input_string_too_long"


def test_id_number_key_is_masked_in_paths_and_messages() -> None:
    with pytest.raises(TypeError) as ei:
        tuiyi.validate({"11010519491231002X": b"x"})
    assert "11010519491231002X" not in str(ei.value)
    assert "110*************2X" in str(ei.value)
    e = first_error({"11010519491231002X": 1})
    assert e.path == "/110*************2X"


# ---------------------------------------------------------------- errors


def test_bad_input_error_attributes() -> None:
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.run("add_working_days", {"date": "2024-09-30"})
    e = ei.value
    assert isinstance(e, ValueError) and isinstance(e, tuiyi.TuiyiError)
    assert (e.kind, e.code, e.path) == ("bad_input", "missing_field", "/n")
    assert e.message and e.message_en
    assert "missing_field" in str(e)


def test_unknown_operation() -> None:
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.run("no_such_op", {})
    assert ei.value.code == "unknown_operation"


def test_rule_pack_error_for_missing_directory(tmp_path: Any) -> None:
    with pytest.raises(tuiyi.TuiyiError) as ei:
        tuiyi.Engine(rules_dir=tmp_path / "does-not-exist")
    if isinstance(ei.value, tuiyi.InternalError):
        pytest.skip("rule-pack loading from a directory is not implemented on this branch yet")
    assert isinstance(ei.value, tuiyi.RulePackError)
    assert ei.value.kind == "rule_pack"
    with pytest.raises(tuiyi.TuiyiError) as ei2:
        tuiyi.Engine(calendar_dir=str(tmp_path / "does-not-exist"))
    assert isinstance(ei2.value, (tuiyi.RulePackError, tuiyi.BadInputError))


def test_panic_becomes_internal_error() -> None:
    with pytest.raises(tuiyi.InternalError) as ei:
        tuiyi._tuiyi._panic_for_tests()  # type: ignore[attr-defined]
    assert ei.value.kind == "internal"
    assert ei.value.code == "internal_error"
    assert "deliberate panic" in ei.value.message_en
    # The interpreter is still fine afterwards.
    with pytest.raises(tuiyi.BadInputError):
        tuiyi.is_working_day("x")


# ---------------------------------------------------------------- Engine


def test_engine_default_matches_module() -> None:
    eng = tuiyi.Engine()
    assert "Engine" in repr(eng)
    assert eng.codes() == tuiyi.codes()
    assert eng.conflicts() == tuiyi.conflicts()
    assert eng.guide() == tuiyi.guide()
    assert eng.form_schema() == tuiyi.form_schema()
    assert eng.validate({}, today="2025-01-01") == tuiyi.validate({}, today="2025-01-01")
    with pytest.raises(TypeError):
        class Sub(tuiyi.Engine):  # type: ignore[misc]
            pass


@needs_calendar
def test_engine_calendar_methods() -> None:
    eng = tuiyi.Engine()
    assert eng.add_working_days("2024-09-30", 3) == tuiyi.add_working_days("2024-09-30", 3)
    assert eng.period_end("2024-09-01", 30) == tuiyi.period_end("2024-09-01", 30)


def test_codes_and_catalogue_shapes() -> None:
    cs = tuiyi.codes()
    assert isinstance(cs, list) and cs
    assert {"code", "template_zh", "template_en"} <= set(cs[0])
    assert any(c["code"] == "wrong_type" for c in cs)
    assert isinstance(tuiyi.guide(), str)
    assert isinstance(tuiyi.conflicts(), list)


# ---------------------------------------------------------------- validate_many


def forms_for_many() -> list[dict[str, Any]]:
    base = example_form() or {"basic_info": {"name": "张三"}}
    forms: list[dict[str, Any]] = []
    for i in range(60):
        f = dict(base)
        if i % 3 == 1:
            f["unknown_section_%d" % i] = {"x": i}
        if i % 5 == 2:
            f = {k: v for k, v in list(f.items())[: max(1, len(f) // 2)]}
        forms.append(f)
    return forms


def test_validate_many_matches_serial_in_order() -> None:
    forms = forms_for_many()
    serial = [tuiyi.validate(f, today="2025-06-01") for f in forms]
    assert tuiyi.validate_many(forms, today="2025-06-01") == serial
    assert tuiyi.validate_many(tuple(forms), today=datetime.date(2025, 6, 1)) == serial
    assert tuiyi.validate_many(iter(forms), today="2025-06-01") == serial
    assert tuiyi.validate_many([]) == []


def test_validate_many_from_several_threads() -> None:
    forms = forms_for_many()
    serial = [tuiyi.validate(f, today="2025-06-01") for f in forms]
    results: dict[int, Any] = {}
    errors: list[BaseException] = []

    def worker(k: int) -> None:
        try:
            for _ in range(5):
                results[k] = tuiyi.validate_many(forms, today="2025-06-01")
                assert results[k] == serial
        except BaseException as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert all(results[k] == serial for k in range(6))


def test_validate_many_error_names_the_form() -> None:
    # The first form (in input order) that cannot be checked raises, whether the problem is found
    # while converting (the NaN, holding the GIL) or by the core (the depth, on a worker thread).
    deep: dict[str, Any] = {"x": nested(70)}
    nan: dict[str, Any] = {"y": float("nan")}
    for forms, path, code in [
        ([{}, {}, deep, nan], "/2/x/0", "input_too_deep"),
        ([{}, nan, deep], "/1/y", "wrong_type"),
        ([{}] * 40 + [deep] + [{}] * 40 + [nan], "/40/x/0", "input_too_deep"),
        ([{}] * 40 + [nan] + [{}] * 40 + [deep], "/40/y", "wrong_type"),
    ]:
        with pytest.raises(tuiyi.BadInputError) as ei:
            tuiyi.validate_many(forms)
        assert ei.value.code == code
        assert ei.value.path.startswith(path)
    with pytest.raises(TypeError, match=r"forms\[1\]"):
        tuiyi.validate_many([{}, 3, deep])
    with pytest.raises(tuiyi.BadInputError):
        tuiyi.validate_many([{}, deep, 3])


@needs_form
def test_example_form_validates() -> None:
    form = example_form()
    assert form is not None
    report = tuiyi.validate(form, today="2025-06-01")
    assert set(report) >= {"valid", "errors", "warnings"}


@needs_calendar
@needs_form
def test_typed_example_runs() -> None:
    """examples/example.py (checked by mypy --strict in test.sh) uses every function; it must also run."""
    import subprocess
    import sys
    from pathlib import Path

    example = Path(__file__).resolve().parents[1] / "examples" / "example.py"
    r = subprocess.run([sys.executable, str(example)], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "BadInputError" in r.stdout


def test_validate_many_converts_exactly_like_validate() -> None:
    """validate_many reads forms onto a tape that workers turn back into JSON: same result as validate."""

    class Num(enum.IntEnum):
        TWO = 2

    base = example_form() or {"basic_info": {"name": "张三"}}
    odd: dict[str, Any] = {
        "a": (1, 2.5, -(2**63), 2**64 - 1, None, True, False, "", "x" * 300),
        "b": types.MappingProxyType({"k": [datetime.date(2024, 2, 29), Num.TWO, 0.1 + 0.2]}),
        "c": collections.OrderedDict([("z", {}), ("y", [])]),
        "d": [[[[]]]],
        "e": "全角１２３ \u3000 tab\t nl\n quote\" backslash\\\\ nul\x00",
        "f": 1e308,
        "g": -0.0,
    }
    for v in (odd, base, [odd, base], "s", 1, None, nested(64), nested(70), {"k": nested(70)}):
        assert tuiyi._tuiyi._tape_roundtrip_for_tests(v)  # type: ignore[attr-defined]
    forms: list[Any] = [base, odd, {**base, **odd}, types.MappingProxyType(base), {}]
    serial = [tuiyi.validate(f, today="2025-06-01") for f in forms]
    assert tuiyi.validate_many(forms, today="2025-06-01") == serial
