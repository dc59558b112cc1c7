#!/usr/bin/env bash
# Build the Node addon for this machine and run its test suite, non-interactively, from a fresh clone.
# Downloads nothing but npm packages (and crates through cargo).
set -euo pipefail
cd "$(dirname "$0")"
export npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false
if [ -f package-lock.json ]; then npm ci; else npm install; fi
npm run build
npm test
