#!/usr/bin/env bash
# Profile-guided optimisation (PGO) of tuiyi's release builds, as pydantic-core builds its wheels: an
# instrumented build checks training forms (scripts/pgo_train.py: forms of their own, not the benches'), LLVM
# merges what it counted, and a release build given that profile lays out its branches and inlining for the
# paths real forms take. The code is the same; only the machine code's layout changes. The default builds
# (`cargo build --release`, `maturin develop`, `npm run build`, the tests) do not use it.
#
# Each face is trained through itself: a profile names functions as their crate graph compiles them, and the
# CLI's profile, given to the Python extension's build, made it no faster (measured 2026-12-05):
#   bash scripts/pgo.sh cli      # → target/pgo/release/tuiyi            (profile target/pgo/tuiyi.profdata)
#   bash scripts/pgo.sh wheel    # → target/pgo/wheel/tuiyi-*.whl         (profile target/pgo/python.profdata)
#   bash scripts/pgo.sh node     # → bindings-node/tuiyi.*.node, rebuilt  (profile target/pgo/node.profdata)
#   bash scripts/pgo.sh check    # the profile-guided CLI answers every generated and training form as the
#                                # plain one does, byte for byte (a step of scripts/test.sh)
#   bash scripts/pgo.sh bench [ARGS]  # cargo bench -p tuiyi-benches ARGS, built with target/pgo/bench.profdata
#                                # (trained by benches/examples/pgo_train.rs), in target/pgo/target-bench
# A profile is made when missing or stale: each carries a stamp of the sources it was made from (the crates'
# code, the rules they embed, the training scripts), and a build after any of them changed makes it again.
# Needs llvm-profdata of rustc's LLVM (see profdata below); `wheel` needs maturin, `node` the Node package's dev
# dependencies (npm ci in bindings-node).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
dir="$root/target/pgo"
profile="$dir/tuiyi.profdata"

# llvm-profdata of rustc's own LLVM: rustup's llvm-tools (added when missing), else Debian's llvm-N of the same
# major version.
profdata() {
  local bin major
  bin="$(rustc --print sysroot)/lib/rustlib/$(rustc -vV | sed -n 's/^host: //p')/bin/llvm-profdata"
  if [ ! -x "$bin" ] && command -v rustup > /dev/null 2>&1; then
    rustup component add llvm-tools >&2 || true
  fi
  if [ ! -x "$bin" ]; then
    major=$(rustc -vV | sed -n 's/^LLVM version: \([0-9]*\).*/\1/p')
    bin=$(command -v "llvm-profdata-$major" || true)
    if [ -z "$bin" ]; then
      echo "pgo: no llvm-profdata of LLVM $major (rustup component add llvm-tools, or apt-get install llvm-$major)" >&2
      exit 1
    fi
  fi
  echo "$bin"
}

# What a profile is made from: the sources of the crates built, the rules they embed, the training.
stamp() {
  find core host rules cli/src bindings-python/src bindings-node/src bindings-node/pack.js benches/examples \
    benches/lib.rs scripts/pgo.sh scripts/pgo_train.py scripts/gen_real_forms.py Cargo.lock -type f -print0 \
    | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1
}

# Is profile `$1` there and made from the sources as they are now?
fresh() {
  [ -f "$1" ] && [ "$(cat "$1.stamp" 2> /dev/null)" = "$(stamp)" ]
}

# `llvm-profdata merge` of the counts in `$1` into profile `$2`, with the sources' stamp.
merge() {
  local tool
  tool=$(profdata)
  "$tool" merge -o "$2" "$1"
  stamp > "$2.stamp"
}

