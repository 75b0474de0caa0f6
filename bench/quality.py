"""Extraction quality in one table: the development set and three public NER sets.

Usage (from the repository root)::

    python3 bench/quality.py                   # everything (a minute or two)
    python3 bench/quality.py --limit 300       # first 300 sentences of each public set
    python3 bench/quality.py --markdown        # the table for docs/quality.md
    python3 bench/quality.py --ner lac         # with the LAC model as a second source
    python3 bench/quality.py --keep /tmp/q     # keep the build and the predictions there

What runs, each step as a subprocess of this Python (``sys.executable``), exactly as a
user would type it:

1. ``kg build data/corpus -o TMP/build-sample`` scored with ``score.py gold/*.jsonl``, and
   ``kg build eval/dev/texts -o TMP/build-development`` scored with ``score.py
   dev/gold-*.jsonl`` (graph level: typed entities and relations, per type and per
   relation);
2. for each public set, ``kg annotate --jsonl SET -o TMP/NAME.pred.jsonl`` (flat spans,
   the public sets' convention) and ``score_spans.py SET --pred ... --json`` (PER, LOC,
   ORG and all).

The scorers live in ``--shared`` (default ``../shared`` relative to the repository root):
``eval/score.py``, ``eval/score_spans.py``, ``eval/gold/`` and ``eval/public/``. With
``--keep DIR`` the predictions stay in DIR, so the errors can be read afterwards::

    python3 ../shared/eval/score_spans.py ../shared/eval/public/msra_dev.jsonl \\
        --pred DIR/msra_dev.pred.jsonl --show-errors 200
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SUMMARY_ROWS = ("entities (typed)", "relations (typed)", "all")
PUBLIC_SETS = ("msra_dev.jsonl", "pd98ner_dev.jsonl", "cluener_train_2000.jsonl")


def run(args: list[str], what: str) -> str:
    """Run a command, return its standard output; fail with its last error line."""
    proc = subprocess.run(args, check=False, cwd=REPO, capture_output=True, text=True, encoding="utf-8")
    if proc.returncode != 0:
        tail = (proc.stderr.strip().splitlines() or ["(no message)"])[-1]
        raise SystemExit(f"quality: {what} failed (exit {proc.returncode}): {tail}")
    return proc.stdout


def last_json(stdout: str, what: str) -> dict:
    """The scorers print one JSON object with ``--json``; take the last non-empty line."""
    lines = [ln for ln in stdout.splitlines() if ln.strip()]
    try:
        return json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError) as e:
        raise SystemExit(f"quality: {what}: no JSON in the scorer's output ({e})") from e


def head(src: Path, dest: Path, limit: int) -> Path:
    """The first ``limit`` non-empty lines of ``src`` written to ``dest``."""
    kept = 0
    with src.open(encoding="utf-8") as f, dest.open("w", encoding="utf-8") as out:
        for line in f:
            if kept >= limit:
                break
            if line.strip():
                out.write(line)
                kept += 1
    return dest


def measure(shared: Path, work: Path, limit: int | None, backend: str | None, ner: str | None = None) -> list[tuple]:
    """Rows (set, measure, P, R, F1, gold count or None)."""
    evald = shared / "eval"
    kg = [sys.executable, "-m", "kg"]
    extra = ["--backend", backend] if backend else []
    extra += ["--ner", ner] if ner else []
    rows: list[tuple] = []

    graph_sets = [
        ("sample", REPO / "data" / "corpus", sorted((evald / "gold").glob("*.jsonl"))),
        ("development set", evald / "dev" / "texts", sorted((evald / "dev").glob("gold-*.jsonl"))),
    ]
    for label, texts, gold in graph_sets:
        if not gold or not texts.is_dir():
            raise SystemExit(f"quality: no gold files or texts for the {label} in {evald}")
        build_dir = work / f"build-{label.split()[0]}"
        run([*kg, "build", str(texts), "-o", str(build_dir), "-q", *extra], f"kg build {texts}")
        scored = last_json(
            run(
                [sys.executable, str(evald / "score.py"), *map(str, gold), "--pred",
                 str(build_dir / "documents.jsonl"), "--json"],
                "score.py",
            ),
            "score.py",
        )
        name = f"{label} ({scored['documents']} documents)"
        rows.append((name, "entities (typed)", *_prf(scored["entity_typed"]), None))
        for t, d in scored["per_type"].items():
            rows.append((name, f"  {t}", *_prf(d), d.get("gold")))
        rows.append((name, "relations (typed)", *_prf(scored["relation_typed"]), None))
        for t, d in scored["per_relation"].items():
            rows.append((name, f"  {t}", *_prf(d), d.get("gold")))

    for set_name in PUBLIC_SETS:
        src = evald / "public" / set_name
        if not src.exists():
            raise SystemExit(f"quality: {src} not found")
        stem = set_name.removesuffix(".jsonl")
        gold_path = head(src, work / f"{stem}.gold.jsonl", limit) if limit else src
        pred = work / f"{stem}.pred.jsonl"
        run(
            [*kg, "annotate", "--jsonl", str(gold_path), "-o", str(pred), "--flat", *extra],
            f"kg annotate {set_name}",
        )
        out = last_json(
            run(
                [
                    sys.executable,
                    str(evald / "score_spans.py"),
                    str(gold_path),
                    "--pred",
                    str(pred),
                    "--json",
                ],
                f"score_spans.py {set_name}",
            ),
            f"score_spans.py {set_name}",
        )
        label = f"{stem} ({out['records']} sentences)"
        for k in ("PER", "LOC", "ORG", "all"):
            rows.append((label, k, *_prf(out[k]), None))
    return rows


def _prf(d: dict) -> tuple[float, float, float]:
    return d["p"], d["r"], d["f"]


def render(rows: list[tuple], markdown: bool) -> str:
    header = ("set", "measure", "P", "R", "F1", "gold")
    body = []
    last_set = None
    for set_name, measure_name, p, r, f, n in rows:
        shown = set_name if set_name != last_set else ""
        last_set = set_name
        name, f_text = measure_name, f"{f:.3f}"
        if markdown:
            # Markdown drops leading spaces: per-type rows get a bullet, summary rows bold F1
            name = f"· {measure_name.strip()}" if measure_name.startswith("  ") else measure_name
            if measure_name in SUMMARY_ROWS:
                f_text = f"**{f_text}**"
        body.append((shown, name, f"{p:.3f}", f"{r:.3f}", f_text, "" if n is None else str(n)))
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|---|---|---:|---:|---:|---:|"]
        lines += ["| " + " | ".join(row) + " |" for row in body]
        return "\n".join(lines)
    widths = [max(_width(x) for x in col) for col in zip(header, *body)]
    right = {2, 3, 4, 5}

    def fmt(row: tuple) -> str:
        cells = []
        for i, (cell, w) in enumerate(zip(row, widths)):
            pad = " " * (w - _width(cell))
            cells.append(pad + cell if i in right else cell + pad)
        return "  ".join(cells).rstrip()

    return "\n".join([fmt(header), fmt(tuple("-" * w for w in widths)), *(fmt(r) for r in body)])


def _width(s: str) -> int:
    """Display width: CJK characters take two columns."""
    return sum(2 if "\u2e80" <= ch <= "\u9fff" or "\uff00" <= ch <= "\uffef" else 1 for ch in s)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="the shared folder holding eval/ (default: ../shared from the repository root)",
    )
    ap.add_argument(
        "--limit",
        type=int,
        default=None,
        metavar="N",
        help="score only the first N sentences of each public set (a quick run)",
    )
    ap.add_argument("--backend", choices=("rjieba", "jieba"), default=None, help="segmentation backend")
    ap.add_argument("--ner", choices=("rules", "lac"), default=None,
                    help="entity candidates: rules, or rules plus filtered LAC spans (pip install 'kg[lac]')")
    ap.add_argument("--markdown", action="store_true", help="print the table as Markdown")
    ap.add_argument(
        "--keep",
        type=Path,
        default=None,
        metavar="DIR",
        help="write the build and the predictions into DIR and keep them",
    )
    a = ap.parse_args(argv)
    if a.limit is not None and a.limit < 1:
        ap.error("--limit must be at least 1")
    shared = a.shared if a.shared.is_absolute() else (Path.cwd() / a.shared)
    if not (shared / "eval" / "score.py").exists():
        ap.error(f"{shared / 'eval' / 'score.py'} not found (set --shared)")
    if a.keep:
        a.keep.mkdir(parents=True, exist_ok=True)
        rows = measure(shared, a.keep.resolve(), a.limit, a.backend, a.ner)
    else:
        with tempfile.TemporaryDirectory(prefix="kg-quality-") as tmp:
            rows = measure(shared, Path(tmp), a.limit, a.backend, a.ner)
    print(render(rows, a.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
