"""tuiyi · 山西省军人退役“一件事”规则引擎 (Python binding).

Conversion only: every function takes and returns plain Python data shaped exactly like the CLI's JSON,
and calls the Rust core. Calendar functions take and return ``datetime.date`` (or accept a
``'YYYY-MM-DD'`` string). Errors are ``TuiyiError`` (a ``ValueError``) subclasses with ``kind``,
``code``, ``path``, ``message`` and ``message_en``; a wrong Python type is a ``TypeError``.
"""

import datetime
from typing import TypedDict

from tuiyi._tuiyi import (
    BadInputError,
    CalendarCoverageError,
    Engine,
    InternalError,
    RulePackError,
    TuiyiError,
    __version__,
    add_working_days,
    check_eligibility,
    codes,
    conflicts,
    dispatch,
    form_schema,
    guide,
    is_working_day,
    period_end,
    plan,
    prereview,
    required_materials,
    run,
    schema,
    validate,
    validate_many,
    working_days_between,
)


class PeriodEnd(TypedDict):
    """What ``period_end`` returns: the raw end, the end after extension past rest days, and whether
    it was extended."""

    raw_end: datetime.date
    end: datetime.date
    extended: bool


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