make_profile() {
  local raw train gen
  profdata > /dev/null # none: fail now, before a build
  raw="$dir/raw"
  train="$dir/train"
  gen="$dir/gen"
  rm -rf "$raw"
  mkdir -p "$raw"
  echo "pgo: instrumented CLI" >&2
  RUSTFLAGS="-Cprofile-generate=$raw" CARGO_TARGET_DIR="$gen" cargo build -q --release -p tuiyi-cli
  train_forms
  local t="$gen/release/tuiyi" day=(--today 2026-01-01)
  echo "pgo: training run" >&2
  # batch exits 1 when a form is invalid; the other commands when their answer is negative.
  for _ in 1 2 3; do
    "$t" batch "$train/valid.jsonl" "${day[@]}" > /dev/null 2>&1 || true
    "$t" batch "$train/defective.jsonl" "${day[@]}" > /dev/null 2>&1 || true
  done
  for f in "$train"/form-0[0-4]?.json; do
    "$t" validate "$f" "${day[@]}" > /dev/null 2>&1 || true
    "$t" normalize "$f" "${day[@]}" > /dev/null 2>&1 || true
    "$t" dispatch "$f" > /dev/null 2>&1 || true
  done
  "$t" plan examples/applicant.json > /dev/null 2>&1 || true
  "$t" materials examples/situation.json > /dev/null 2>&1 || true
  "$t" eligibility examples/eligibility.json > /dev/null 2>&1 || true
  merge "$raw" "$profile"
  echo "pgo: $profile ($(du -h "$profile" | cut -f1))" >&2
}

# The training forms, made once per profile.
train_forms() {
  rm -rf "$dir/train"
  python3 scripts/pgo_train.py "$dir/train" >&2
}

# A wheel built with `RUSTFLAGS=$1` into `$2` (a directory), by the maturin on PATH or bindings-python's venv.
build_wheel() {
  local maturin=maturin
  command -v maturin > /dev/null 2>&1 || maturin="$root/bindings-python/.venv/bin/maturin"
  rm -rf "$2"
  (cd bindings-python && RUSTFLAGS="$1" CARGO_TARGET_DIR="$dir/target-python" "$maturin" build --release -q -o "$2")
}

