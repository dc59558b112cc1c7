#!/usr/bin/env python3
"""Generate the typed surface of the Python and Node packages from the core's own description of itself:
the table of operations (`tuiyi operations`) and the JSON Schemas of their inputs and results
(`tuiyi schema NAME`) — the same schemas the JSON output follows, so the types cannot drift from it.

    python3 scripts/gen_types.py            # write bindings-python/python/tuiyi/__init__.pyi and types.py,
                                            # bindings-node/types.d.ts, index.d.ts, index.mjs and the
                                            # API table of bindings-node/README.md, bindings-wasm/js/ops.js
                                            # and bindings-wasm/js/index.d.ts
    python3 scripts/gen_types.py --check    # exit 1 when a written file differs (run by the binding tests)
    python3 scripts/gen_types.py --check --only wasm   # only one face's files (python, node or wasm)

The `tuiyi` binary is $TUIYI_BIN, else this checkout's, built first (`cargo build -p tuiyi-cli`).

Results are TypedDicts / interfaces with every key; inputs (the form, the applicant…) are TypedDicts with
optional keys (total=False where the schema does not require them) and closed lists typed as `str`,
because inputs also take the lists' codes and other spellings (`03`, 共青团员…); every input also accepts a
plain mapping (Python `Mapping[str, Any]`); TypeScript input interfaces have only optional keys and no index
signature, so a form declared as an interface, a literal and parsed JSON (`any`) all type-check.
"""

from __future__ import annotations

import json
import keyword
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYI = ROOT / "bindings-python" / "python" / "tuiyi" / "__init__.pyi"
PY_TYPES = ROOT / "bindings-python" / "python" / "tuiyi" / "types.py"
DTS = ROOT / "bindings-node" / "types.d.ts"
INDEX_DTS = ROOT / "bindings-node" / "index.d.ts"
INDEX_MJS = ROOT / "bindings-node" / "index.mjs"
NODE_README = ROOT / "bindings-node" / "README.md"
WASM_JS = ROOT / "bindings-wasm" / "js" / "ops.js"
WASM_DTS = ROOT / "bindings-wasm" / "js" / "index.d.ts"

ROOT_NAMES = {
    "form": "Form",
    "applicant": "Applicant",
    "situation": "Situation",
    "application": "Application",
    "report": "Report",
    "plan": "Plan",
    "eligibility": "Eligibility",
    "dispatch": "Dispatch",
    "prereview": "Prereview",
    "normalized": "Normalized",
    "calendar-year": "CalendarYear",
}
INPUT_SCHEMAS = {"form", "applicant", "situation", "application"}


def tuiyi(*args: str) -> Any:
    exe = os.environ.get("TUIYI_BIN")
    if not exe:
        # The binary of this checkout, built now (a stale one would describe another version).
        subprocess.run(["cargo", "build", "-q", "-p", "tuiyi-cli"], cwd=ROOT, check=True)
        exe = str(ROOT / "target" / "debug" / "tuiyi")
    cmd = [exe, *args]
    out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


class Types:
    """Named types collected from the schemas: name → (kind, body) where kind is 'object' or 'alias'."""

    def __init__(self) -> None:
        self.objects: dict[str, tuple[dict[str, Any], bool]] = {}
        self.order: list[str] = []

    def add(self, name: str, schema: dict[str, Any], root: dict[str, Any], is_input: bool) -> None:
        if name in self.objects:
            return
        self.objects[name] = (schema, is_input)
        # Register referenced defs first? No: forward references are fine in stubs and TS.
        self.order.append(name)
        for p in (schema.get("properties") or {}).values():
            self.walk(p, root, is_input)

    def walk(self, s: dict[str, Any], root: dict[str, Any], is_input: bool) -> None:
        if "$ref" in s:
            name = s["$ref"].rsplit("/", 1)[-1]
            target = root.get("$defs", {}).get(name, {})
            if target.get("type") == "object":
                self.add(name, target, root, is_input)
            return
        for k in ("items",):
            if isinstance(s.get(k), dict):
                self.walk(s[k], root, is_input)
        for k in ("anyOf", "oneOf", "allOf"):
            for x in s.get(k) or []:
                if isinstance(x, dict):
                    self.walk(x, root, is_input)


