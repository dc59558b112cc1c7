#!/usr/bin/env python3
"""Every `quote` in the rule packs is verbatim in the seed, and sits where its clause label says.

What is checked, for every JSON file under rules/ (every pack directory — a directory with a pack.json — and
any other directory, e.g. rules/calendar, rules/codes, rules/divisions, should it ever carry a quote):

- every object with a `quote` key: the quote is verbatim in the seed (whitespace ignored, since the seed's page
  breaks split paragraphs; `……` marks an elision, and the parts must appear in order);
- the object's `clause` (required beside a quote) names where the quote sits: the label — or one of several
  joined by `；` or `、` — resolves to a span of the seed (`八(四)1`, `八(九)9`, `八(八)2(2)①`, `四(二)`,
  `八(三)(9)`, `附件3 第7项`, `三 事项清单`, …; words after a space only describe the place), and the whole quote
  lies inside one of those spans. A label that does not resolve is an error too.

The seed of a pack is the `source.txt` in its directory (rules/shanxi/source.txt is the text of
晋退役军人发〔2024〕17号); quotes outside a pack directory are checked against the Shanxi seed.

Usage: python3 scripts/check_quotes.py [--rules DIR] [--seed SEED_TXT] [--labels]
  --rules   check the packs under DIR instead of the repository's rules/ (core/tests/quotes.rs uses it to
            prove a wrong label, a cut quote and a paraphrase are caught)
  --seed    use this seed text for every pack (e.g. /work/shared/seed/000_7294fc0ff1c8c0d3.txt)
  --labels  print every label of the seed with the start of its span, and exit
Exit status 0 when every quote passes, 1 otherwise (each failure on one line: file, JSON Pointer, why).
"""
import bisect
import json
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
DEFAULT_SEED = RULES / "shanxi" / "source.txt"

CN = "一二三四五六七八九十"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩"


def norm(s):
    return re.sub(r"\s+", "", s)


def cn_num(s):
    """一 … 十九 → 1 … 19 (enough for the seed's headings)."""
    if s == "十":
        return 10
    if s.startswith("十"):
        return 10 + CN.index(s[1]) + 1
    if len(s) == 2 and s.endswith("十"):
        return (CN.index(s[0]) + 1) * 10
    return CN.index(s) + 1


# ---------------------------------------------------------------------------------------------------------
# The seed's structure: label → span (start, end) of the raw text

# Heading patterns at the start of a line, from the outermost level in: 一、 · (一) · 1. · (1) · ①.
LEVELS = [
    (re.compile(r"([一二三四五六七八九十]+)、"), lambda m: m.group(1)),
    (re.compile(r"[（(]([一二三四五六七八九十]+)[)）]"), lambda m: "(" + m.group(1) + ")"),
    (re.compile(r"(\d+)\.(?!\d)"), lambda m: m.group(1)),
    (re.compile(r"[（(](\d+)[)）]"), lambda m: "(" + m.group(1) + ")"),
    (re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩])"), lambda m: m.group(1)),
]


