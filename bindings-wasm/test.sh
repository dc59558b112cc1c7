#!/usr/bin/env bash
# Build the WebAssembly package and run its tests under Node's WebAssembly: the shared vectors
# (tests/vectors, through run, runJson and the generated functions) and the package's own tests.
# Non-interactive, from a fresh clone (build.sh installs the Rust target and wasm-bindgen-cli if missing).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "$here/build.sh"
cd "$here"
# js/ops.js and js/index.d.ts are generated from the core's table and schemas: they must be current.
python3 ../scripts/gen_types.py --check --only wasm
node --test --test-reporter=dot test/
