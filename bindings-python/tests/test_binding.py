"""What only the Python face has: Python types in and out, argument binding, the exception classes, host
objects that misbehave, threads, fork and signals, and the promise that no output shows a personal number."""

from __future__ import annotations

import collections
import datetime
import enum
import inspect
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from typing import Any, Iterator

import pytest
from conftest import ROOT, example_form

import tuiyi

FORM: dict[str, Any] = example_form()
TODAY = "2025-06-01"


# --------------------------------------------------------------------------- surface


def test_every_operation_is_a_function_and_a_method() -> None:
    names = [s["name"] for s in tuiyi.operations()]
    assert {"validate", "add_working_days", "plan", "operations"} <= set(names)
    for n in names:
        assert callable(getattr(tuiyi, n)), n
        assert callable(getattr(tuiyi.Engine, n)), n
        assert n in tuiyi.__all__


def test_signatures_follow_the_table() -> None:
    assert str(inspect.signature(tuiyi.add_working_days)) == "(date, n, mode=None)"
    assert str(inspect.signature(tuiyi.validate)) == "(form, today=None)"
    assert str(inspect.signature(tuiyi.prereview)) == "(form, submitted=None, today=None)"
    assert str(inspect.signature(tuiyi.plan)) == "(application, today=None, calendar_mode=None)"
    assert str(inspect.signature(tuiyi.Engine.validate)) == "(self, form, today=None)"
    assert "工作日" in (tuiyi.add_working_days.__doc__ or "")


def test_call_errors_are_type_errors_in_pythons_words() -> None:
    with pytest.raises(TypeError, match=r"missing required argument: 'n'"):
        tuiyi.add_working_days("2024-09-30")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'x'"):
        tuiyi.is_working_day("2024-09-30", x=1)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="takes 3 positional arguments but 4 were given"):
        tuiyi.add_working_days("2024-09-30", 1, "refuse", 2)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="multiple values"):
        tuiyi.add_working_days("2024-09-30", 1, n=2)  # type: ignore[misc]


def test_error_hierarchy() -> None:
    assert issubclass(tuiyi.TuiyiError, ValueError)
    for c in (tuiyi.BadInputError, tuiyi.CalendarCoverageError, tuiyi.RulePackError, tuiyi.InternalError):
        assert issubclass(c, tuiyi.TuiyiError)
    assert issubclass(tuiyi.WrongTypeError, tuiyi.BadInputError)
    assert issubclass(tuiyi.WrongTypeError, TypeError)


def test_negative_count_in_plain_words() -> None:
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.add_working_days("2024-09-30", -1)
    e = ei.value
    assert (e.code, e.path) == ("invalid_value", "/n")
    assert "non-negative integer" in e.message_en and "u32" not in e.message_en
    assert "非负整数" in e.message


# --------------------------------------------------------------------------- dates in and out


def test_dates_in_as_date_or_str_out_as_str() -> None:
    assert tuiyi.add_working_days(datetime.date(2024, 9, 30), 3) == "2024-10-10"
    assert tuiyi.add_working_days("2024-09-30", 3) == "2024-10-10"
    assert tuiyi.period_end("2024-09-01", 30) == {"raw_end": "2024-10-01", "end": "2024-10-08", "extended": True}

    class D(datetime.date):
        pass

    assert tuiyi.is_working_day(D(2024, 10, 12)) is True
    app = json.loads((ROOT / "examples" / "applicant.json").read_text(encoding="utf-8"))
    plan = tuiyi.plan(app, today=datetime.date(2024, 10, 8))
    assert plan["today"] == "2024-10-08"
    assert all(isinstance(i["due"]["date"], (str, type(None))) for i in plan["items"])


def test_datetime_is_refused_with_a_hint() -> None:
    with pytest.raises(tuiyi.WrongTypeError) as ei:
        tuiyi.is_working_day(datetime.datetime(2024, 10, 1, 9, 0))
    assert ei.value.path == "/date" and "dt.date()" in ei.value.message_en


def test_calendar_coverage_error() -> None:
    with pytest.raises(tuiyi.CalendarCoverageError) as ei:
        tuiyi.is_working_day(datetime.date(2040, 1, 6))
    assert ei.value.code == "calendar_year_not_covered"


# --------------------------------------------------------------------------- forms: dict, text, anything


