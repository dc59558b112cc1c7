#!/usr/bin/env bash
# Build the Node addon for this machine and run its test suite, non-interactively, from a fresh clone.
# Downloads nothing but npm packages (and crates through cargo).
set -euo pipefail
cd "$(dirname "$0")"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
npm ci
npm run build
# Generated files are checked in and must not drift: native.js/native.d.ts (the napi loader and the native
# surface, from the build), and index.d.ts, index.mjs, types.d.ts (from the table of operations and the
# schemas, by scripts/gen_types.py).
if git rev-parse --is-inside-work-tree >/dev/null 2>&1 && ! git diff --quiet -- native.js native.d.ts; then
  echo "bindings-node: native.js / native.d.ts differ from the checked-in copies after the build; commit them:" >&2
  git --no-pager diff --stat -- native.js native.d.ts >&2
  exit 1
fi
python3 ../scripts/gen_types.py --check
npm test
