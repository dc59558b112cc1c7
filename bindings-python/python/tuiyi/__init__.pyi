"""tuiyi · 山西省军人退役“一件事”规则引擎 (Python binding).

Conversion only: every function takes and returns plain Python data shaped exactly like the CLI's JSON,
and calls the Rust core. Calendar functions take a ``datetime.date`` or a ``'YYYY-MM-DD'`` string and
return ``datetime.date``. Errors are ``TuiyiError`` (a ``ValueError``) subclasses with ``kind``,
``code``, ``path``, ``message`` and ``message_en``; a wrong Python type is a ``TypeError``.
"""

import datetime
import os
from collections.abc import Iterable, Mapping
from typing import Any, TypedDict, Union, final

from typing_extensions import TypeAlias

_DateLike: TypeAlias = Union[datetime.date, str]
_PathLike: TypeAlias = Union[str, os.PathLike[str]]
_JSON: TypeAlias = Any

__version__: str

__all__ = [
    "BadInputError",
    "CalendarCoverageError",
    "Engine",
    "InternalError",
    "PeriodEnd",
    "RulePackError",
    "TuiyiError",
    "__version__",
    "add_working_days",
    "check_eligibility",
    "codes",
    "conflicts",
    "dispatch",
    "form_schema",
    "guide",
    "is_working_day",
    "period_end",
    "plan",
    "prereview",
    "required_materials",
    "run",
    "schema",
    "validate",
    "validate_many",
    "working_days_between",
]

class PeriodEnd(TypedDict):
    """What ``period_end`` returns: the raw end, the end after extension past rest days, and whether
    it was extended."""

    raw_end: datetime.date
    end: datetime.date
    extended: bool

class TuiyiError(ValueError):
    """Base class of every error tuiyi raises (a ``ValueError``).

    ``kind`` is ``'bad_input'``, ``'calendar_coverage'``, ``'rule_pack'`` or ``'internal'``; ``code`` a
    stable snake_case code (``tuiyi.codes()`` lists them); ``path`` the JSON Pointer of the offending
    value in the operation's input (``''`` for the whole input); ``message`` Chinese, ``message_en``
    English.
    """

    kind: str
    code: str
    path: str
    message: str
    message_en: str

class BadInputError(TuiyiError):
    """Malformed input: wrong type, unknown field or enum value, bad date, too large or too deep."""

class CalendarCoverageError(TuiyiError):
    """A date in a year the loaded calendar has no holiday notice for; load a calendar directory."""

class RulePackError(TuiyiError):
    """A rule pack or calendar directory could not be loaded."""

class InternalError(TuiyiError):
    """A bug inside tuiyi (e.g. a caught Rust panic). Please report it."""

def add_working_days(d: _DateLike, n: int) -> datetime.date:
    """The n-th working day strictly after ``d`` (the start day is not counted, also when it is a rest
    day; ``n >= 1``). Raises ``CalendarCoverageError`` outside the calendar's years."""

def is_working_day(d: _DateLike) -> bool:
    """Whether ``d`` is a working day (weekends and statutory holidays are not; 调休 make-up weekend
    days are)."""

def working_days_between(a: _DateLike, b: _DateLike) -> int:
    """The number of working days in ``(a, b]``."""

def period_end(start: _DateLike, days: int) -> PeriodEnd:
    """End of a calendar-day period (民法典 第二百零一条、第二百零三条): the start day is not counted; a
    period whose last day is a rest day ends on the next working day."""

def check_eligibility(applicant: Mapping[str, Any]) -> dict[str, Any]:
    """Eligibility of an applicant; every failing condition is reported with its code and basis."""