def test_form_as_dict_or_json_text() -> None:
    r1 = tuiyi.validate(FORM, today=TODAY)
    r2 = tuiyi.validate(json.dumps(FORM, ensure_ascii=False), today=TODAY)
    r3 = tuiyi.validate_json(json.dumps(FORM), TODAY)
    assert r1 == r2 == r3 and r1["valid"]
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate_json("{not json", TODAY)
    assert ei.value.code == "json_syntax"
    # Its UTF-8 bytes (an HTTP body as received), as pydantic's model_validate_json takes them; anything else
    # that is not text is a TypeError before the core is reached.
    body = json.dumps(FORM, ensure_ascii=False).encode()
    assert tuiyi.validate_json(body, TODAY) == tuiyi.validate(bytearray(body), TODAY) == r1
    with pytest.raises(TypeError):
        tuiyi.validate_json(memoryview(body))  # type: ignore[arg-type]
    with pytest.raises(tuiyi.WrongTypeError):
        tuiyi.validate(memoryview(body))  # type: ignore[arg-type]


def test_a_form_that_is_not_an_object_is_a_report_as_in_every_face() -> None:
    r = tuiyi.validate([1, 2], today=TODAY)
    assert r["valid"] is False and r["errors"][0]["code"] == "form_wrong_type"


def test_enums_mappings_tuples_and_int_subclasses_convert() -> None:
    class Cat(str, enum.Enum):
        A = "义务兵"

    class N(enum.IntEnum):
        THREE = 3

    class M(collections.abc.Mapping):  # type: ignore[type-arg]
        def __init__(self, d: dict[str, Any]) -> None:
            self.d = d

        def __getitem__(self, k: str) -> Any:
            return self.d[k]

        def __iter__(self) -> Iterator[str]:
            return iter(self.d)

        def __len__(self) -> int:
            return len(self.d)

    assert tuiyi.add_working_days("2024-09-30", N.THREE) == "2024-10-10"
    assert tuiyi.validate(M(FORM), today=TODAY) == tuiyi.validate(FORM, today=TODAY)
    r = tuiyi.run("add_working_days", M({"date": "2024-09-30", "n": 3}))
    assert r == "2024-10-10"
    assert Cat.A == "义务兵"


@pytest.mark.parametrize(
    ("value", "got"),
    [(b"x", "bytes"), ({1, 2}, "set"), (object(), "object"), (float("nan"), "NaN"), (1j, "complex")],
)
def test_values_json_cannot_carry_are_wrong_type_at_their_path(value: Any, got: str) -> None:
    with pytest.raises(tuiyi.WrongTypeError) as ei:
        tuiyi.validate({"basic_info": {"name": value}}, today=TODAY)
    assert ei.value.path == "/form/basic_info/name"
    assert got in ei.value.message_en


def test_non_str_keys_are_wrong_type() -> None:
    with pytest.raises(tuiyi.WrongTypeError) as ei:
        tuiyi.validate({"basic_info": {1: "x"}}, today=TODAY)
    assert ei.value.path == "/form/basic_info"


def test_big_ints_read_as_a_json_text_would() -> None:
    text = tuiyi.run_json("validate", json.dumps({"form": {"service_info": {"years_of_service": 2**70}}, "today": TODAY}))
    obj = tuiyi.run("validate", {"form": {"service_info": {"years_of_service": 2**70}}, "today": TODAY})
    assert text == obj


def test_lone_surrogate_is_the_same_error_as_in_text() -> None:
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate({"basic_info": {"name": "a\ud800"}}, today=TODAY)
    assert (ei.value.code, ei.value.path) == ("input_lone_surrogate", "/form/basic_info/name")
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.run_json("validate", '{"form": {"basic_info": {"name": "a\\ud800"}}}')
    assert (ei.value.code, ei.value.path) == ("input_lone_surrogate", "/form/basic_info/name")


def test_limits_are_checked_before_copying_and_cycles_end() -> None:
    big = "张" * 2_000_000
    t0 = time.perf_counter()
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate({"basic_info": {"name": big}}, today=TODAY)
    assert ei.value.code == "input_string_too_long"
    assert time.perf_counter() - t0 < 0.5
    cyc: dict[str, Any] = {}
    cyc["x"] = cyc
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate(cyc, today=TODAY)
    assert ei.value.code == "input_too_deep"
    wide = {f"k{i}": list(range(200)) for i in range(200)}
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate({"x": [wide] * 10}, today=TODAY)
    assert ei.value.code in ("input_too_many_values", "input_too_large")