def py_type(s: dict[str, Any], root: dict[str, Any], is_input: bool) -> str:
    if "$ref" in s:
        name = s["$ref"].rsplit("/", 1)[-1]
        target = root.get("$defs", {}).get(name, {})
        if target.get("type") == "object":
            return name
        return py_type(target, root, is_input)
    if "const" in s:
        return f"Literal[{json.dumps(s['const'], ensure_ascii=False)}]"
    for k in ("anyOf", "oneOf"):
        if k in s:
            parts = [py_type(x, root, is_input) for x in s[k]]
            consts = [x for x in s[k] if "const" in x]
            if consts and len(consts) == len(s[k]):
                if is_input:
                    return "str"
                return "Literal[" + ", ".join(json.dumps(x["const"], ensure_ascii=False) for x in consts) + "]"
            parts = list(dict.fromkeys(parts))
            return parts[0] if len(parts) == 1 else "Union[" + ", ".join(parts) + "]"
    if "enum" in s:
        if is_input:
            return "str"
        return "Literal[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in s["enum"]) + "]"
    t = s.get("type")
    if isinstance(t, list):
        parts = [py_type({**s, "type": x}, root, is_input) for x in t]
        return "Union[" + ", ".join(parts) + "]" if len(parts) > 1 else parts[0]
    if t == "string":
        return "str"
    if t == "integer":
        return "int"
    if t == "number":
        return "float"
    if t == "boolean":
        return "bool"
    if t == "null":
        return "None"
    if t == "array":
        return f"list[{py_type(s.get('items') or {}, root, is_input)}]"
    if t == "object":
        return "dict[str, Any]"
    return "Any"


def ts_type(s: dict[str, Any], root: dict[str, Any], is_input: bool) -> str:
    if "$ref" in s:
        name = s["$ref"].rsplit("/", 1)[-1]
        target = root.get("$defs", {}).get(name, {})
        if target.get("type") == "object":
            return name
        return ts_type(target, root, is_input)
    if "const" in s:
        return json.dumps(s["const"], ensure_ascii=False)
    for k in ("anyOf", "oneOf"):
        if k in s:
            consts = [x for x in s[k] if "const" in x]
            if consts and len(consts) == len(s[k]):
                if is_input:
                    return "string"
                return " | ".join(json.dumps(x["const"], ensure_ascii=False) for x in consts)
            parts = list(dict.fromkeys(ts_type(x, root, is_input) for x in s[k]))
            return " | ".join(parts)
    if "enum" in s:
        if is_input:
            return "string"
        return " | ".join(json.dumps(v, ensure_ascii=False) for v in s["enum"])
    t = s.get("type")
    if isinstance(t, list):
        return " | ".join(ts_type({**s, "type": x}, root, is_input) for x in t)
    return {
        "string": "string",
        "integer": "number",
        "number": "number",
        "boolean": "boolean",
        "null": "null",
        "object": "Record<string, unknown>",
    }.get(t or "", "unknown") if t != "array" else f"Array<{ts_type(s.get('items') or {}, root, is_input)}>"


def collect(schemas: dict[str, dict[str, Any]]) -> tuple[Types, dict[str, dict[str, Any]]]:
    """Every named object type, with the root schema each was found in (for its $refs)."""
    types = Types()
    roots: dict[str, dict[str, Any]] = {}
    for name, schema in schemas.items():
        is_input = name in INPUT_SCHEMAS
        root_name = ROOT_NAMES.get(name)
        if schema.get("type") == "object" and root_name:
            before = set(types.objects)
            types.add(root_name, schema, schema, is_input)
            for n in set(types.objects) - before:
                roots[n] = schema
        else:
            before = set(types.objects)
            types.walk(schema, schema, is_input)
            for n in set(types.objects) - before:
                roots[n] = schema
    return types, roots