class Seed:
    def __init__(self, text):
        self.text = text
        self.spans = {}  # label -> (start, end)
        # The text without whitespace, and for each of its characters the offset in `text`.
        self.flat = norm(text)
        self.raw_at = [i for i, c in enumerate(text) if not c.isspace()]
        self._parse()

    def add(self, label, start, end):
        if label in self.spans:
            raise SystemExit(f"seed structure: label {label} twice (parser bug)")
        self.spans[label] = (start, end)

    def _parse(self):
        t = self.text
        lines = []  # (offset, line)
        pos = 0
        for line in t.splitlines(keepends=True):
            lines.append((pos, line))
            pos += len(line)
        end_all = len(t)
        # The 方案 body: from the line that is only "附件" (after the covering notice) to the annex list
        # ("附件:1. …"); then the annexes ("附件 1", "附件 2", "附件 3").
        body_start = next(i for i, (_, l) in enumerate(lines) if l.strip() == "附件")
        annex_list = next(i for i, (_, l) in enumerate(lines) if l.strip().startswith("附件:1.")
                          or l.strip().startswith("附件：1."))
        annexes = [(i, int(m.group(1))) for i, (_, l) in enumerate(lines)
                   if (m := re.fullmatch(r"附件\s*(\d+)", l.strip()))]
        self.add("通知", 0, lines[body_start][0])
        body_end = lines[annex_list][0]
        self._tree(lines[body_start + 1:annex_list], 0, "", body_end)
        for k, (i, n) in enumerate(annexes):
            start = lines[i][0]
            end = lines[annexes[k + 1][0]][0] if k + 1 < len(annexes) else end_all
            self.add(f"附件{n}", start, end)
            if n == 3:
                for off, l in lines[i:]:
                    if off >= end:
                        break
                    m = re.match(r"(\d+)\t", l)
                    if m:
                        self.add(f"附件3 第{int(m.group(1))}项", off, off + len(l))

    def _tree(self, lines, level, prefix, end):
        """Headings of `level` among `lines` (the span of `prefix`, ending at `end`), recursively."""
        if level >= len(LEVELS):
            return
        pat, lab = LEVELS[level]
        heads = [(k, off, lab(m)) for k, (off, l) in enumerate(lines) if (m := pat.match(l.lstrip()))]
        if not heads:
            # No heading of this level: try the next one (八(八)2 has (1)…(5) under 2. directly).
            if level + 1 < len(LEVELS):
                self._tree(lines, level + 1, prefix, end)
            if level == 3:
                self._inline(prefix, lines[0][0] if lines else end, end)
            return
        for j, (k, off, label) in enumerate(heads):
            nxt = heads[j + 1][0] if j + 1 < len(heads) else len(lines)
            span_end = lines[nxt][0] if nxt < len(lines) else end
            full = prefix + label
            self.add(full, off, span_end)
            # The heading line starts the span (its own text belongs to it: "(一)业务联办，…").
            self._tree(lines[k:nxt], level + 1, full, span_end)

    def _inline(self, prefix, start, end):
        """Numbered parts written inside a paragraph — 八(三) "(1)退役报到;(2)…", 八(六) "(1) 山西省…;(2)…" —
        become `prefix(N)`, each up to the next number (the last to the end of its paragraph)."""
        if not prefix:
            return
        t = self.text
        marks = []
        at = start
        n = 1
        while True:
            m = re.compile(r"[（(]" + str(n) + r"[)）]").search(t, at, end)
            if not m:
                break
            marks.append((n, m.start()))
            at = m.end()
            n += 1
        if len(marks) < 2:
            return
        for j, (n, off) in enumerate(marks):
            # The last part ends with its paragraph (what follows is the section's next paragraph).
            para = t.find("\n", off, end)
            e = marks[j + 1][1] if j + 1 < len(marks) else (para if para >= 0 else end)
            self.add(f"{prefix}({n})", off, e)

    def span_text(self, label):
        s, e = self.spans[label]
        return norm(self.text[s:e])

    def flat_range(self, label):
        """The span of `label` as a range of `flat`."""
        s, e = self.spans[label]
        return bisect.bisect_left(self.raw_at, s), bisect.bisect_left(self.raw_at, e)

    def find(self, parts, lo=0, hi=None):
        """Where the quote's parts appear in order in flat[lo:hi]: the end of the last part, or None."""
        hi = len(self.flat) if hi is None else hi
        at = lo
        for p in parts:
            i = self.flat.find(p, at, hi)
            if i < 0:
                return None
            at = i + len(p)
        return at

    def cut_after(self, end):
        """Whether a quote ending at flat[end] stops inside a sentence: it ends with a letter, not punctuation,
        the seed goes on with another, and only line breaks come between (a page break of the PDF the text was taken from; a
        tab is a table cell's end). A quote that ends where a labelled span ends (a heading) is whole."""
        if end >= len(self.flat):
            return False
        word = lambda c: c.isalnum() or "\u4e00" <= c <= "\u9fff"
        if not (word(self.flat[end - 1]) and word(self.flat[end])):
            return False
        gap = self.text[self.raw_at[end - 1] + 1:self.raw_at[end]]
        if "\t" in gap:
            return False
        raw_end = self.raw_at[end - 1] + 1
        return not any(e <= self.raw_at[end] and e >= raw_end for _, e in self.spans.values())


