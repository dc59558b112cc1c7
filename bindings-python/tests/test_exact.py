"""The two readers of Python values agree: a call whose arguments are all exact built-in JSON types (dict, list,
tuple, str, int, float, bool, None) is read without a reference per value (`src/exact.rs`); any other call is
read through pyo3 (`src/convert.rs`). A subclass anywhere sends the whole call to the second reader, so the
same form given once as plain dicts and once with one subclass in it must give the same report, and the same
error at the same path when it cannot be read."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from conftest import ROOT

import tuiyi


class D(dict):  # type: ignore[type-arg]
    """A dict subclass: not an exact type, so the call is read by the general reader."""


class S(str):
    """A str subclass: the same."""


def slow(form: Any) -> Any:
    """`form` with its root made a dict subclass (the general reader from the start)."""
    return D(form) if isinstance(form, dict) else form


def slow_at_end(form: dict[str, Any]) -> dict[str, Any]:
    """`form` with its last string value made a str subclass: the exact reader reads nearly all of it, then
    gives it up."""
    out = json.loads(json.dumps(form))
    last: tuple[dict[str, Any], str] | None = None
    stack: list[Any] = [out]
    while stack:
        v = stack.pop()
        if isinstance(v, dict):
            for k, x in v.items():
                if isinstance(x, str):
                    last = (v, k)
                stack.append(x)
        elif isinstance(v, list):
            stack.extend(v)
    assert last is not None
    last[0][last[1]] = S(last[0][last[1]])
    return out


def cases() -> list[tuple[dict[str, Any], str]]:
    out = []
    for name in ("valid.jsonl", "defects.jsonl"):
        for line in (ROOT / "tests" / "forms" / "generated" / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                c = json.loads(line)
                out.append((c["form"], c.get("today", "2025-06-01")))
    return out


CASES = cases()


def test_forms_read_by_either_reader_give_the_same_report() -> None:
    assert len(CASES) > 300
    for form, today in CASES:
        want = tuiyi.validate(slow(form), today=today)
        assert tuiyi.validate(form, today=today) == want
        assert tuiyi.validate(slow_at_end(form), today=today) == want
        assert tuiyi.normalize(form, today=today) == tuiyi.normalize(slow(form), today=today)


def test_today_as_a_date_object_is_read_as_its_string() -> None:
    form, today = CASES[0]
    d = datetime.date.fromisoformat(today)
    assert tuiyi.validate(form, today=d) == tuiyi.validate(form, today=today)


def test_every_json_type_reads_alike() -> None:
    values: list[Any] = [None, True, False, 0, -1, 2**63 - 1, -(2**63), 2**63, 2**70, 1.5, -0.0, 1e300, "", "张三",
                         "a\u3000b", [], (), [1, "x", None], (1, (2, [3])), {}, {"k": {"k": [True, 2.5]}}]
    for v in values:
        form = {"basic_info": {"name": v}, "other_info": {"x": [v, {"y": v}]}}
        assert tuiyi.validate(form, today="2025-06-01") == tuiyi.validate(slow(form), today="2025-06-01"), v


def test_strings_beyond_ascii_encode_alike_at_every_width() -> None:
    """Each kind of str (one, two and four bytes a character), every UTF-8 length, short and long, as a key and
    as a value: the exact reader's report is the general reader's."""
    chars = ["a", "\u00e9", "\u00ff", "\u0100", "\u07ff", "\u0800", "\u4e2d", "\uffff", "\U00010000",
             "\U0001f600", "\U0010ffff", "\u3000", "\uff11", "\x00", "\x7f", "\x80"]
    values = [c * n for c in chars for n in (1, 2, 7, 8, 9, 15, 16, 17, 255, 256, 257)]
    values += ["张三" + c for c in chars] + [c + "a" * 255 for c in chars] + ["a" * 255 + c for c in chars]
    # ASCII runs of every length up to 17 inside two-byte text (the encoder keeps the ASCII prefix of each
    # eight characters and goes on one by one from the first other one).
    values += ["中" * k + "a" * n + "中" * m for k in (1, 8) for n in range(18) for m in (1, 9)]
    for v in values:
        form = {"basic_info": {"name": v, "gender": v}, "other_info": {v: [v, {"y": v}]}}
        got = tuiyi.validate(form, today="2025-06-01")
        assert got == tuiyi.validate(slow(form), today="2025-06-01"), ascii(v[:8])
        assert tuiyi.normalize(form, today="2025-06-01") == tuiyi.normalize(slow(form), today="2025-06-01")


def test_form_text_given_as_str_reads_as_its_bytes() -> None:
    """A form's JSON text as a `str` (two-byte storage when it holds Chinese, four-byte with an emoji) gives the
    report its UTF-8 bytes give, for ASCII runs of every length between the Chinese."""
    for n in range(18):
        for tail in ("", "\U0001f600", "\u00e9"):
            name, address = "王" * 3 + "a" * n + tail, "山西省太原市小店区平阳路12号" + "b" * n
            form = {"basic_info": {"name": name, "address": address}}
            text = json.dumps(form, ensure_ascii=False)
            assert tuiyi.validate_json(text, "2025-06-01") == tuiyi.validate_json(text.encode(), "2025-06-01"), n
            # A str subclass keeps its characters apart from its header (not "compact"): read from there.
            assert tuiyi.normalize(S(text), "2025-06-01") == tuiyi.normalize(text.encode(), "2025-06-01"), n


def test_strings_of_every_width_read_as_their_utf8() -> None:
    """Keys and values of one, two and four bytes a character (ASCII, Latin-1, UCS-2, UCS-4: the width the
    reader takes from each str's header), as plain dicts and as a str subclass's form text, read as the same
    form's UTF-8 bytes read: the canonical form (which gives every value back) is the same."""
    for c in ("a", "\u00e9", "\u4e2d", "\U0001f600"):
        for n in (1, 3, 8, 31, 32, 40):
            v = c * n
            form = {"basic_info": {"name": v, "current_address": "a" + v}, "other_info": {v: [v, {"k" + v: v}]}}
            text = json.dumps(form, ensure_ascii=False)
            want = tuiyi.normalize(text.encode(), "2025-06-01")
            assert tuiyi.normalize(form, "2025-06-01") == want, ascii(v[:4])
            assert tuiyi.normalize(text, "2025-06-01") == want, ascii(v[:4])
            assert tuiyi.normalize(S(text), "2025-06-01") == want, ascii(v[:4])


@pytest.mark.parametrize("where", [0, 1, 7, 8, 9, 16, 40])
def test_a_lone_surrogate_in_form_text_given_as_str_is_refused(where: int) -> None:
    """As UCS-2 a surrogate pair is two lone surrogates (a `str` of code points), refused as CPython refuses it."""
    text = json.dumps({"basic_info": {"name": "中" * 48}}, ensure_ascii=False)
    at = text.index("中") + where
    for bad in (text[:at] + "\udc00" + text[at + 1:], text[:at] + "\ud83d\ude00" + text[at + 1:]):
        with pytest.raises(tuiyi.TuiyiError) as ei:
            tuiyi.validate_json(bad, "2025-06-01")
        assert (ei.value.code, ei.value.path) == ("input_lone_surrogate", "/form")


@pytest.mark.parametrize("n", [*range(1, 10), 31, 32, 33])
def test_short_values_beyond_ascii_read_as_written(n: int) -> None:
    """A value of two-byte storage shorter than 32 characters is encoded by its own loop (`put_ucs2`): each
    kind of character at each place reads as its UTF-8 does, and a surrogate anywhere is refused as the
    general reader refuses it."""
    kinds = ["a", "7", "\u00e9", "\u00b7", "\u07ff", "\u0800", "\u4e2d", "\ud7ff", "\ue000", "\uff10", "\uffff"]
    for k in range(len(kinds)):
        v = "".join(kinds[(k + j) % len(kinds)] for j in range(n))
        form = {"basic_info": {"name": v, "current_address": "\u4e2d" + v}}
        text = json.dumps(form, ensure_ascii=False).encode()
        got = tuiyi.normalize(form, today="2025-06-01")
        assert got == tuiyi.normalize(slow(form), today="2025-06-01"), ascii(v)
        assert got == tuiyi.normalize(text, today="2025-06-01"), ascii(v)
        for at in range(n):
            bad = v[:at] + "\udc00" + v[at + 1:]
            assert error_of({"basic_info": {"name": bad}}) == ("input_lone_surrogate", "/form/basic_info/name")
            assert error_of({"basic_info": {"name": bad}}) == error_of(slow({"basic_info": {"name": bad}}))


@pytest.mark.parametrize("where", [0, 1, 7, 8, 9, 255, 256, 511])
def test_a_lone_surrogate_in_a_string_beyond_ascii_is_the_general_readers_error(where: int) -> None:
    v = "\u4e2d" * 512
    v = v[:where] + "\udc00" + v[where + 1:]
    assert error_of({"basic_info": {"name": v}}) == error_of(slow({"basic_info": {"name": v}}))
    assert error_of({"basic_info": {"name": v}})[0] == "input_lone_surrogate"


def error_of(form: Any) -> tuple[str, str]:
    with pytest.raises(tuiyi.TuiyiError) as ei:
        tuiyi.validate(form, today="2025-06-01")
    return (ei.value.code, ei.value.path)


@pytest.mark.parametrize(
    "form",
    [
        {"basic_info": {"name": "a\ud800"}},
        {"basic_info": {"name\ud800": "a"}},
        {"basic_info": {"name": "张" * 2_000_000}},
        {"basic_info": {"张" * 2_000_000: 1}},
        {"basic_info": {1: "x"}},
        {"basic_info": {"name": float("nan")}},
        {"basic_info": {"name": float("inf")}},
        {"basic_info": {"name": 2**2000}},
        {"basic_info": {"name": b"x"}},
        {"basic_info": {"name": {1, 2}}},
        {"x": [{f"k{i}": list(range(200)) for i in range(200)}] * 10},
        {"x": "y" * 3_000_000},
    ],
    ids=["surrogate", "surrogate-key", "long", "long-key", "int-key", "nan", "inf", "huge-int", "bytes", "set",
         "too-many", "too-large"],
)
def test_what_cannot_be_read_is_the_same_error_at_the_same_path(form: dict[str, Any]) -> None:
    assert error_of(form) == error_of(slow(form))


def test_nesting_past_the_limit_is_the_same_error() -> None:
    deep: Any = "x"
    for _ in range(200):
        deep = [deep]
    assert error_of({"x": deep}) == error_of(slow({"x": deep}))
    cyc: dict[str, Any] = {}
    cyc["x"] = cyc
    assert error_of(cyc) == ("input_too_deep", error_of(cyc)[1])


def test_one_str_object_in_many_places_and_the_form_kept_by_the_caller_only() -> None:
    name = "".join(["张", "三"])  # a str made at run time, held only by the form below
    form = {"basic_info": {"name": name, "emergency_contact": name}, "family_members": [{"name": name}] * 50}
    del name
    want = tuiyi.validate(slow(form), today="2025-06-01")
    for _ in range(3):
        assert tuiyi.validate(form, today="2025-06-01") == want


def test_validate_many_reads_plain_and_other_forms_alike() -> None:
    forms: list[Any] = []
    days = "2025-06-01"
    for i, (form, _) in enumerate(CASES[:120]):
        kind = i % 5
        forms.append(
            form if kind == 0 else slow(form) if kind == 1 else slow_at_end(form) if kind == 2
            else json.dumps(form, ensure_ascii=False) if kind == 3 else json.dumps(form).encode()
        )
    want = [tuiyi.validate(slow(f) if isinstance(f, dict) else json.loads(f), today=days) for f in forms]
    assert tuiyi.validate_many(forms, today=days) == want
    # A form the exact reader gives up on part-way (a str subclass as its last value), between plain ones: the
    # tape holds nothing of the attempt.
    mixed = [CASES[0][0], slow_at_end(CASES[1][0]), CASES[2][0]]
    assert tuiyi.validate_many(mixed, today=days) == [tuiyi.validate(f, today=days) for f in mixed]
    with pytest.raises(tuiyi.BadInputError) as ei:
        tuiyi.validate_many([CASES[0][0], {"basic_info": {"name": "a\ud800"}}], today=days)
    assert (ei.value.code, ei.value.path) == ("input_lone_surrogate", "/1/basic_info/name")