def result_py(ret: dict[str, Any], schemas: dict[str, dict[str, Any]]) -> str:
    t = ret["type"]
    if t == "bool":
        return "bool"
    if t == "int":
        return "int"
    if t == "date":
        return "str"
    if t == "period":
        return "PeriodEnd"
    if t == "text":
        return "str"
    if t == "schema":
        return "dict[str, Any]"
    name = ret["schema"]
    s = schemas[name]
    if name in ROOT_NAMES and s.get("type") == "object":
        return ROOT_NAMES[name]
    return py_type(s, s, False)


def result_ts(ret: dict[str, Any], schemas: dict[str, dict[str, Any]]) -> str:
    t = ret["type"]
    if t in ("bool",):
        return "boolean"
    if t in ("int",):
        return "number"
    if t in ("date", "text"):
        return "string"
    if t == "period":
        return "PeriodEnd"
    if t == "schema":
        return "Record<string, unknown>"
    name = ret["schema"]
    s = schemas[name]
    if name in ROOT_NAMES and s.get("type") == "object":
        return ROOT_NAMES[name]
    return ts_type(s, s, False)


PY_ARG = {
    "date": "DateLike",
    "count": "int",
    "form": "Union[Form, Mapping[str, Any], str, bytes, bytearray]",
    "applicant": "Union[Applicant, Mapping[str, Any]]",
    "situation": "Union[Situation, Mapping[str, Any]]",
    "application": "Union[Application, Mapping[str, Any]]",
    "materials": "Sequence[int]",
    "name": "str",
    "text": "str",
    "str": "str",
    "mode": "Literal[\"refuse\", \"provisional\"]",
}
TS_ARG = {
    "date": "string",
    "count": "number",
    "form": "Form | string | Uint8Array",
    "applicant": "Applicant",
    "situation": "Situation",
    "application": "Application",
    "materials": "readonly number[]",
    "name": "string",
    "text": "string",
    "str": "string",
    "mode": "\"refuse\" | \"provisional\"",
}


def params(sig: dict[str, Any]) -> list[dict[str, Any]]:
    inp = sig["input"]
    if inp["shape"] == "whole":
        return [{"key": inp["name"], "kind": inp["kind"], "required": True, "title": ""}] + list(inp["extra"])
    return list(inp["params"])


def camel(s: str) -> str:
    head, *rest = s.split("_")
    return head + "".join(w[:1].upper() + w[1:] for w in rest)


def type_names(schemas: dict[str, dict[str, Any]]) -> list[str]:
    types, _ = collect(schemas)
    return ["DateLike", "PathLike", "PeriodEnd"] + types.order


def gen_py_types(schemas: dict[str, dict[str, Any]]) -> str:
    """`tuiyi.types`: the TypedDicts of every input and result, importable at run time."""
    types, roots = collect(schemas)
    out = [
        "\"\"\"The shapes of tuiyi's inputs and results as TypedDicts, generated by scripts/gen_types.py from the",
        "JSON Schemas the core publishes (`tuiyi.schema(name)`); do not edit: regenerate. Results carry every key;",
        "inputs take closed lists as `str` (codes and other spellings are accepted too). Dates are",
        "'YYYY-MM-DD' strings.\"\"\"",
        "",
        "from __future__ import annotations",
        "",
        "import datetime",
        "import os",
        "from typing import TYPE_CHECKING, Any, Literal, TypedDict, Union",
        "",
        "if TYPE_CHECKING:",
        "    from typing_extensions import NotRequired",
        "",
        "#: A date argument: a `datetime.date` or a 'YYYY-MM-DD' string.",
        "DateLike = Union[datetime.date, str]",
        "#: A directory argument.",
        "PathLike = Union[str, \"os.PathLike[str]\"]",
        "",
        "",
        "class PeriodEnd(TypedDict):",
        '    """期间届满日 · the end of a calendar-day period"""',
        "",
        "    raw_end: str",
        "    end: str",
        "    extended: bool",
        "    provisional: NotRequired[bool]",
        "",
    ]
    for name in types.order:
        schema, is_input = types.objects[name]
        root = roots.get(name, schema)
        props = schema.get("properties") or {}
        req = set(schema.get("required") or [])
        title = schema.get("title") or schema.get("description") or name
        fields = []
        for k, p in props.items():
            t = py_type(p, root, is_input)
            # Inputs may be partial: `validate` reports what is missing, the type checker need not.
            if k not in req or is_input:
                t = f"NotRequired[{t}]"
            fields.append((k, t))
        if any(keyword.iskeyword(k) for k, _ in fields):
            # A key that is a Python keyword (`from`) needs the functional syntax (types as strings: they
            # are only read by type checkers).
            body = ", ".join(f'"{k}": {json.dumps(t, ensure_ascii=False)}' for k, t in fields)
            out.append("")
            out.append(f"{name} = TypedDict({name!r}, {{{body}}})")
            out.append("")
            continue
        out.append("")
        out.append(f"class {name}(TypedDict):")
        out.append(f'    """{str(title).splitlines()[0]}"""')
        out.append("")
        if not fields:
            out.append("    pass")
        for k, t in fields:
            out.append(f"    {k}: {t}")
        out.append("")
    out.append("")
    out.append("__all__ = [" + ", ".join(json.dumps(n) for n in type_names(schemas)) + "]")
    out.append("")
    return "\n".join(out)


