"""Issue 18's rows, read from the raw outputs of `benches/all_faces.sh`: one column per output directory (a set of
runs, e.g. a plain one and a profile-guided one), each cell the runs' figures in order. What benches/RESULTS.md's
tables show, without copying numbers by hand.

    python3 benches/all_faces_table.py /tmp/tuiyi-measure [/tmp/another-set ...]

The Rust rows are criterion's median of each group divided by the forms in it (the line "N distinct canonical
forms" and "N forms with 10–25 findings" of the peers bench); `batch` rows its own forms/s and `/usr/bin/time`'s
peak RSS; the Python and Node rows as their benches print them.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

UNITS = {"ns": 1e-3, "µs": 1.0, "us": 1.0, "ms": 1e3, "s": 1e6}


def median_us(text: str, name: str) -> float:
    """The middle of criterion's `time: [low mid high]` after the line naming `name`, in microseconds."""
    m = re.search(re.escape(name) + r"\s*\n\s*time:\s*\[\S+ \S+ ([\d.]+) (\S+)", text)
    if not m:
        raise SystemExit(f"no criterion time for {name}")
    return float(m.group(1)) * UNITS[m.group(2)]


def figure(text: str, pattern: str) -> str:
    """The first group of `pattern`'s first match in `text`."""
    m = re.search(pattern, text)
    if not m:
        raise SystemExit(f"no line matching {pattern!r}")
    return m.group(1)


def figures(text: str, sep: str, *patterns: str) -> str:
    """[`figure`] of each pattern, joined by `sep` (a row of two figures)."""
    return sep.join(figure(text, p) for p in patterns)


def count(text: str, pattern: str) -> int:
    return int(figure(text, pattern))


def runs_of(out: Path) -> list[int]:
    return sorted(int(p.name.split(".")[1]) for p in out.glob("peers.*.txt"))


def batch(out: Path, run: int, form: str, threads: str) -> tuple[int, int]:
    t = (out / f"batch.{run}.{form}.{threads}.txt").read_text(encoding="utf-8")
    return count(t, r"(\d+) forms/s"), count(t, r"(\d+) KB")


def column(out: Path) -> dict[str, str]:
    cells: dict[str, list[str]] = {}

    def add(row: str, value: str) -> None:
        cells.setdefault(row, []).append(value)

    rss: list[int] = []
    for run in runs_of(out):
        p = (out / f"peers.{run}.txt").read_text(encoding="utf-8")
        valid_n = count(p, r"(\d+) distinct canonical forms")
        invalid_n = count(p, r"(\d+) forms with 10")
        valid = median_us(p, "peers/valid_forms/tuiyi_validate_text") / valid_n
        jsc = median_us(p, "peers/valid_forms/serde_json+jsonschema_compiled_is_valid") / valid_n
        simd = median_us(p, "peers/valid_forms/simd_json_parse_only") / valid_n
        invalid = median_us(p, "peers/invalid_forms/tuiyi_validate_text") / invalid_n
        add("Rust valid `validate_text` (µs)", f"{valid:.2f}")
        add("÷ compile-time jsonschema-rs", f"{valid / jsc:.3f} ({jsc:.2f} µs)")
        add("÷ simd-json parse", f"{valid / simd:.3f} ({simd:.2f} µs)")
        add("invalid ÷ valid", f"{invalid / valid:.2f} ({invalid:.2f} µs)")
        b = {(f, w): batch(out, run, f, w) for f in ("example", "gen") for w in ("2", "1", "1c")}
        rss += [kb for _, kb in b.values()]
        k = lambda f, w: f"{b[(f, w)][0] / 1000:.0f}"  # noqa: E731
        add("`batch` 2 workers, example · generated (k/s)", f"{k('example', '2')} · {k('gen', '2')}")
        add("`batch` 1 worker, example · generated (k/s)", f"{k('example', '1')} · {k('gen', '1')}")
        add("`batch` 1 worker on 1 core, example · generated (k/s)", f"{k('example', '1c')} · {k('gen', '1c')}")
        s = lambda f: b[(f, "2")][0] / b[(f, "1c")][0]  # noqa: E731
        add("scaling, 2 workers ÷ 1 core, example · generated", f"{s('example'):.2f} · {s('gen'):.2f}")
        py = (out / f"python.{run}.txt").read_text(encoding="utf-8")
        add("Python `validate(dict)` (µs)", figure(py, r"`tuiyi\.validate\(dict\)` \| ([\d.]+)"))
        add(
            "Python `validate_json` str · bytes (µs)",
            figures(py, " · ", r"validate_json\(text\)` \| ([\d.]+)", r"validate_json\(bytes\)` \| ([\d.]+)"),
        )
        add(
            "Python × jsonschema / × fastjsonschema",
            figures(
                py,
                " / ",
                r"tuiyi\(dict\) ([\d.]+)× faster \(target ≥ 150",
                r"tuiyi\(dict\) ([\d.]+)× faster \(target ≥ 10",
            ),
        )
        nd = (out / f"node.{run}.txt").read_text(encoding="utf-8")
        add("Node object ÷ ajv (1,000 distinct valid forms)", figure(nd, r"tuiyi ([\d.]+)× ajv; structure only"))
        add(
            "Node text ÷ `JSON.parse` + ajv · `Buffer` ÷",
            figures(nd, " · ", r"tuiyi\(text\) ([\d.]+)× ajv", r"tuiyi\(Buffer\) ([\d.]+)× ajv"),
        )
    out_cells = {row: ", ".join(v) for row, v in cells.items()}
    if rss:
        out_cells["`batch` peak RSS (MB)"] = f"{min(rss) / 1024:.1f}–{max(rss) / 1024:.1f} ({min(rss):,}–{max(rss):,} KB)"
    return out_cells


def main() -> int:
    dirs = [Path(a) for a in sys.argv[1:]] or [Path("/tmp/tuiyi-measure")]
    cols = [column(d) for d in dirs]
    print("| | " + " | ".join(str(d) for d in dirs) + " |")
    print("|---|" + "---|" * len(dirs))
    for row in cols[0]:
        print(f"| {row} | " + " | ".join(c.get(row, "") for c in cols) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
