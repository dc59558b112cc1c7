#!/usr/bin/env python3
"""Validate JSON documents against a JSON Schema with Python's `jsonschema` (Draft 2020-12, formats checked).

    python3 scripts/check_schema.py SCHEMA.json FORMS.jsonl

FORMS.jsonl holds one JSON document per line. Prints one line per document the schema rejects (line number and
the first error) and exits 1 if there is any; exits 0 when every document passes; exits 3 when the `jsonschema`
package is not installed (the caller skips). Run by core/tests/schema_agreement.rs with the canonical forms
tuiyi produces.
"""
import json
import sys

try:
    from jsonschema import Draft202012Validator, FormatChecker
except ImportError:  # pragma: no cover - the caller reports the skip
    print("jsonschema is not installed (pip install jsonschema)", file=sys.stderr)
    sys.exit(3)


def main(schema_path, forms_path):
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema, format_checker=FormatChecker())
    bad = 0
    n = 0
    with open(forms_path, encoding="utf-8") as f:
        for i, line in enumerate(f, 1):
            if not line.strip():
                continue
            n += 1
            doc = json.loads(line)
            errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
            if errors:
                bad += 1
                e = errors[0]
                path = "/" + "/".join(str(p) for p in e.absolute_path)
                print(f"line {i}: {path}: {e.message}")
    print(f"{n} documents, {bad} rejected", file=sys.stderr)
    return 1 if bad else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1], sys.argv[2]))