class Hostile(collections.abc.Mapping):  # type: ignore[type-arg]
    """A mapping whose items() raises, or changes its parent while the parent is read."""

    def __init__(self, parent: dict[str, Any] | None = None, boom: bool = False) -> None:
        self.parent, self.boom = parent, boom

    def __getitem__(self, k: str) -> Any:
        raise KeyError(k)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0

    def items(self) -> Any:  # type: ignore[override]
        if self.boom:
            raise RuntimeError("boom 110101199003071233")
        if self.parent is not None:
            for i in range(100):
                self.parent[f"added{i}"] = i
        return []


def test_hostile_mappings_give_a_coded_error_and_print_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate({"a": Hostile(boom=True)}, today=TODAY)
    assert (ei.value.code, ei.value.path) == ("invalid_input", "/form/a")
    assert "110101199003071233" not in str(ei.value)
    parent: dict[str, Any] = {}
    parent["m"] = Hostile(parent)
    parent["z"] = 1
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate(parent, today=TODAY)
    assert ei.value.code == "invalid_input"
    out, err = capfd.readouterr()
    assert "panicked" not in err and "panic" not in err, err


def test_panic_is_internal_error_and_silent(capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(tuiyi.InternalError) as ei:
        tuiyi._tuiyi._panic_for_tests()  # type: ignore[attr-defined]
    assert "110101199003071233" not in repr(ei.value)
    _, err = capfd.readouterr()
    assert err == "", err


# --------------------------------------------------------------------------- engines


def test_engine_from_directories(tmp_path: Any) -> None:
    e = tuiyi.Engine()
    assert e.add_working_days("2024-09-30", 3) == "2024-10-10"
    assert e.validate(FORM, today=TODAY) == tuiyi.validate(FORM, today=TODAY)
    with pytest.raises(tuiyi.RulePackError) as ei:
        tuiyi.Engine(rules_dir=tmp_path / "110101199003071233" / "nope")
    assert "110101199003071233" not in str(ei.value)
    assert len(str(ei.value)) < 600


# --------------------------------------------------------------------------- validate_many


def forms(n: int) -> list[Any]:
    out: list[Any] = []
    for i in range(n):
        f = json.loads(json.dumps(FORM))
        if i % 3 == 1:
            f["basic_info"]["phone"] = "123"
        out.append(f if i % 5 else json.dumps(f, ensure_ascii=False))
    return out


def test_validate_many_matches_validate_in_order() -> None:
    fs = forms(100)
    assert tuiyi.validate_many(fs, today=TODAY) == [tuiyi.validate(f, today=TODAY) for f in fs]
    assert tuiyi.validate_many([], today=TODAY) == []
    assert tuiyi.validate_many(iter(fs[:3]), TODAY) == [tuiyi.validate(f, today=TODAY) for f in fs[:3]]


def test_validate_many_errors() -> None:
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate_many([], today="2025-13-01")
    assert (ei.value.code, ei.value.path) == ("date_no_such_day", "/today")
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate_many(forms(40) + [{"basic_info": {"name": "张" * 1001}}], today=TODAY)
    assert (ei.value.code, ei.value.path) == ("input_string_too_long", "/40/basic_info/name")
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate_many(forms(3) + ["{bad"], today=TODAY)
    assert (ei.value.code, ei.value.path) == ("json_syntax", "/3")
    with pytest.raises(TypeError):
        tuiyi.validate_many(FORM, today=TODAY)  # type: ignore[arg-type]


def test_validate_many_from_several_threads() -> None:
    fs = forms(60)
    want = tuiyi.validate_many(fs, today=TODAY)
    got: list[Any] = []

    def run() -> None:
        got.append(tuiyi.validate_many(fs, today=TODAY))

    ts = [threading.Thread(target=run) for _ in range(4)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    assert got == [want] * 4


def _child(q: Any) -> None:
    q.put(len(tuiyi.validate_many(forms(50), today=TODAY)))


@pytest.mark.skipif(sys.platform != "linux", reason="fork")
def test_validate_many_works_in_a_forked_child() -> None:
    tuiyi.validate_many(forms(50), today=TODAY)  # the parent's pool exists
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_child, args=(q,))
    p.start()
    p.join(60)
    alive = p.is_alive()
    if alive:
        p.kill()
    assert not alive, "validate_many hung in a forked child"
    assert q.get(timeout=5) == 50


@pytest.mark.skipif(sys.platform != "linux", reason="signals")
def test_ctrl_c_during_validate_many_takes_effect_promptly() -> None:
    # The child installs Python's SIGINT handler itself: started from a background job of a shell without job
    # control (`cmd &` in a script, nohup), it inherits SIGINT ignored, and Python then leaves it ignored.
    code = f"""
import json, signal, sys, time, tuiyi
signal.signal(signal.SIGINT, signal.default_int_handler)
form = json.load(open({str(ROOT / 'examples' / 'form.json')!r}))
forms = [form] * 400_000
print("ready", flush=True)
t0 = time.perf_counter()
try:
    tuiyi.validate_many(forms, today="2025-06-01")
    print("finished", flush=True)
except KeyboardInterrupt:
    print("interrupted %.2f" % (time.perf_counter() - t0), flush=True)
"""
    p = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert p.stdout is not None
    assert p.stdout.readline().strip() == "ready"
    time.sleep(0.5)
    t0 = time.perf_counter()
    p.send_signal(signal.SIGINT)
    line = p.stdout.readline().strip()
    p.wait(30)
    assert line.startswith("interrupted"), line
    assert time.perf_counter() - t0 < 3.0, f"SIGINT took {time.perf_counter() - t0:.1f} s"


# --------------------------------------------------------------------------- personal numbers


PII = ["110101199003071233", "6222021234567890123", "13912345678"]


def shapes(n: str) -> list[Any]:
    fw = "".join(chr(ord(c) - 0x30 + 0xFF10) for c in n)
    spaced = " ".join(n[i : i + 4] for i in range(0, len(n), 4))
    dashed = "-".join(n[i : i + 4] for i in range(0, len(n), 4))
    zw = "\u200b".join(n)
    arabic = "".join(chr(ord(c) - 0x30 + 0x660) for c in n)
    return [n, fw, spaced, dashed, zw, arabic, int(n)]


def leaks(secret: str, text: str) -> bool:
    digits = {str(d) for d in range(10)}

    def fold(s: str) -> str:
        out = []
        for ch in s:
            if ch.isdigit() and ch.isdecimal():
                out.append(str(int(ch)))
            elif ch in " -\u200b\u3000_\u2011\u2010\u2012\u2013\u2014":
                continue
            else:
                out.append("|")
        return "".join(out)

    f = fold(text)
    return any(secret[i : i + 7] in f for i in range(len(secret) - 6)) and bool(digits)


def every_position(form: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(form, dict):
        for k, v in form.items():
            yield from every_position(v, path + (k,))
    elif isinstance(form, list):
        for i, v in enumerate(form):
            yield from every_position(v, path + (i,))
    else:
        yield path


def put(form: Any, path: tuple[Any, ...], value: Any) -> Any:
    f = json.loads(json.dumps(form))
    cur = f
    for k in path[:-1]:
        cur = cur[k]
    cur[path[-1]] = value
    return f


def test_no_output_shows_a_personal_number_however_typed() -> None:
    positions = list(every_position(FORM))
    checked = 0
    for secret in PII:
        for value in shapes(secret):
            for pos in positions[::3]:
                f = put(FORM, pos, value)
                for out in (tuiyi.validate(f, today=TODAY), tuiyi.prereview(f, [], TODAY)):
                    text = json.dumps(out, ensure_ascii=False)
                    assert not leaks(secret, text), (secret, value, pos, text[:300])
                checked += 1
            # as an unknown key
            f = json.loads(json.dumps(FORM))
            f["basic_info"][str(value)] = 1
            text = json.dumps(tuiyi.validate(f, today=TODAY), ensure_ascii=False)
            assert not leaks(secret, text), text[:300]
            # in an error
            try:
                tuiyi.add_working_days(value, 1)
            except tuiyi.TuiyiError as e:
                assert not leaks(secret, str(e) + repr(e) + e.path), str(e)
    assert checked > 300