def gen_pyi(ops: list[dict[str, Any]], schemas: dict[str, dict[str, Any]]) -> str:
    names = type_names(schemas)
    out = [
        '"""Typed surface of the `tuiyi` package, generated by scripts/gen_types.py from `tuiyi operations` and',
        "the JSON Schemas of the inputs and results (do not edit: regenerate). Dates are 'YYYY-MM-DD' strings in",
        'every result; arguments take a `datetime.date` or such a string."""',
        "",
        "from collections.abc import Iterable, Mapping, Sequence",
        "from typing import Any, Literal, Union",
        "",
        "from tuiyi import types as types",
        "from tuiyi.types import (",
    ] + [f"    {n} as {n}," for n in names] + [
        ")",
        "",
        "__version__: str",
        "",
    ]
    out += [
        "class TuiyiError(ValueError):",
        '    """Base class of every error tuiyi raises: kind, code (stable; tuiyi.codes()), path (JSON Pointer),',
        '    message (Chinese), message_en."""',
        "",
        "    kind: str",
        "    code: str",
        "    path: str",
        "    message: str",
        "    message_en: str",
        "",
        "class BadInputError(TuiyiError): ...",
        "class WrongTypeError(BadInputError, TypeError): ...",
        "class CalendarCoverageError(TuiyiError): ...",
        "class RulePackError(TuiyiError): ...",
        "class InternalError(TuiyiError): ...",
        "",
    ]
    sigs = []
    for op in ops:
        ps = []
        for p in params(op):
            t = PY_ARG.get(p["kind"], "Any")
            ps.append(f"{p['key']}: {t}" if p["required"] else f"{p['key']}: Union[{t}, None] = None")
        ret = result_py(op["returns"], schemas)
        sigs.append((op["name"], ", ".join(ps), ret, f"{op['title']} · {op['summary']}"))
    out.append("class Engine:")
    out.append('    """A rule pack and a calendar, from directories or embedded; every operation is a method."""')
    out.append("")
    out.append("    def __new__(cls, rules_dir: Union[PathLike, None] = None, calendar_dir: Union[PathLike, None] = None) -> Engine: ...")
    out.append("    def call(self, op: str, args: tuple[Any, ...], kwargs: Union[dict[str, Any], None] = None) -> Any: ...")
    out.append("    def run(self, op: str, input: Any = None) -> Any: ...")
    out.append("    def run_json(self, op: str, text: str) -> Any: ...")
    out.append("    def validate_json(self, text: Union[str, bytes, bytearray], today: Union[DateLike, None] = None) -> Report: ...")
    out.append("    def validate_many(self, forms: Iterable[Union[Form, Mapping[str, Any], str, bytes, bytearray]], today: Union[DateLike, None] = None) -> list[Report]: ...")
    for name, ps, ret, doc in sigs:
        sep = ", " if ps else ""
        out.append(f"    def {name}(self{sep}{ps}) -> {ret}:")
        out.append(f'        """{doc}"""')
    out.append("")
    for name, ps, ret, doc in sigs:
        out.append(f"def {name}({ps}) -> {ret}:")
        out.append(f'    """{doc}"""')
    out += [
        "def default_engine() -> Engine: ...",
        "def run(op: str, input: Any = None) -> Any: ...",
        "def run_json(op: str, text: str) -> Any: ...",
        "def validate_json(text: Union[str, bytes, bytearray], today: Union[DateLike, None] = None) -> Report: ...",
        "def validate_many(forms: Iterable[Union[Form, Mapping[str, Any], str, bytes, bytearray]], today: Union[DateLike, None] = None) -> list[Report]: ...",
        "",
        "__all__ = [",
    ]
    exported = sorted(
        ["BadInputError", "CalendarCoverageError", "Engine", "InternalError", "RulePackError", "TuiyiError",
         "WrongTypeError", "__version__", "default_engine", "run", "run_json", "validate_json",
         "validate_many", "types"] + [o["name"] for o in ops] + names
    )
    out += [f'    "{n}",' for n in exported] + ["]", ""]
    return "\n".join(out)


