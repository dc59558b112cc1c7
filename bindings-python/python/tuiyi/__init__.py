"""tuiyi · 山西省军人退役“一件事”规则引擎 (Python binding).

Conversion only: every function takes and returns plain Python data shaped exactly like the CLI's JSON,
and calls the Rust core. The functions are the rows of the core's table of operations
(``tuiyi.operations()``), each a module function over the embedded rules and a method of ``Engine``.

- Arguments: JSON-shaped Python data; dates as ``'YYYY-MM-DD'`` strings or ``datetime.date``; a form as a
  dict or its JSON text.
- Results: JSON-shaped data (dicts, lists, str, int, float, bool, None) — dates are ``'YYYY-MM-DD'``
  strings everywhere, exactly as the CLI and the Node package print them (use
  ``datetime.date.fromisoformat`` for a ``date``).
- Errors: ``TuiyiError`` (a ``ValueError``) subclasses with ``kind``, ``code``, ``path``, ``message`` and
  ``message_en``; a value of a wrong type is ``WrongTypeError``, both a ``BadInputError`` and a
  ``TypeError``; a wrong call (missing argument, unknown keyword) is a plain ``TypeError``.
"""

from __future__ import annotations

import inspect
from typing import Any, Callable, Iterable

from tuiyi._tuiyi import (
    BadInputError,
    CalendarCoverageError,
    InternalError,
    RulePackError,
    TuiyiError,
    WrongTypeError,
    __version__,
    operations,
)
from tuiyi._tuiyi import Engine as _NativeEngine
from tuiyi import types
from tuiyi.types import *  # noqa: F403  (the TypedDicts of every input and result)

_OPERATIONS: list[dict[str, Any]] = operations()


def _params(sig: dict[str, Any]) -> list[dict[str, Any]]:
    """The parameters of an operation in positional order (as the core's ``Signature::params``)."""
    inp = sig["input"]
    if inp["shape"] == "whole":
        return [{"key": inp["name"], "required": True, "title": ""}] + list(inp["extra"])
    return list(inp["params"])


def _signature(sig: dict[str, Any], method: bool) -> inspect.Signature:
    params = []
    if method:
        params.append(inspect.Parameter("self", inspect.Parameter.POSITIONAL_OR_KEYWORD))
    for p in _params(sig):
        params.append(
            inspect.Parameter(
                p["key"],
                inspect.Parameter.POSITIONAL_OR_KEYWORD,
                default=inspect.Parameter.empty if p["required"] else None,
            )
        )
    return inspect.Signature(params)


def _doc(sig: dict[str, Any]) -> str:
    lines = [f"{sig['title']} · {sig['summary']}", ""]
    for p in _params(sig):
        opt = "" if p["required"] else " (optional)"
        lines.append(f"{p['key']}{opt}: {p.get('title') or ''}".rstrip())
    returns = sig["returns"]
    schema = returns.get("schema")
    lines.append("")
    lines.append(
        f"Returns: {returns['type']}" + (f" (tuiyi.schema({schema!r}))" if schema else "")
    )
    return "\n".join(lines)


class Engine(_NativeEngine):
    """A rule pack and a calendar: ``Engine(rules_dir=None, calendar_dir=None)`` loads either from a
    directory (e.g. a ``2027.json`` added the day the State Council's notice appears), keeping the
    embedded one for the other. Thread-safe. Every operation of ``tuiyi.operations()`` is a method."""

    def validate_json(self, text: str | bytes | bytearray, today: Any = None) -> Any:
        """``validate`` with the form as its JSON text: a ``str``, or its UTF-8 ``bytes`` / ``bytearray`` (an
        HTTP body as received), as pydantic's ``model_validate_json`` takes it."""
        if not isinstance(text, (str, bytes, bytearray)):
            raise TypeError(f"text must be a str, bytes or bytearray, not {type(text).__name__}")
        return self.call("validate", (text,), {"today": today})


def _method(name: str, sig: dict[str, Any]) -> Callable[..., Any]:
    def method(self: Engine, *args: Any, **kwargs: Any) -> Any:
        return self.call(name, args, kwargs)

    method.__name__ = name
    method.__qualname__ = f"Engine.{name}"
    method.__doc__ = _doc(sig)
    method.__signature__ = _signature(sig, True)  # type: ignore[attr-defined]
    return method


_default: Engine | None = None


def default_engine() -> Engine:
    """The engine over the rule pack and calendar embedded in the extension (built once)."""
    global _default
    if _default is None:
        _default = Engine()
    return _default


def _function(name: str, sig: dict[str, Any]) -> Callable[..., Any]:
    def function(*args: Any, **kwargs: Any) -> Any:
        return default_engine().call(name, args, kwargs)

    function.__name__ = name
    function.__qualname__ = name
    function.__doc__ = _doc(sig)
    function.__signature__ = _signature(sig, False)  # type: ignore[attr-defined]
    function.__module__ = __name__
    return function


for _sig in _OPERATIONS:
    setattr(Engine, _sig["name"], _method(_sig["name"], _sig))
    globals()[_sig["name"]] = _function(_sig["name"], _sig)


def validate_json(text: str | bytes | bytearray, today: Any = None) -> Any:
    """``validate`` with the form as its JSON text (``str``, or UTF-8 ``bytes`` / ``bytearray``), as pydantic's
    ``model_validate_json``."""
    return default_engine().validate_json(text, today)


def validate_many(forms: Iterable[Any], today: Any = None) -> list[Any]:
    """``validate`` for many forms, checked on all cores with the GIL released; reports in input order."""
    return default_engine().validate_many(forms, today)


def run(op: str, input: Any = None) -> Any:
    """The core's JSON facade: any operation by name, its input as one JSON-shaped value."""
    return default_engine().run(op, input)


def run_json(op: str, text: str) -> Any:
    """``run`` with the input as JSON text."""
    return default_engine().run_json(op, text)


__all__ = types.__all__ + [
    "types",
    "BadInputError",
    "CalendarCoverageError",
    "Engine",
    "InternalError",
    "RulePackError",
    "TuiyiError",
    "WrongTypeError",
    "__version__",
    "default_engine",
    "operations",
    "run",
    "run_json",
    "validate_json",
    "validate_many",
] + [s["name"] for s in _OPERATIONS]