# ---------------------------------------------------------------------------------------------------------
# Clause labels

LABEL = re.compile(
    r"附件(?P<annex>\d+)(?:\s*第(?P<row>\d+)(?:[–\-~](?P<row2>\d+))?项)?"
    r"|(?P<sec>[一二三四五六七八九十]+)(?P<sub>\([一二三四五六七八九十]+\))?(?P<num>\d+)?(?P<par>\(\d+\))?"
    r"(?P<circ>[①②③④⑤⑥⑦⑧⑨⑩])?"
    r"|通知"
)


def labels_of(clause):
    """The seed labels a clause string names; raises ValueError on a part that is not a label."""
    out = []
    c = clause.replace("（", "(").replace("）", ")")
    for part in re.split(r"[；;、]", c):
        part = part.strip()
        if not part:
            continue
        m = LABEL.match(part)
        rest = part[m.end():] if m else part
        if not m or (rest and not rest[0].isspace()):
            raise ValueError(f"clause {clause!r}: {part!r} is not a label of the seed")
        if m.group("annex"):
            a = m.group("annex")
            if m.group("row"):
                lo = int(m.group("row"))
                hi = int(m.group("row2") or lo)
                out += [f"附件{a} 第{r}项" for r in range(lo, hi + 1)]
            else:
                out.append(f"附件{a}")
        elif m.group("sec"):
            out.append("".join(g or "" for g in m.group("sec", "sub", "num", "par", "circ")))
        else:
            out.append("通知")
    return out


# Labels the seed must have: if a change of the parser (or of the seed) loses one, say so rather than pass.
EXPECTED = (
    [f"八(四){n}" for n in range(1, 10)] + [f"八(九){n}" for n in range(1, 10)]
    + [f"附件3 第{n}项" for n in range(1, 15)] + [f"八(三)({n})" for n in range(1, 10)]
    + [f"八(六)({n})" for n in range(1, 15)] + [f"八(八)2({n})" for n in range(1, 6)]
    + ["八(八)1", "八(八)3", "八(八)2(2)①", "八(八)2(2)②", "八(八)2(3)①", "八(八)2(3)②", "八(八)2(4)①",
       "八(八)2(4)②", "八(八)2(5)①", "八(八)2(5)②", "四(一)", "四(二)", "三", "六(六)", "八(十)", "附件2"]
)


def check_seed(seed):
    missing = [l for l in EXPECTED if l not in seed.spans]
    if missing:
        raise SystemExit(f"seed structure: labels not found: {missing}")
    # A few spans pinned to their words, so a shifted boundary is caught.
    pins = {
        "八(四)9": "退出现役的士兵自退出现役之日起四十日内",
        "八(九)9": "预备役登记自退出现役之日起40日内完成",
        "八(八)2(2)①": "为需要恢复户口的退役士兵开具退役军人落户介绍信",
        "附件3 第6项": "退役军入落户介绍信",
        "八(三)(9)": "退役军人预备役登记",
        "四(一)": "申请人携带预备役登记相关资料前往安置地兵役机关",
    }
    for label, words in pins.items():
        if norm(words) not in seed.span_text(label):
            raise SystemExit(f"seed structure: {label} does not hold {words!r}")
    if norm("被批准退出现役之日") in seed.span_text("八(九)1"):
        raise SystemExit("seed structure: 八(九)1 runs into 八(四)")


