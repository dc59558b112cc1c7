"""Every JSON Schema tuiyi publishes (`tuiyi schema --list`) is a valid Draft 2020-12 schema for Python's
`jsonschema` (the form's own examples pass it), with an `$id`, a `title` and a Chinese `description`."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pytest
from conftest import ROOT, example_form

import tuiyi

def schema_names() -> list[str]:
    ops = tuiyi.operations()
    names = {"form", "applicant", "situation", "application", "error", "calendar-year", "dispatch-rules"}
    for op in ops:
        if op["returns"].get("schema"):
            names.add(op["returns"]["schema"])
    return sorted(names)


@pytest.mark.parametrize("name", schema_names())
def test_schema_is_valid_draft_2020_12(name: str) -> None:
    s: dict[str, Any] = tuiyi.schema(name)
    jsonschema.Draft202012Validator.check_schema(s)
    assert s.get("$schema") == "https://json-schema.org/draft/2020-12/schema", name
    assert s.get("$id"), f"{name}: no $id"
    assert s.get("title"), f"{name}: no title"
    assert re.search(r"[\u4e00-\u9fff]", s.get("description", "")), f"{name}: no Chinese description"


def test_the_example_form_passes_its_schema() -> None:
    v = jsonschema.Draft202012Validator(tuiyi.schema("form"), format_checker=jsonschema.FormatChecker())
    errors = [e.message for e in v.iter_errors(example_form())]
    assert not errors, errors