def gen_dts(ops: list[dict[str, Any]], schemas: dict[str, dict[str, Any]]) -> str:
    out = [
        "// Typed surface of the `tuiyi` npm package, generated by scripts/gen_types.py from `tuiyi operations`",
        "// and the JSON Schemas of the inputs and results (do not edit: regenerate). Dates are 'YYYY-MM-DD'",
        "// strings everywhere, in and out.",
        "",
    ]
    out += ts_interfaces(schemas)
    out.append("export interface Operations {")
    for op in ops:
        out.append(f"  /** {op['title']} · {op['summary']} */")
        out.append(f"  {camel(op['name'])}({ts_params(op)}): {result_ts(op['returns'], schemas)}")
    out.append("}")
    out.append("")
    return "\n".join(out)


def ts_params(op: dict[str, Any]) -> str:
    ps = []
    for p in params(op):
        t = TS_ARG.get(p["kind"], "unknown")
        ps.append(f"{camel(p['key'])}{'' if p['required'] else '?'}: {t}{'' if p['required'] else ' | null'}")
    return ", ".join(ps)


def ts_interfaces(schemas: dict[str, dict[str, Any]]) -> list[str]:
    """The interfaces of every input and result (shared by the Node and WebAssembly packages)."""
    types, roots = collect(schemas)
    out = [
        "export interface PeriodEnd {",
        "  raw_end: string",
        "  end: string",
        "  extended: boolean",
        "  provisional?: boolean",
        "}",
        "",
    ]
    for name in types.order:
        schema, is_input = types.objects[name]
        root = roots.get(name, schema)
        props = schema.get("properties") or {}
        req = set(schema.get("required") or [])
        title = schema.get("title") or schema.get("description") or name
        out.append(f"/** {str(title).splitlines()[0]} */")
        out.append(f"export interface {name} {{")
        for k, p in props.items():
            t = ts_type(p, root, is_input)
            opt = "?" if k not in req or is_input else ""
            out.append(f"  {k}{opt}: {t}")
        # No index signature on inputs: a form declared as an `interface` (which has no implicit index
        # signature) must type-check; other keys are the core's to refuse (unknown_field).
        out.append("}")
        out.append("")
    return out