python_profile() {
  local raw="$dir/raw-python" venv="$dir/venv-python"
  profdata > /dev/null
  rm -rf "$raw" "$venv"
  echo "pgo: instrumented wheel" >&2
  build_wheel "-Cprofile-generate=$raw" "$dir/wheel-gen"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q --no-index "$dir"/wheel-gen/*.whl
  train_forms
  echo "pgo: training run (Python)" >&2
  "$venv/bin/python" - "$dir/train" <<'PY'
import json, pathlib, sys
import tuiyi
train = pathlib.Path(sys.argv[1])
day = "2026-01-01"
for name in ("valid.jsonl", "defective.jsonl"):
    texts = [l for l in (train / name).read_text(encoding="utf-8").splitlines() if l.strip()]
    for _ in range(3):
        for t in texts:
            tuiyi.validate(json.loads(t), today=day)
            tuiyi.validate_json(t, day)
            tuiyi.validate_json(t.encode(), day)
    tuiyi.validate_many([json.loads(t) for t in texts], today=day)
for t in (train / "valid.jsonl").read_text(encoding="utf-8").splitlines()[:100]:
    tuiyi.normalize(json.loads(t), today=day)
tuiyi.plan(json.loads(pathlib.Path("examples/applicant.json").read_text(encoding="utf-8")))
PY
  merge "$raw" "$dir/python.profdata"
}

node_profile() {
  local raw="$dir/raw-node"
  profdata > /dev/null
  rm -rf "$raw"
  echo "pgo: instrumented addon" >&2
  (cd bindings-node && RUSTFLAGS="-Cprofile-generate=$raw" CARGO_TARGET_DIR="$dir/target-node" npm run -s build > /dev/null)
  train_forms
  echo "pgo: training run (Node)" >&2
  node - "$dir/train" <<'JS'
const fs = require("fs");
const path = require("path");
const tuiyi = require(path.resolve("bindings-node"));
const train = process.argv[2];
const day = "2026-01-01";
for (const name of ["valid.jsonl", "defective.jsonl"]) {
  const texts = fs.readFileSync(path.join(train, name), "utf8").split("\n").filter((l) => l.trim());
  for (let r = 0; r < 3; r++) {
    for (const t of texts) {
      tuiyi.validate(JSON.parse(t), day);
      tuiyi.validate(t, day);
      tuiyi.validate(Buffer.from(t), day);
    }
  }
  tuiyi.validateMany(texts.map((t) => JSON.parse(t)), day);
}
tuiyi.plan(JSON.parse(fs.readFileSync("examples/applicant.json", "utf8")), day);
JS
  merge "$raw" "$dir/node.profdata"
}

bench_profile() {
  local raw="$dir/raw-bench"
  profdata > /dev/null
  rm -rf "$raw"
  echo "pgo: instrumented bench crate" >&2
  RUSTFLAGS="-Cprofile-generate=$raw" CARGO_TARGET_DIR="$dir/gen-bench" \
    cargo build -q --release -p tuiyi-benches --example pgo_train
  train_forms
  echo "pgo: training run (benches)" >&2
  "$dir/gen-bench/release/examples/pgo_train" "$dir/train/valid.jsonl" "$dir/train/defective.jsonl" >&2
  merge "$raw" "$dir/bench.profdata"
}

# The profile-guided CLI (its profile made first when missing or stale); prints its path.
cli() {
  fresh "$profile" || make_profile
  RUSTFLAGS="-Cprofile-use=$profile" CARGO_TARGET_DIR="$dir" cargo build -q --release -p tuiyi-cli
  echo "$dir/release/tuiyi"
}

# The profile-guided CLI answers exactly as the plain one: every generated form (valid and with defects), every
# training form, one report per line, byte for byte.
check() {
  local plain pgo forms
  cargo build -q --release -p tuiyi-cli
  plain=target/release/tuiyi
  pgo=$(cli)
  [ -d "$dir/train" ] || train_forms
  forms="$dir/check"
  rm -rf "$forms"
  mkdir -p "$forms"
  python3 - "$forms" <<'PY'
import json, sys
for name in ("valid", "defects"):
    with open(f"{sys.argv[1]}/{name}.jsonl", "w", encoding="utf-8") as out:
        for line in open(f"tests/forms/generated/{name}.jsonl", encoding="utf-8"):
            if line.strip():
                out.write(json.dumps(json.loads(line)["form"], ensure_ascii=False) + "\n")
PY
  local n=0 f
  for f in "$forms/valid.jsonl" "$forms/defects.jsonl" "$dir/train/valid.jsonl" "$dir/train/defective.jsonl"; do
    "$plain" batch "$f" --today 2026-01-01 > "$forms/plain.out" 2> /dev/null || true
    "$pgo" batch "$f" --today 2026-01-01 > "$forms/pgo.out" 2> /dev/null || true
    # One report per line from the plain CLI, then the same bytes from the profile-guided one.
    [ "$(wc -l < "$forms/plain.out")" -eq "$(wc -l < "$f")" ] || { echo "pgo: no report per line of $f" >&2; exit 1; }
    cmp -s "$forms/plain.out" "$forms/pgo.out" || { echo "pgo: the profile-guided CLI answers $f differently" >&2; exit 1; }
    n=$((n + $(wc -l < "$f")))
  done
  echo "pgo: the profile-guided CLI answers $n forms as the plain one does"
}

case "${1:-cli}" in
  cli) cli ;;
  wheel)
    fresh "$dir/python.profdata" || python_profile
    build_wheel "-Cprofile-use=$dir/python.profdata" "$dir/wheel"
    ls "$dir"/wheel/*.whl
    ;;
  node)
    fresh "$dir/node.profdata" || node_profile
    (cd bindings-node && RUSTFLAGS="-Cprofile-use=$dir/node.profdata" CARGO_TARGET_DIR="$dir/target-node" npm run -s build > /dev/null)
    ls bindings-node/*.node
    ;;
  bench)
    shift
    fresh "$dir/bench.profdata" || bench_profile
    RUSTFLAGS="-Cprofile-use=$dir/bench.profdata" CARGO_TARGET_DIR="$dir/target-bench" \
      cargo bench -q -p tuiyi-benches "$@"
    ;;
  check) check ;;
  *)
    echo "usage: bash scripts/pgo.sh [cli|wheel|node|bench [ARGS]|check]" >&2
    exit 2
    ;;
esac
