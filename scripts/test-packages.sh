#!/usr/bin/env bash
# The three artefacts as another project gets them, installed and used from a directory OUTSIDE the checkout:
#   1. the CLI:    cargo install --path cli; Rust: a new crate with tuiyi-core as a path dependency
#   2. Python:     a wheel (maturin build) installed into a fresh venv
#   3. Node:       npm pack → npm install ./tuiyi-<version>.tgz in a fresh project, used from CommonJS, ESM and
#                  TypeScript (tsc --strict)
# Run after the bindings' own tests (they build the toolchains this uses). Non-interactive.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/tuiyi-packages.XXXXXX")"
trap 'rm -rf "$work"' EXIT
cd "$work"
form="$repo/examples/form.json"

echo "== CLI: cargo install --path cli (into $work/cargo)"
CARGO_TARGET_DIR="$repo/target" cargo install --quiet --locked --path "$repo/cli" --root "$work/cargo"
tuiyi="$work/cargo/bin/tuiyi"
test "$("$tuiyi" workday add 2024-09-30 3)" = "2024-10-10"
"$tuiyi" validate "$form" --today 2025-06-01 >/dev/null
cp "$form" "$work/form.json"
(cd "$work" && "$tuiyi" validate form.json --today 2025-06-01 --text | grep -q "登记表")
echo "   ok: $("$tuiyi" --version)"

echo "== Rust: a new crate outside the checkout with tuiyi-core as a dependency"
mkdir -p "$work/rust-app/src"
cat > "$work/rust-app/Cargo.toml" <<TOML
[package]
name = "rust-app"
version = "0.1.0"
edition = "2021"

[dependencies]
tuiyi-core = { path = "$repo/core" }
serde_json = "1"

[workspace]
TOML
cat > "$work/rust-app/src/main.rs" <<'RS'
use tuiyi_core::{api, Engine};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let engine = Engine::embedded()?;
    let form: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(std::env::args().nth(1).ok_or("FORM")?)?)?;
    let report = api::run(&engine, "validate", &serde_json::json!({"form": form, "today": "2025-06-01"}))?;
    assert_eq!(report["valid"], true, "{report}");
    let due = api::run(&engine, "add_working_days", &serde_json::json!({"date": "2024-09-30", "n": 3}))?;
    assert_eq!(due, "2024-10-10");
    println!("rust ok");
    Ok(())
}
RS
cp "$repo/Cargo.lock" "$work/rust-app/Cargo.lock"
(cd "$work/rust-app" && CARGO_TARGET_DIR="$repo/target" cargo run --quiet --release -- "$form")

echo "== Python: wheel into a fresh venv"
venv_build="${TUIYI_PY_VENV:-$repo/bindings-python/.venv}"
"$venv_build/bin/maturin" build --release --quiet -m "$repo/bindings-python/Cargo.toml" -o "$work/wheels" >/dev/null
python3 -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$work"/wheels/tuiyi-*.whl
cat > "$work/use_tuiyi.py" <<PY
import datetime, json, sys
import tuiyi
from tuiyi.types import Report

form = json.load(open(sys.argv[1], encoding="utf-8"))
report: Report = tuiyi.validate(form, today=datetime.date(2025, 6, 1))
assert report["valid"], report["errors"]
assert tuiyi.add_working_days("2024-09-30", 3) == "2024-10-10"
assert tuiyi.validate_json(json.dumps(form), "2025-06-01") == report
assert len(tuiyi.validate_many([form] * 20, today="2025-06-01")) == 20
try:
    tuiyi.add_working_days("2024-9-30", 3)
except tuiyi.BadInputError as e:
    assert (e.code, e.path) == ("date_format", "/date")
print("python ok", tuiyi.__version__)
PY
(cd "$work" && "$work/venv/bin/python" use_tuiyi.py "$form")

echo "== Node: npm pack → npm install in a fresh project (CommonJS, ESM, TypeScript)"
if [ ! -f "$repo/bindings-node/package.json" ]; then
  echo "bindings-node/package.json missing" >&2
  exit 1
fi
(cd "$repo/bindings-node" && npm pack --silent --pack-destination "$work" >/dev/null)
mkdir -p "$work/node-app"
cd "$work/node-app"
npm init -y >/dev/null
npm install --silent --no-audit --no-fund "$work"/tuiyi-*.tgz
test ! -L node_modules/tuiyi || { echo "node_modules/tuiyi is a symlink, not an installed package" >&2; exit 1; }
cp "$form" form.json
cat > app.cjs <<'JS'
const assert = require('node:assert')
const fs = require('node:fs')
const tuiyi = require('tuiyi')
const text = fs.readFileSync('form.json', 'utf8')
assert.equal(tuiyi.validate(text, '2025-06-01').valid, true)
assert.equal(tuiyi.validate(JSON.parse(text), '2025-06-01').valid, true)
assert.equal(tuiyi.addWorkingDays('2024-09-30', 3), '2024-10-10')
console.log('cjs ok')
JS
cat > app.mjs <<'JS'
import assert from 'node:assert'
import { readFileSync } from 'node:fs'
import { validate, addWorkingDays } from 'tuiyi'
assert.equal(validate(readFileSync('form.json', 'utf8'), '2025-06-01').valid, true)
assert.equal(addWorkingDays('2024-09-30', 3), '2024-10-10')
console.log('esm ok')
JS
cat > app.ts <<'TS'
import { validate, addWorkingDays } from 'tuiyi'
import type { Report } from 'tuiyi'
const report: Report = validate({ basic_info: { name: '张三' } }, '2025-06-01')
const path: string = report.errors[0].path
const due: string = addWorkingDays('2024-09-30', 3)
console.log('ts ok', path.length > 0, due)
TS
node app.cjs
node app.mjs
tsc="$repo/bindings-node/node_modules/.bin/tsc"
"$tsc" --strict --noEmit --module nodenext --moduleResolution nodenext --target es2022 --types node \
  --typeRoots "$repo/bindings-node/node_modules/@types" app.ts
echo "node ok"
echo "✓ packages install and work outside the checkout"
