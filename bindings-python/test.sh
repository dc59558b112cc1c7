#!/usr/bin/env bash
# Build the Python binding and run its checks: pytest (shared vectors + binding tests + README examples; the
# readers' tests again under PYTHONMALLOC=debug), mypy --strict on examples/example.py, and stubtest (stubs true to the compiled module).
#
# Non-interactive, works from a fresh clone. The virtualenv is bindings-python/.venv unless
# TUIYI_PY_VENV names another; PYTHON picks the interpreter that creates it (default python3, >= 3.10).
# Set TUIYI_PY_INSTALL=pip to build through `pip install` (the PEP 517 path a user takes) instead of
# `maturin develop --release`.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
venv="${TUIYI_PY_VENV:-$here/.venv}"
python="${PYTHON:-python3}"

if [ ! -x "$venv/bin/python" ]; then
    "$python" -m venv "$venv"
fi
vpy="$venv/bin/python"
"$vpy" -m pip install -q --disable-pip-version-check \
    'maturin>=1.5,<2' pytest mypy jsonschema fastjsonschema chinesecalendar

cd "$here"
start=$(date +%s)
if [ "${TUIYI_PY_INSTALL:-develop}" = pip ]; then
    "$vpy" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps .
else
    VIRTUAL_ENV="$venv" PATH="$venv/bin:$PATH" "$venv/bin/maturin" develop --release -q
fi
echo "tuiyi python binding built in $(( $(date +%s) - start )) s"

# The stubs and tuiyi/types.py are generated from the core's table and schemas: they must be current.
python3 ../scripts/gen_types.py --check
"$vpy" -m pytest -q tests
# The reader that borrows strings from exact built-in values (src/exact.rs) again under CPython's debug
# allocator, which overwrites freed memory and checks every block's bounds: a string read after it was
# freed would change a report or fail a check.
PYTHONMALLOC=debug "$vpy" -m pytest -q tests/test_exact.py tests/test_binding.py
"$vpy" -m mypy --strict examples/example.py
"$vpy" -m mypy.stubtest tuiyi