def gen_wasm_js(ops: list[dict[str, Any]], schemas: dict[str, dict[str, Any]]) -> str:
    """bindings-wasm/js/ops.js: one function per row of the table, its arguments in the row's order."""
    out = [
        "// The functions of the tuiyi-wasm package, one per row of the core's table of operations, generated by",
        "// scripts/gen_types.py from `tuiyi operations` (do not edit: regenerate). Each takes its arguments in the",
        "// row's parameter order (an optional one may be left out, undefined or null) and calls the core through",
        "// ./internal.js; the types are in index.d.ts.",
        "import { invoke } from './internal.js'",
        "",
    ]
    for op in ops:
        names = [camel(p["key"]) for p in params(op)]
        out.append("/**")
        out.append(f" * {op['title']} · {op['summary']}")
        for p in params(op):
            t = TS_ARG.get(p["kind"], "unknown")
            name = camel(p["key"]) if p["required"] else f"[{camel(p['key'])}]"
            title = p.get("title") or {"application": "申请", "applicant": "申请人", "situation": "申请人情况"}.get(p["key"], "")
            out.append(f" * @param {{{t}}} {name} {title}".rstrip())
        out.append(f" * @returns {{{result_ts(op['returns'], schemas)}}}")
        out.append(" */")
        out.append(f"export function {camel(op['name'])}({', '.join(names)}) {{")
        out.append(f"  return invoke({json.dumps(op['name'])}, [{', '.join(names)}])")
        out.append("}")
        out.append("")
    return "\n".join(out)


def gen_wasm_dts(ops: list[dict[str, Any]], schemas: dict[str, dict[str, Any]]) -> str:
    out = [
        "// Typed surface of the tuiyi-wasm package (bindings-wasm), generated by scripts/gen_types.py from",
        "// `tuiyi operations` and the JSON Schemas of the inputs and results (do not edit: regenerate). Dates are",
        "// 'YYYY-MM-DD' strings everywhere, in and out.",
        "",
    ]
    out += ts_interfaces(schemas)
    out += [
        "/** What every function throws: an `Error` (a `TypeError` for `wrong_type`) with the core's coded fields. */",
        "export interface TuiyiError extends Error {",
        "  code: string",
        "  kind: 'bad_input' | 'calendar_coverage' | 'rule_pack' | 'internal'",
        "  /** JSON Pointer into the operation's input ('' for the whole input). */",
        "  path: string",
        "  /** 中文说明. */",
        "  message: string",
        "  message_en: string",
        "}",
        "",
        "/** Where the WebAssembly module comes from (default: tuiyi_wasm_bg.wasm next to the package's files). */",
        "export type InitInput = string | URL | Response | Promise<Response> | BufferSource | WebAssembly.Module",
        "",
        "/** Instantiate the module; await it once before any other call. */",
        "export declare function init(source?: InitInput): Promise<void>",
        "/** `init` without waiting: the module's bytes or a compiled module (in Node it may be omitted). */",
        "export declare function initSync(source?: BufferSource | WebAssembly.Module): void",
        "/** Resolves when the package can answer (after init, or after it replaced its instance following an internal error). */",
        "export declare function ready(): Promise<void>",
        "/** The package's version. */",
        "export declare function version(): string",
        "/** The core's JSON facade: any operation by name, its input as one JSON-shaped value. */",
        "export declare function run(op: string, input?: unknown): unknown",
        "/** `run` with the input as JSON text. */",
        "export declare function runJson(op: string, text: string): unknown",
        "/** `validate` with the form as its JSON text: a string, or its UTF-8 bytes (not UTF-8: json_not_utf8). */",
        "export declare function validateJson(text: string | Uint8Array, today?: string | null): Report",
        "/** `validate` for many forms, a chunk per turn of the event loop; the reports in input order (a form's error at `/<index>/…`). */",
        "export declare function validateMany(forms: Iterable<Form | string | Uint8Array>, today?: string | null): Promise<Report[]>",
        "",
    ]
    for op in ops:
        out.append(f"/** {op['title']} · {op['summary']} */")
        out.append(f"export declare function {camel(op['name'])}({ts_params(op)}): {result_ts(op['returns'], schemas)}")
    out.append("")
    return "\n".join(out)


def ts_op(op: dict[str, Any], schemas: dict[str, dict[str, Any]]) -> tuple[str, str, str]:
    """(camelCase name, parameter list, result type) of an operation in TypeScript."""
    ps = []
    for p in params(op):
        t = TS_ARG.get(p["kind"], "unknown")
        ps.append(f"{camel(p['key'])}{'' if p['required'] else '?'}: {t}{'' if p['required'] else ' | null'}")
    return camel(op["name"]), ", ".join(ps), result_ts(op["returns"], schemas)


