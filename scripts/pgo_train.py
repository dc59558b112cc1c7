#!/usr/bin/env python3
"""The training forms of the profile-guided build (scripts/pgo.sh): forms written the way people and systems
write them, made by scripts/gen_real_forms.py's generator from seeds of their own, so that the forms the
benches measure (tests/forms/generated/*.jsonl) are not among them.

    python3 scripts/pgo_train.py DIR     # writes DIR/valid.jsonl, DIR/defective.jsonl, DIR/form-NNN.json

- valid.jsonl: 600 valid forms, one per line, as generated (codes, short names, full-width digits, spaces);
- defective.jsonl: 600 forms with one to six of the generator's defects each;
- form-000.json … form-099.json: 100 of the valid forms, one per file (for `tuiyi normalize` and the other
  commands that read one form).
"""
import importlib.util
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("gen_real_forms", os.path.join(HERE, "gen_real_forms.py"))
gen = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gen)

# Not gen_real_forms.SEED: other forms than the benches'.
SEED = 31415926


def main() -> int:
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    master = random.Random(SEED)
    valid = []
    for _ in range(600):
        form, today, _ = gen.make_form(master.randrange(1 << 30))
        valid.append((form, today))
    defective = []
    while len(defective) < 600:
        seed = master.randrange(1 << 30)
        picks = master.sample(gen.DEFECTS, master.randint(1, 6))
        needs = set().union(*(n for _, n, _ in picks))
        form, today, info = gen.make_form(seed, needs)
        applied = 0
        for k, (_, _, apply) in enumerate(picks):
            try:
                apply(form, info, random.Random(seed ^ k), today)
                applied += 1
            except (KeyError, IndexError, ValueError, TypeError):
                # A defect that needs what an earlier one changed: left out.
                continue
        if applied:
            defective.append(form)
    with open(os.path.join(out, "valid.jsonl"), "w", encoding="utf-8") as f:
        for form, _ in valid:
            f.write(json.dumps(form, ensure_ascii=False) + "\n")
    with open(os.path.join(out, "defective.jsonl"), "w", encoding="utf-8") as f:
        for form in defective:
            f.write(json.dumps(form, ensure_ascii=False) + "\n")
    for i, (form, _) in enumerate(valid[:100]):
        with open(os.path.join(out, f"form-{i:03d}.json"), "w", encoding="utf-8") as f:
            json.dump(form, f, ensure_ascii=False)
    print(f"{len(valid)} valid forms, {len(defective)} defective forms → {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
