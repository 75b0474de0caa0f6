"""Throughput and memory of one ``kg.pipeline.build`` over the benchmark corpus.

Usage (from the repository root)::

    python3 bench/throughput.py --limit 2000
    python3 bench/throughput.py                      # the whole corpus (minutes)
    python3 bench/throughput.py --backend jieba --limit 200 --json
    python3 bench/throughput.py --limit 2000 --profile /tmp/kg.prof   # plus cProfile hotspots

The corpus (``--corpus``, default ``../shared/bench/cctv_xinwenlianbo_2022-2026.jsonl.gz``
relative to the repository root) is read in place and never copied into the repository;
with ``--limit N`` its first N lines are written to a temporary ``.jsonl`` file in the
system temporary directory, removed at the end.

What is measured:

- the build: as ``kg build`` runs it, with a new extraction store in the output folder
  (``--no-store``: without one, every result kept in memory to the end);
- time: ``BuildResult.timings`` (stage → seconds, measured by ``build`` itself), plus the
  wall time of the whole ``build`` call (which also covers writing the manifest);
- characters: the sum of ``len(doc.text)`` over the documents read (cleaned text, the
  offset space of every stage); characters per second = characters / seconds, for the
  whole build and for every stage as if it were the only one;
- memory: ``resource.getrusage(RUSAGE_SELF).ru_maxrss`` (the high-water mark of the
  resident set size of this process, so it never goes down) taken right after each stage,
  and the resident set size at that moment (``/proc/self/statm``, Linux only). With
  ``--workers N`` the workers' memory is not in RUSAGE_SELF: the largest worker
  (``RUSAGE_CHILDREN``) is reported after the extract stage.
  ``--tracemalloc`` adds the peak of Python allocations *within* each stage
  (``tracemalloc.reset_peak`` at each stage start); it slows the build down several
  times, so it is off by default and the timings of such a run are not throughput figures.
- transport: the pickled size of each document's result in the form a worker process
  sends it back (``kg.extract.document.pack``), in bytes per input character.

Ratios (issue 15's targets), measured in the same process right after the build, on the
same cleaned texts, so the load of a shared machine cancels out:

- ``build / jieba.posseg``: the whole build's characters per second (wall time of
  ``build``, reading and writing included) over plain ``jieba.posseg.cut`` (jieba's own
  dictionary, HMM on) tagging the documents one by one; posseg is slow, so it tags the
  documents in corpus order until ``--posseg-chars`` characters (default 1,000,000) and its
  rate stands for the whole corpus;
- ``extract / floor``: the floor is what no extraction can avoid: tagging with the
  project's segmenter (rjieba with the project's user words) plus one Aho–Corasick pass
  (leftmost-longest) over every place and lexicon name of the resources, over every
  document; the ratio is the extract stage's seconds over the floor's seconds (target: at
  most 8);
- ``rdf / reference``: the RDF stage's seconds against
  ``kg.export.rdf._reference.write_reference`` (the writer of a Python object per triple
  it replaced) writing the same extraction as Turtle once more (target: at least 3 times
  faster). ``--no-ratios`` skips the three.

To take readings between stages while still calling ``build()`` unchanged, the functions
``build`` calls for each stage (``kg.read.inputs.read_inputs``, ``kg.pipeline.make_tools``,
``extract_all``, ``merge``, the ``kg.export.tables`` writers, ``kg.export.rdf.write_rdf`` and
``kg.export.html.write_html``) are wrapped for the duration of the run; the wrappers only read
counters, so they add microseconds per stage.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import pickle
import pstats
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

from corpus_sample import head_lines

from kg import pipeline
from kg.extract.document import pack
from kg.export import rdf, tables, html as viz
from kg.read import inputs as readers
from kg.config import BACKENDS, Settings

DEFAULT_CORPUS = REPO.parent / "shared" / "bench" / "cctv_xinwenlianbo_2022-2026.jsonl.gz"
STAGES = ("read", "load", "extract", "merge", "tables", "rdf", "html")

# (module, attribute, the stage of build() that the call ends). A stage starts where the
# previous one ended, so the readings (and the tracemalloc peak reset) happen on return.
_PROBES: tuple[tuple[object, str, str], ...] = (
    (readers, "read_inputs", "read"),
    (pipeline, "make_tools", "load"),
    (pipeline, "extract_all", "extract"),
    (pipeline, "merge", "merge"),
    (tables, "write_relations_csv", "tables"),
    (rdf, "write_rdf", "rdf"),
    (viz, "write_html", "html"),
)

_KIB = 1024


def _maxrss_bytes(who: int = resource.RUSAGE_SELF) -> int:
    # ru_maxrss is in kilobytes on Linux, bytes on macOS
    value = resource.getrusage(who).ru_maxrss
    return value if sys.platform == "darwin" else value * _KIB


def _rss_bytes() -> int | None:
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


class StageProbe:
    """Readings taken right after each stage of ``build`` (see the module docstring)."""

    def __init__(self, use_tracemalloc: bool, workers: int = 1):
        self.use_tracemalloc = use_tracemalloc
        self.workers = workers
        self.memory: dict[str, dict[str, int | None]] = {}

    def stage_done(self, stage: str) -> None:
        reading: dict[str, int | None] = {"maxrss": _maxrss_bytes(), "rss": _rss_bytes()}
        if stage == "extract" and self.workers > 1:
            reading["children_maxrss"] = _maxrss_bytes(resource.RUSAGE_CHILDREN) or None
        if self.use_tracemalloc:
            reading["traced_peak"] = tracemalloc.get_traced_memory()[1]
            tracemalloc.reset_peak()
        self.memory[stage] = reading

    def _wrap(self, func: Callable, stage: str) -> Callable:
        def wrapper(*args, **kwargs):
            result = func(*args, **kwargs)
            self.stage_done(stage)
            return result

        wrapper.__wrapped__ = func  # type: ignore[attr-defined]
        return wrapper

    @contextlib.contextmanager
    def installed(self) -> Iterator[None]:
        saved = []
        for module, name, stage in _PROBES:
            func = getattr(module, name, None)
            if func is None:
                print(
                    f"throughput: {module.__name__}.{name} not found; no memory reading for {stage}",
                    file=sys.stderr,
                )
                continue
            saved.append((module, name, func))
            setattr(module, name, self._wrap(func, stage))
        if self.use_tracemalloc:
            tracemalloc.start()
        try:
            yield
        finally:
            if self.use_tracemalloc:
                tracemalloc.stop()
            for module, name, func in saved:
                setattr(module, name, func)


def run(args: argparse.Namespace) -> dict:
    corpus = Path(args.corpus)
    if not corpus.is_file():
        raise SystemExit(f"throughput: corpus not found: {corpus}")
    settings = Settings(backend=args.backend, ner=args.ner, workers=args.workers)
    with contextlib.ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-bench-")))
        source = corpus
        if args.limit is not None:
            source = tmp / f"{corpus.name.split('.')[0]}_first{args.limit}.jsonl"
            head_lines(corpus, args.limit, source)
        outdir = Path(args.out) if args.out else tmp / "out"

        probe = StageProbe(args.tracemalloc, args.workers)
        profiler = cProfile.Profile() if args.profile else None
        maxrss_before = _maxrss_bytes()
        with probe.installed():
            t0 = time.perf_counter()
            if profiler:
                profiler.enable()
            # as `kg build` runs by default: results streamed into a new store in the output
            # folder (cold); --no-store measures a build that keeps every result in memory
            result = pipeline.build([source], outdir, settings, store=not args.no_store)
            if profiler:
                profiler.disable()
            wall = time.perf_counter() - t0
        output_bytes = {
            name: (outdir / name).stat().st_size for name in result.outputs if (outdir / name).exists()
        }

    ex = result.extraction
    chars = sum(len(dx.doc.text) for dx in ex.docs)
    stages = {}
    for stage in STAGES:
        seconds = result.timings.get(stage)
        mem = probe.memory.get(stage, {})
        stages[stage] = {
            "seconds": round(seconds, 4) if seconds is not None else None,
            "chars_per_s": round(chars / seconds) if seconds else None,
            "share": round(seconds / wall, 4) if seconds is not None and wall else None,
            **{f"{k}_mb": round(v / 2**20, 1) if v else None for k, v in mem.items()},
        }
    for stage in sorted(set(result.timings) - set(STAGES)):  # stages added to build() later
        seconds = result.timings[stage]
        stages[stage] = {
            "seconds": round(seconds, 4),
            "chars_per_s": round(chars / seconds) if seconds else None,
            "share": round(seconds / wall, 4) if wall else None,
        }
    report = {
        "corpus": str(corpus),
        "limit": args.limit,
        "backend": args.backend,
        "ner": args.ner,
        "workers": args.workers,
        "tracemalloc": args.tracemalloc,
        "profiled": bool(profiler),
        "documents": len(ex.docs),
        "files": [{"path": f.path, "status": f.status, "reason": f.reason} for f in result.files],
        "characters": chars,
        "sentences": ex.sentence_total,
        "entities": len(ex.entities),
        "relations": len(ex.relations),
        "cooccurrences": len(ex.cooccurrences),
        "total": {
            "seconds": round(wall, 4),
            "chars_per_s": round(chars / wall) if wall else None,
            "maxrss_before_mb": round(maxrss_before / 2**20, 1),
            "maxrss_mb": round(_maxrss_bytes() / 2**20, 1),
            "unaccounted_seconds": round(wall - sum(result.timings.values()), 4),
        },
        "stages": stages,
        "output_bytes": output_bytes,
        # what a worker sends back per document (kg.extract.document.pack), pickled
        "packed_bytes_per_char": round(sum(len(pickle.dumps(pack(dx), protocol=5)) for dx in ex.docs) / chars, 3)
        if chars else None,
        "memory_note": "maxrss = ru_maxrss of this process after the stage (high-water mark since start); "
        "rss = resident set size after the stage; children_maxrss = largest worker process; "
        "traced_peak = tracemalloc peak within the stage (only with --tracemalloc)",
    }
    if not args.no_ratios and not profiler:
        report["ratios"] = ratios(result, settings, wall, report["stages"], args.posseg_chars)
    if profiler:
        profiler.dump_stats(args.profile)
        buf = io.StringIO()
        stats = pstats.Stats(profiler, stream=buf)
        stats.sort_stats("tottime").print_stats(args.profile_top)
        print(buf.getvalue(), file=sys.stderr)
    return report


def _posseg_rate(texts: list[str], cap: int) -> tuple[int, float]:
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()  # the dictionary load is not tagging
    done = 0
    t0 = time.perf_counter()
    for text in texts:
        if done >= cap:
            break
        for _pair in jieba.posseg.cut(text):
            pass
        done += len(text)
    return done, time.perf_counter() - t0


def _floor_seconds(texts: list[str], settings: Settings) -> tuple[float, float]:
    import ahocorasick_rs

    tools = pipeline.make_tools(settings)
    res = tools.resources
    names = sorted({f for f in res.place_forms if len(f) >= 2} | set(res.lexicon_forms))
    matcher = ahocorasick_rs.AhoCorasick(names, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
    tag = tools.segmenter.tag
    t0 = time.perf_counter()
    for text in texts:
        tag(text)
    t1 = time.perf_counter()
    for text in texts:
        matcher.find_matches_as_indexes(text)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1


def ratios(result, settings: Settings, wall: float, stages: dict, posseg_chars: int) -> dict:
    """The three ratios of the module docstring, on the documents of ``result``."""
    from kg.export.rdf import _reference

    texts = [dx.doc.text for dx in result.extraction.docs]
    chars = sum(map(len, texts))
    p_chars, p_seconds = _posseg_rate(texts, posseg_chars)
    tag_s, ac_s = _floor_seconds(texts, settings)
    with tempfile.TemporaryDirectory(prefix="kg-bench-rdf-") as tmp:
        t0 = time.perf_counter()
        _reference.write_reference(result.extraction, Path(tmp) / "graph.ttl", "turtle", settings=settings)
        ref_s = time.perf_counter() - t0
    build_rate = chars / wall
    posseg_rate = p_chars / p_seconds
    extract_s = stages["extract"]["seconds"]
    rdf_s = stages["rdf"]["seconds"]
    return {
        "posseg_chars": p_chars,
        "posseg_chars_per_s": round(posseg_rate),
        "build_over_posseg": round(build_rate / posseg_rate, 2),
        "floor_tag_seconds": round(tag_s, 4),
        "floor_ac_seconds": round(ac_s, 4),
        "floor_chars_per_s": round(chars / (tag_s + ac_s)),
        "extract_over_floor": round(extract_s / (tag_s + ac_s), 2),
        "rdf_reference_seconds": round(ref_s, 4),
        "rdf_speedup": round(ref_s / rdf_s, 2) if rdf_s else None,
    }


def _fmt(value, spec: str) -> str:
    return "-" if value is None else format(value, spec)


def print_table(report: dict) -> None:
    print(
        f"{report['documents']} documents, {report['characters']:,} characters, {report['sentences']:,} sentences"
        f" -> {report['entities']:,} entities, {report['relations']:,} relations,"
        f" {report['cooccurrences']:,} co-occurrences"
    )
    print(
        f"backend={report['backend']} ner={report['ner']} workers={report['workers']} tracemalloc={report['tracemalloc']}"
        f" profiled={report['profiled']}"
    )
    bad = [f for f in report["files"] if f["status"] != "ok"]
    for f in bad:
        print(f"file {f['path']}: {f['status']}: {f['reason']}")
    traced = report["tracemalloc"]
    head = f"{'stage':<9} {'seconds':>9} {'share':>6} {'chars/s':>13} {'maxrss MB':>10} {'rss MB':>8}"
    if traced:
        head += f" {'traced peak MB':>15}"
    print(head)
    print("-" * len(head))
    for stage, s in report["stages"].items():
        line = (
            f"{stage:<9} {_fmt(s['seconds'], '9.3f')} {_fmt(s['share'] and 100 * s['share'], '5.1f')}%"
            f" {_fmt(s['chars_per_s'], '13,d')} {_fmt(s.get('maxrss_mb'), '10.1f')} {_fmt(s.get('rss_mb'), '8.1f')}"
        )
        if traced:
            line += f" {_fmt(s.get('traced_peak_mb'), '15.1f')}"
        if s.get("children_maxrss_mb"):
            line += f"  (largest worker {s['children_maxrss_mb']:.1f} MB)"
        print(line)
    t = report["total"]
    print("-" * len(head))
    print(
        f"{'build':<9} {t['seconds']:9.3f} {100.0:5.1f}% {_fmt(t['chars_per_s'], '13,d')} {t['maxrss_mb']:10.1f}"
    )
    print(
        f"(maxrss before build {t['maxrss_before_mb']:.1f} MB; {t['unaccounted_seconds']:.3f} s outside the"
        " timed stages, mostly the manifest)"
    )
    if report.get("packed_bytes_per_char") is not None:
        print(f"per-document result pickled for a worker: {report['packed_bytes_per_char']:.2f} bytes per input"
              " character (target <= 3)")
    r = report.get("ratios")
    if r:
        print(
            f"whole build / jieba.posseg: {r['build_over_posseg']:.2f}x"
            f"  (posseg {r['posseg_chars_per_s']:,} chars/s on {r['posseg_chars']:,} chars; target >= 10)"
        )
        print(
            f"extraction / floor: {r['extract_over_floor']:.2f}x slower"
            f"  (floor {r['floor_chars_per_s']:,} chars/s: tagging {r['floor_tag_seconds']:.3f} s"
            f" + Aho-Corasick {r['floor_ac_seconds']:.3f} s; target <= 8)"
        )
        print(
            f"RDF export vs the per-triple writer: {r['rdf_speedup']:.2f}x faster"
            f"  (reference {r['rdf_reference_seconds']:.3f} s; target >= 3)"
        )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawTextHelpFormatter
    )
    ap.add_argument(
        "--corpus", default=str(DEFAULT_CORPUS), help=f"JSONL(.gz) corpus (default {DEFAULT_CORPUS})"
    )
    ap.add_argument("--limit", type=int, default=None, metavar="N", help="only the first N stories (lines)")
    ap.add_argument(
        "--backend", choices=BACKENDS, default="rjieba", help="segmentation backend (default rjieba)"
    )
    ap.add_argument("--ner", choices=("rules", "lac"), default="rules",
                    help="entity candidates: rules (default) or rules plus filtered LAC spans")
    ap.add_argument("--workers", type=int, default=1, metavar="N", help="processes for the per-document step")
    ap.add_argument("--out", default=None, metavar="DIR", help="output directory (default: a temporary one)")
    ap.add_argument("--no-store", action="store_true",
                    help="build without the extraction store (kg build --no-store); by default the store is on, as in kg build")
    ap.add_argument("--json", action="store_true", help="print one JSON object instead of the table")
    ap.add_argument(
        "--tracemalloc",
        action="store_true",
        help="also report the peak of Python allocations per stage (slow: timings are not comparable)",
    )
    ap.add_argument(
        "--profile",
        default=None,
        metavar="FILE",
        help="run under cProfile, write the stats to FILE and print the top functions to stderr",
    )
    ap.add_argument("--no-ratios", action="store_true", help="skip the posseg, floor and RDF ratios")
    ap.add_argument("--posseg-chars", type=int, default=1_000_000, metavar="N",
                    help="characters jieba.posseg tags for its rate (default 1,000,000)")
    ap.add_argument("--profile-top", type=int, default=30, metavar="N", help="functions shown with --profile")
    args = ap.parse_args(argv)
    if args.limit is not None and args.limit < 1:
        ap.error("--limit must be at least 1")
    if args.workers < 1:
        ap.error("--workers must be at least 1")
    if args.out:
        out = Path(args.out).resolve()
        if out.exists() and any(out.iterdir()) and not (out / "manifest.json").exists():
            ap.error(f"--out {out} exists and does not look like a kg output directory")
    report = run(args)
    if args.json:
        print(json.dumps(report, ensure_ascii=False))
    else:
        print_table(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