def ts_doc(op: dict[str, Any], indent: str) -> list[str]:
    lines = [f"{indent}/**", f"{indent} * {op['title']} · {op['summary']}"]
    for p in params(op):
        title = p.get("title") or ""
        if title:
            lines.append(f"{indent} * @param {camel(p['key'])} {title}")
    ret = op["returns"]
    if ret.get("schema"):
        lines.append(f"{indent} * @returns described by `schema('{ret['schema']}')`")
    lines.append(f"{indent} */")
    return lines


ERRORS_DTS = """/**
 * What every function throws (and validateMany rejects with): an `Error` — a `TypeError` when `code` is
 * 'wrong_type' — with these properties. `message` is Chinese; personal numbers are masked in both messages.
 */
export interface TuiyiError extends Error {
  /** 'bad_input' | 'calendar_coverage' | 'rule_pack' | 'internal' */
  kind: 'bad_input' | 'calendar_coverage' | 'rule_pack' | 'internal'
  /** Stable snake_case code (`codes()` lists them all). */
  code: string
  /** JSON Pointer into the operation's input ('' for the whole input), e.g. '/form/basic_info/id_number'. */
  path: string
  message: string
  message_en: string
  /** The exception a getter or Proxy trap threw while the input was read (code 'invalid_input'). */
  cause?: unknown
}

/** Options of `new Engine(options)`: a rule pack and/or a calendar loaded from a directory. */
export interface EngineOptions {
  rules_dir?: string | null
  calendar_dir?: string | null
}
"""


def gen_index_dts(ops: list[dict[str, Any]], schemas: dict[str, dict[str, Any]]) -> str:
    """The declarations of the `tuiyi` package: the types, `Engine` and the functions `index.js` builds from
    the table of operations."""
    out = [
        "// The `tuiyi` npm package, generated by scripts/gen_types.py from `tuiyi operations` and the JSON",
        "// Schemas of the inputs and results (do not edit: regenerate). index.js builds these functions from the",
        "// same table at load time. Dates are 'YYYY-MM-DD' strings everywhere, in and out.",
        "",
        "export * from './types'",
        "import type {",
    ]
    types, _ = collect(schemas)
    out += [f"  {n}," for n in ["PeriodEnd"] + types.order]
    out += [
        "} from './types'",
        "",
        ERRORS_DTS,
        "/**",
        " * A rule pack and a calendar: `new Engine({ rules_dir, calendar_dir })` loads either from a directory,",
        " * keeping the embedded one for the other; `new Engine()` is the embedded rules (one native engine shared",
        " * by all). Every operation is a method.",
        " */",
        "export declare class Engine {",
        "  constructor(options?: EngineOptions | null)",
        "  /** Run operation `op` (snake_case, as in `operations()`) with positional arguments. */",
        "  call(op: string, args: readonly unknown[]): unknown",
        "  /** The JSON facade: operation `op` on its whole input (as the CLI and the shared vectors take it). */",
        "  run(op: string, input?: unknown): unknown",
        "  /** `run` with the input as JSON text. */",
        "  runJson(op: string, text: string): unknown",
        "  /** `validate` with the form as its JSON text: a string, or its UTF-8 bytes (not UTF-8: json_not_utf8). */",
        "  validateJson(text: string | Uint8Array, today?: string | null): Report",
        "  /** `validate` of many forms, off the event loop's thread; the reports in input order. */",
        "  validateMany(forms: ReadonlyArray<Form | string | Uint8Array>, today?: string | null): Promise<Report[]>",
    ]
    for op in ops:
        name, ps, ret = ts_op(op, schemas)
        out += ts_doc(op, "  ")
        out.append(f"  {name}({ps}): {ret}")
    out += ["}", ""]
    for op in ops:
        name, ps, ret = ts_op(op, schemas)
        out += ts_doc(op, "")
        out.append(f"export declare function {name}({ps}): {ret}")
    out += [
        "/** The JSON facade over the embedded rules: operation `op` on its whole input. */",
        "export declare function run(op: string, input?: unknown): unknown",
        "/** `run` with the input as JSON text. */",
        "export declare function runJson(op: string, text: string): unknown",
        "/** `validate` with the form as its JSON text: a string, or its UTF-8 bytes (not UTF-8: json_not_utf8). */",
        "export declare function validateJson(text: string | Uint8Array, today?: string | null): Report",
        "/** `validate` of many forms, off the event loop's thread; the reports in input order. */",
        "export declare function validateMany(forms: ReadonlyArray<Form | string | Uint8Array>, today?: string | null): Promise<Report[]>",
        "",
    ]
    return "\n".join(out)