def required_materials(situation: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The 14 materials of 附件3 for a situation, each with ``no``, ``code``, ``name``, ``required``,
    ``reason`` and ``source``."""

def plan(application: Mapping[str, Any]) -> dict[str, Any]:
    """The plan for one applicant: eligibility, the service items that apply with their departments
    and due dates, and the materials."""

def validate(form: Mapping[str, Any], today: _DateLike | None = None) -> dict[str, Any]:
    """Check a registration form (附件2): ``{'valid', 'errors', 'warnings'}``, each finding with
    ``code``, ``path``, ``severity``, ``message``, ``message_en`` and ``rule``. ``today`` defaults to
    the current date."""

def validate_many(
    forms: Iterable[Mapping[str, Any]], today: _DateLike | None = None
) -> list[dict[str, Any]]:
    """``validate`` for many forms: converts them all, then releases the GIL and checks them on all
    cores. Results are in input order. A form that cannot be checked at all raises (path
    ``/<index>/…``)."""

def dispatch(form: Mapping[str, Any]) -> dict[str, Any]:
    """For each department, the fields of the form it receives (数据推送), and nothing else."""

def prereview(
    form: Mapping[str, Any], submitted: _JSON, today: _DateLike | None = None
) -> dict[str, Any]:
    """Pre-review per department: pass or reject, with the reasons a clerk would send the applicant."""

def form_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the registration form."""

def schema(name: str) -> dict[str, Any]:
    """The JSON Schema of a named input or output type (as ``tuiyi schema NAME`` prints it)."""

def guide() -> str:
    """The 办事指南 (service guide) rendered as Markdown from the rule pack."""

def conflicts() -> list[dict[str, Any]]:
    """The contradictions of the source text recorded in the rule pack, each with both readings, the
    one followed and why."""

def codes() -> list[dict[str, Any]]:
    """Every stable code tuiyi can produce, with its Chinese and English message templates."""

def run(op: str, input: _JSON = None) -> _JSON:
    """The core's JSON facade (``tuiyi_core::api::run``): any operation by name, JSON-shaped input and
    output (dates stay strings), exactly as the CLI and the shared test vectors see them."""

@final
class Engine:
    """A rule pack and a calendar. ``Engine(rules_dir=None, calendar_dir=None)`` loads either from a
    directory, keeping the embedded one for the other; raises ``RulePackError`` when it cannot. Its
    methods are the module's functions, over this engine. Thread-safe."""

    def __new__(
        cls, rules_dir: _PathLike | None = None, calendar_dir: _PathLike | None = None
    ) -> "Engine": ...
    def add_working_days(self, d: _DateLike, n: int) -> datetime.date:
        """See ``tuiyi.add_working_days``."""
    def is_working_day(self, d: _DateLike) -> bool:
        """See ``tuiyi.is_working_day``."""
    def working_days_between(self, a: _DateLike, b: _DateLike) -> int:
        """See ``tuiyi.working_days_between``."""
    def period_end(self, start: _DateLike, days: int) -> PeriodEnd:
        """See ``tuiyi.period_end``."""
    def check_eligibility(self, applicant: Mapping[str, Any]) -> dict[str, Any]:
        """See ``tuiyi.check_eligibility``."""
    def required_materials(self, situation: Mapping[str, Any]) -> list[dict[str, Any]]:
        """See ``tuiyi.required_materials``."""
    def plan(self, application: Mapping[str, Any]) -> dict[str, Any]:
        """See ``tuiyi.plan``."""
    def validate(self, form: Mapping[str, Any], today: _DateLike | None = None) -> dict[str, Any]:
        """See ``tuiyi.validate``."""
    def validate_many(
        self, forms: Iterable[Mapping[str, Any]], today: _DateLike | None = None
    ) -> list[dict[str, Any]]:
        """See ``tuiyi.validate_many``."""
    def dispatch(self, form: Mapping[str, Any]) -> dict[str, Any]:
        """See ``tuiyi.dispatch``."""
    def prereview(
        self, form: Mapping[str, Any], submitted: _JSON, today: _DateLike | None = None
    ) -> dict[str, Any]:
        """See ``tuiyi.prereview``."""
    def form_schema(self) -> dict[str, Any]:
        """See ``tuiyi.form_schema``."""
    def schema(self, name: str) -> dict[str, Any]:
        """See ``tuiyi.schema``."""
    def guide(self) -> str:
        """See ``tuiyi.guide``."""
    def conflicts(self) -> list[dict[str, Any]]:
        """See ``tuiyi.conflicts``."""
    def codes(self) -> list[dict[str, Any]]:
        """See ``tuiyi.codes``."""
    def run(self, op: str, input: _JSON = None) -> _JSON:
        """See ``tuiyi.run``."""