# ---------------------------------------------------------------------------------------------------------
# The packs

def walk(v, ptr, out):
    if isinstance(v, dict):
        if "quote" in v:
            out.append((ptr, v))
        for k, x in v.items():
            walk(x, f"{ptr}/{k.replace('~', '~0').replace('/', '~1')}", out)
    elif isinstance(v, list):
        for i, x in enumerate(v):
            walk(x, f"{ptr}/{i}", out)


def seed_for(path, override, cache):
    d = path.parent
    while d != RULES and d != d.parent and not (d / "pack.json").exists():
        d = d.parent
    src = pathlib.Path(override) if override else (
        d / "source.txt" if (d / "pack.json").exists() else DEFAULT_SEED)
    if src not in cache:
        if not src.exists():
            raise SystemExit(f"{path}: no seed text ({src} is missing)")
        seed = Seed(src.read_text(encoding="utf-8"))
        check_seed(seed)
        cache[src] = seed
    return cache[src]


def main(argv):
    global RULES, DEFAULT_SEED
    override = None
    if "--seed" in argv:
        override = argv[argv.index("--seed") + 1]
    if "--rules" in argv:
        RULES = pathlib.Path(argv[argv.index("--rules") + 1]).resolve()
        DEFAULT_SEED = RULES / "shanxi" / "source.txt"
    if "--labels" in argv:
        seed = Seed(pathlib.Path(override or DEFAULT_SEED).read_text(encoding="utf-8"))
        for label, (s, e) in seed.spans.items():
            print(f"{label}\t{norm(seed.text[s:e])[:40]}")
        return 0
    cache = {}
    bad = []
    n = 0
    for f in sorted(RULES.rglob("*.json")):
        doc = json.loads(f.read_text(encoding="utf-8"))
        found = []
        walk(doc, "", found)
        if not found:
            continue
        seed = seed_for(f, override, cache)
        S = seed.flat
        rel = f.relative_to(RULES.parent)
        for ptr, obj in found:
            n += 1
            q = obj["quote"]
            where = f"{rel}#{ptr}/quote"
            if not isinstance(q, str) or not q.strip():
                bad.append(f"{where}: not a non-empty string")
                continue
            parts = [norm(p) for p in q.split("……") if norm(p)]
            missing = [p for p in parts if p not in S]
            if missing:
                bad.extend(f"{where}: not verbatim in the seed: {p[:50]}" for p in missing)
                continue
            if seed.find(parts) is None:
                bad.append(f"{where}: the elided parts are not in the seed's order")
                continue
            clause = obj.get("clause")
            if not isinstance(clause, str) or not clause.strip():
                bad.append(f"{where}: a quote needs a clause beside it")
                continue
            try:
                labels = labels_of(clause)
            except ValueError as e:
                bad.append(f"{where}: {e}")
                continue
            unknown = [l for l in labels if l not in seed.spans]
            if unknown:
                bad.append(f"{where}: clause {clause!r}: no {', '.join(unknown)} in the seed")
                continue
            ends = [e for l in labels if (e := seed.find(parts, *seed.flat_range(l))) is not None]
            if not ends:
                at = [l for l in seed.spans if seed.find(parts, *seed.flat_range(l)) is not None]
                deepest = max(at, key=lambda l: (seed.spans[l][0], -seed.spans[l][1]), default="?")
                bad.append(f"{where}: clause {clause!r} but the quote sits in {deepest}: {q[:40]}")
                continue
            if all(seed.cut_after(e) for e in ends):
                bad.append(f"{where}: cut mid-sentence, the seed goes on “{S[ends[0]:ends[0] + 8]}…”: {q[-20:]}")
    if bad:
        print("\n".join(bad))
        print(f"{len(bad)} problem(s) in {n} quotes")
        return 1
    print(f"every quote ({n}) is verbatim in the seed, at the clause its label names")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
