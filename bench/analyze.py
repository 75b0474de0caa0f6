"""Time ``kg analyze`` on the benchmark corpus (or its first N stories).

Usage (from the repository root)::

    python3 bench/analyze.py                         # whole corpus, default settings
    python3 bench/analyze.py --by month --window paragraph
    python3 bench/analyze.py --limit 2000 --json
    python3 bench/analyze.py --by year --charts docs/analysis-cctv   # also copy the SVG charts

It calls ``kg.pipeline.analyze`` (what ``kg analyze`` runs) and prints the seconds of each
stage (read, load resources, extract, merge, analyze, write), the wall time of the whole
call, the peak resident memory (``ru_maxrss``) and what was found. The corpus
(``--corpus``, default ``../shared/bench/cctv_xinwenlianbo_2022-2026.jsonl.gz``) is read in
place and never copied into the repository; with ``--limit N`` its first N lines go to a
temporary file, removed at the end. The analysis is written to ``--output`` (default: a
temporary directory, removed at the end).
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

from corpus_sample import head_lines

from kg import pipeline
from kg.config import PERIODS, WINDOWS, AnalysisSettings, Settings

DEFAULT_CORPUS = REPO.parent / "shared" / "bench" / "cctv_xinwenlianbo_2022-2026.jsonl.gz"
STAGES = ("read", "load", "extract", "merge", "analyze", "write")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="first N stories only (0: all)")
    ap.add_argument("--window", choices=WINDOWS, default="sentence")
    ap.add_argument("--by", choices=[p for p in PERIODS if p], default=None)
    ap.add_argument("--backbone", type=float, default=0.0)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("-o", "--output", type=Path, default=None, help="keep the analysis here")
    ap.add_argument("--charts", type=Path, default=None, help="copy charts/*.svg here as PREFIX-NAME.svg")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if not args.corpus.is_file():
        print(f"bench/analyze.py: {args.corpus}: no such file", file=sys.stderr)
        return 1

    with tempfile.TemporaryDirectory(prefix="kg-bench-analyze-") as tmp:
        corpus = args.corpus
        if args.limit:
            corpus = Path(tmp) / "head.jsonl"
            head_lines(args.corpus, args.limit, corpus)
        outdir = args.output or Path(tmp) / "out"
        settings = Settings(workers=args.workers)
        options = AnalysisSettings(window=args.window, by=args.by or "", backbone=args.backbone)
        t0 = time.perf_counter()
        result = pipeline.analyze([corpus], outdir, settings, options)
        wall = time.perf_counter() - t0
        an = result.analysis
        w = an.whole
        figures = {
            "corpus": str(args.corpus.name),
            "documents": len(result.extraction.docs),
            "characters": sum(len(dx.doc.text) for dx in result.extraction.docs),
            "settings": options.as_dict() | {"workers": args.workers},
            "seconds": {k: round(result.timings.get(k, 0.0), 2) for k in STAGES} | {"total": round(wall, 2)},
            "peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2, 2),
            "near_duplicates": sum(len(g.duplicates) for g in an.duplicates),
            "units": w.units,
            "entities": len(w.nodes),
            "pairs": len(w.edges["a"]),
            "graph_nodes": w.graph.number_of_nodes(),
            "graph_edges": w.graph.number_of_edges(),
            "communities": len(w.communities),
            "periods": len(an.periods),
            "files": len(result.outputs),
        }
        if args.charts:
            args.charts.parent.mkdir(parents=True, exist_ok=True)
            for svg in sorted((outdir / "analysis" / "charts").glob("*.svg")):
                shutil.copyfile(svg, f"{args.charts}-{svg.name}")
    if args.json:
        print(json.dumps(figures, ensure_ascii=False, indent=2))
        return 0
    print(f"{figures['documents']:,} documents, {figures['characters']:,} characters ({figures['corpus']})")
    print(
        f"settings: window {options.window}, by {options.by or '-'}, backbone {options.backbone}, "
        f"workers {args.workers}"
    )
    for stage in (*STAGES, "total"):
        print(f"  {stage:<8} {figures['seconds'][stage]:8.2f} s")
    print(f"peak RSS {figures['peak_rss_gb']} GB")
    print(
        f"{figures['near_duplicates']} near-duplicates left out; {figures['units']:,} units, "
        f"{figures['entities']:,} entities, {figures['pairs']:,} pairs, graph {figures['graph_nodes']:,} nodes / "
        f"{figures['graph_edges']:,} edges, {figures['communities']} communities, {figures['periods']} periods"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
