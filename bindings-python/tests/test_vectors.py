"""Every shared vector in tests/vectors/**.json, through the binding (see tests/README.md for the format).

The calls are derived from the core's table of operations (``tuiyi.operations()``), not from a list of
our own: each case runs

- through ``tuiyi.run(op, input)`` (the JSON facade, input as Python data),
- through ``tuiyi.run_json(op, text)`` (the input as JSON text),
- through the generated function ``tuiyi.<op>(...)`` with the input's keys as arguments (or the whole
  input as the one argument), when the input can be written as such a call,

and every way must give the expected JSON (or the expected error's kind, code and path). A case with
``input_text`` instead of ``input`` holds the input as JSON text (for inputs a JSON file cannot hold,
e.g. a lone surrogate): it runs through ``run_json``, and through ``run`` on ``json.loads`` of it. A case
with ``form_bytes_hex`` gives a form's JSON text as bytes: ``validate``, ``validate_json``, ``run`` and
``validate_many`` each read it as ``bytes`` and as ``bytearray``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest

import tuiyi

VECTORS = Path(__file__).resolve().parents[2] / "tests" / "vectors"
OPS = {s["name"]: s for s in tuiyi.operations()}


def load_cases() -> list[tuple[str, dict[str, Any]]]:
    cases = []
    for f in sorted(VECTORS.rglob("*.json")):
        for case in json.loads(f.read_text(encoding="utf-8")):
            cases.append((str(f.relative_to(VECTORS)), case))
    return cases


CASES = load_cases()


def params(op: str) -> list[dict[str, Any]]:
    inp = OPS[op]["input"]
    if inp["shape"] == "whole":
        return [{"key": inp["name"], "required": True}] + list(inp["extra"])
    return list(inp["params"])


def as_call(op: str, inp: Any) -> Callable[[], Any] | None:
    """The generated function called with this input, or None when the input is not such a call."""
    if op not in OPS:
        return None
    fn = getattr(tuiyi, op)
    if OPS[op]["input"]["shape"] == "whole":
        return lambda: fn(inp)
    given = {} if inp is None else inp
    if not isinstance(given, dict):
        return None
    keys = {p["key"] for p in params(op)}
    required = {p["key"] for p in params(op) if p["required"]}
    if set(given) - keys or required - set(given):
        return None
    return lambda: fn(**given)


def check(name: str, case: dict[str, Any], call: Callable[[], Any], how: str) -> None:
    if "expected" in case:
        got = call()
        assert got == case["expected"], f"{name} via {how}"
        return
    with pytest.raises(tuiyi.TuiyiError) as ei:
        call()
    e = ei.value
    for k, v in case["error"].items():
        assert getattr(e, k) == v, f"{name} via {how}: error.{k} = {getattr(e, k)!r}, expected {v!r}"


@pytest.mark.parametrize(("file", "case"), CASES, ids=[c["name"] for _, c in CASES])
def test_vector(file: str, case: dict[str, Any]) -> None:
    name, op = case["name"], case["op"]
    if "form_bytes_hex" in case:
        # The form's JSON text as bytes (an HTTP body as received): validate, validate_json and validate_many.
        raw = bytes.fromhex(case["form_bytes_hex"])
        today = case["input"].get("today")
        for form in (raw, bytearray(raw)):
            kind = type(form).__name__
            check(name, case, lambda: tuiyi.validate(form, today), f"validate({kind})")
            check(name, case, lambda: tuiyi.validate_json(form, today), f"validate_json({kind})")
            check(name, case, lambda: tuiyi.run(op, {"form": form, "today": today}), f"run({kind})")
        if "expected" in case:
            assert tuiyi.validate_many([raw, raw], today) == [case["expected"]] * 2, name
        else:
            with pytest.raises(tuiyi.TuiyiError) as ei:
                tuiyi.validate_many([{}, raw], today)
            assert ei.value.code == case["error"]["code"] and ei.value.path == "/1" + case["error"]["path"][5:]
        return
    if "input_text" in case:
        text = case["input_text"]
        check(name, case, lambda: tuiyi.run_json(op, text), "run_json")
        # json.loads, like JSON.parse, refuses a byte-order mark: the object path starts after it.
        check(name, case, lambda: tuiyi.run(op, json.loads(text.lstrip("\ufeff"))), "run(json.loads)")
        return
    inp = case.get("input")
    check(name, case, lambda: tuiyi.run(op, inp), "run")
    check(name, case, lambda: tuiyi.run_json(op, json.dumps(inp, ensure_ascii=False)), "run_json")
    call = as_call(op, inp)
    if call is not None:
        check(name, case, call, f"tuiyi.{op}")


def test_every_operation_has_a_vector() -> None:
    ops = {c["op"] for _, c in CASES}
    missing = set(OPS) - ops
    assert not missing, f"operations without a shared vector: {sorted(missing)}"


def test_most_vectors_run_as_calls() -> None:
    as_calls = sum(1 for _, c in CASES if "input" in c and as_call(c["op"], c.get("input")) is not None)
    assert as_calls > 0.8 * len(CASES), f"only {as_calls} of {len(CASES)} cases are expressible as calls"