def index_names(ops: list[dict[str, Any]]) -> list[str]:
    """What the package exports (index.js), in order."""
    return [camel(o["name"]) for o in ops] + ["Engine", "run", "runJson", "validateJson", "validateMany"]


def gen_index_mjs(ops: list[dict[str, Any]]) -> str:
    names = index_names(ops)
    return "\n".join(
        [
            "// ESM entry of the `tuiyi` package: the CommonJS module's exports (index.js builds them from the table of",
            "// operations), named. Generated by scripts/gen_types.py (do not edit: regenerate).",
            "import { createRequire } from 'node:module'",
            "",
            "const tuiyi = createRequire(import.meta.url)('./index.js')",
            "",
            "export const {",
        ]
        + [f"  {n}," for n in names]
        + ["} = tuiyi", "export default tuiyi", ""]
    )


API_BEGIN = "<!-- api: generated by scripts/gen_types.py from the table of operations; do not edit -->"
API_END = "<!-- /api -->"


def node_api_table(ops: list[dict[str, Any]], schemas: dict[str, dict[str, Any]]) -> str:
    """The README's table of the package's functions, one row per operation."""
    rows = ["| function (and `Engine` method) | returns | what |", "|---|---|---|"]
    for op in ops:
        name, ps, ret = ts_op(op, schemas)
        ret = ret.replace("|", "\\|")
        ps = ps.replace("|", "\\|")
        rows.append(f"| `{name}({ps})` | `{ret}` | {op['title']} · {op['summary']} |")
    return "\n".join(rows)


def gen_node_readme(ops: list[dict[str, Any]], schemas: dict[str, dict[str, Any]]) -> str:
    """bindings-node/README.md with its API table regenerated (the rest is written by hand)."""
    text = NODE_README.read_text(encoding="utf-8") if NODE_README.exists() else ""
    start, end = text.find(API_BEGIN), text.find(API_END)
    if start < 0 or end < start:
        return text
    return text[: start + len(API_BEGIN)] + "\n\n" + node_api_table(ops, schemas) + "\n\n" + text[end:]


def main() -> int:
    check = "--check" in sys.argv
    ops = tuiyi("operations")
    names = set()
    for op in ops:
        if op["returns"].get("schema"):
            names.add(op["returns"]["schema"])
    names |= INPUT_SCHEMAS
    schemas = {n: tuiyi("schema", n) for n in sorted(names)}
    faces = {
        "python": {PYI: lambda: gen_pyi(ops, schemas), PY_TYPES: lambda: gen_py_types(schemas)},
        "node": {
            DTS: lambda: gen_dts(ops, schemas),
            INDEX_DTS: lambda: gen_index_dts(ops, schemas),
            INDEX_MJS: lambda: gen_index_mjs(ops),
            NODE_README: lambda: gen_node_readme(ops, schemas),
        },
        "wasm": {WASM_JS: lambda: gen_wasm_js(ops, schemas), WASM_DTS: lambda: gen_wasm_dts(ops, schemas)},
    }
    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None
    if only is not None and only not in faces:
        print(f"--only takes one of {', '.join(faces)}", file=sys.stderr)
        return 2
    outputs = {path: gen() for face, files in faces.items() if only in (None, face) for path, gen in files.items()}
    stale = []
    for path, text in outputs.items():
        current = path.read_text(encoding="utf-8") if path.exists() else ""
        if current != text:
            stale.append(path)
            if not check:
                path.write_text(text, encoding="utf-8")
    if check and stale:
        for p in stale:
            print(f"{p.relative_to(ROOT)} is out of date: run python3 scripts/gen_types.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
