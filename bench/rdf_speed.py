"""Speed of the RDF export: the text writer (``kg.export.rdf.text``, what ``kg build`` runs)
against the writer it replaced (``kg.export.rdf._reference``: a pyoxigraph term object per
term, triples sorted by their text, pyoxigraph's serialisers), in one run, on an
extraction of the first N benchmark stories; and whether their bytes are identical.

Usage (from the repository root)::

    python3 bench/rdf_speed.py                       # N = 2000, Turtle (the default export)
    python3 bench/rdf_speed.py --formats all         # every format, and write_exports of all five
    python3 bench/rdf_speed.py --limit 500 --repeat 5 --json
    python3 bench/rdf_speed.py --limit 24100 --extraction /tmp/kg-full.pickle  # whole corpus

The corpus (``--corpus``, default ``../shared/bench/cctv_xinwenlianbo_2022-2026.jsonl.gz``
relative to the repository root) is read in place; its first N lines go to a temporary
``.jsonl`` in the system temporary directory (never inside the repository), which
``kg.read.inputs.read_inputs`` reads. The extraction is made once (``make_tools``,
``extract_all``, ``merge``: not timed; ``--extraction FILE`` pickles it there, or reuses
the one pickled there before, so runs compare the writers on the same input: the whole
corpus's takes minutes to make). Then, for each format, the two writers write the file in
turn, ``--repeat`` times each (interleaved, so both meet the same load on a shared
machine); the best run of each is kept:

- ``before``: ``kg.export.rdf._reference.write_reference`` (the triples or quads made and
  sorted, then written);
- ``now``: ``kg.export.rdf.write_rdf(ex, path, format, settings=...)``.

Both wall time and CPU time of the process are measured; the speed-up is the ratio
before / now of each (CPU time is the steadier figure when other jobs share the cores).
With ``--formats all`` the five files are also written together, as ``kg build
--rdf-format turtle,ntriples,jsonld,trig,nquads`` does: ``write_exports`` against the
old one (the triples made once for Turtle, N-Triples and JSON-LD, the quads once for
TriG and N-Quads).

``--memory`` (Linux) also writes each format once more with each writer in a fresh
process (the extraction pickled to the temporary directory and loaded there) and reports
how far the peak resident memory rose above what the process held before writing.

Output files go to a temporary directory and are removed; ``--keep DIR`` keeps them.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import pickle
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run as a script from a source checkout
    sys.path.insert(0, str(REPO))

import pyoxigraph as ox
from corpus_sample import head_lines

from kg import pipeline
from kg.export import rdf
from kg.read import inputs as readers
from kg.config import Settings
from kg.export.rdf import _reference

DEFAULT_CORPUS = REPO.parent / "shared" / "bench" / "cctv_xinwenlianbo_2022-2026.jsonl.gz"


def race(repeat: int, before: Callable[[], object], now: Callable[[], object]) -> dict[str, float]:
    """The best wall and CPU times of ``before`` and ``now``, run in turn ``repeat`` times."""
    best = {
        "before_wall": float("inf"),
        "before_cpu": float("inf"),
        "now_wall": float("inf"),
        "now_cpu": float("inf"),
    }
    for _ in range(repeat):
        for name, func in (("before", before), ("now", now)):
            gc.collect()  # each run starts from the same heap
            w0, c0 = time.perf_counter(), time.process_time()
            func()
            w1, c1 = time.perf_counter(), time.process_time()
            best[f"{name}_wall"] = min(best[f"{name}_wall"], w1 - w0)
            best[f"{name}_cpu"] = min(best[f"{name}_cpu"], c1 - c0)
    out = {k: round(v, 3) for k, v in best.items()}
    out["speedup_wall"] = round(best["before_wall"] / best["now_wall"], 2)
    out["speedup_cpu"] = round(best["before_cpu"] / best["now_cpu"], 2)
    return out


def old_exports(ex, outdir: Path, settings: Settings) -> None:
    """What ``write_exports`` did before: the triples made once for the triple formats,
    the quads once for the quad formats, each written by pyoxigraph (JSON-LD by
    ``jsonld_bytes``)."""
    triples = _reference.reference_triples(ex, settings)
    (outdir / "graph.ttl").write_bytes(
        ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=_reference._OX_PREFIXES)
    )
    (outdir / "graph.nt").write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    (outdir / "graph.jsonld").write_bytes(rdf.jsonld_bytes(triples))
    del triples
    quads = _reference.reference_quads(ex, settings)
    (outdir / "graph.trig").write_bytes(
        ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=_reference._OX_PREFIXES)
    )
    (outdir / "graph.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))


def _status_kb(field: str) -> int:
    """A memory figure of this process from /proc/self/status (Linux), in kilobytes."""
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise OSError(f"no {field} in /proc/self/status")


def _peak_in_child(extraction: str, writer: str, name: str, path: str, queue) -> None:
    """In a fresh process: load the pickled extraction, write ``name`` with ``writer``
    (``before`` or ``now``), and report how far the peak resident memory (VmHWM) rose
    above the memory held before writing (VmRSS), in kilobytes. The peak is reset after
    loading where the kernel allows it (``/proc/self/clear_refs``), so loading's own peak
    does not hide the writer's."""
    with open(extraction, "rb") as f:
        _lines, ex = pickle.load(f)
    gc.collect()
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")
    base = _status_kb("VmRSS")
    if writer == "before":
        _reference.write_reference(ex, path, name, Settings())
    else:
        rdf.write_rdf(ex, path, name, settings=Settings())
    queue.put(_status_kb("VmHWM") - base)


def peak_memory(pickled: Path, name: str, out: Path) -> dict[str, int]:
    """Megabytes the peak resident memory grows by while each writer writes ``name``,
    each in a fresh process (so neither reuses the other's freed memory; Linux only)."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    grown = {}
    for writer in ("before", "now"):
        queue = ctx.Queue()
        child = ctx.Process(
            target=_peak_in_child, args=(str(pickled), writer, name, str(out / f"mem-{writer}"), queue)
        )
        child.start()
        grown[f"{writer}_peak_mb"] = round(queue.get() / 1024)
        child.join()
    return grown


def same_files(a: Path, b: Path) -> bool:
    return a.read_bytes() == b.read_bytes()


def run(args: argparse.Namespace) -> dict:
    corpus = Path(args.corpus)
    if not corpus.is_file():
        raise SystemExit(f"rdf_speed: corpus not found: {corpus}")
    formats = (
        list(rdf.EXPORT_FORMATS)
        if args.formats == "all"
        else [rdf.format_name(f) for f in args.formats.split(",")]
    )
    settings = Settings(backend=args.backend)
    tmp = Path(tempfile.mkdtemp(prefix="kg-rdf-bench-"))
    out = Path(args.keep) if args.keep else tmp / "out"
    (out / "before").mkdir(parents=True, exist_ok=True)
    (out / "now").mkdir(parents=True, exist_ok=True)
    try:
        t0 = time.perf_counter()
        cached = Path(args.extraction) if args.extraction else None
        if cached is not None and cached.is_file():
            with open(cached, "rb") as f:
                lines, ex = pickle.load(f)
        else:
            source = tmp / f"first{args.limit}.jsonl"
            lines = head_lines(corpus, args.limit, source)
            documents, _files = readers.read_inputs([source])
            tools = pipeline.make_tools(settings)
            failures: list = []
            ex = pipeline.merge(
                pipeline.extract_all(documents, tools, failures=failures), tools.resources, settings
            )
            if failures:
                raise SystemExit(f"rdf_speed: {len(failures)} documents failed, first: {failures[0][1]}")
            if cached is not None:
                with open(cached, "wb") as f:
                    pickle.dump((lines, ex), f, protocol=pickle.HIGHEST_PROTOCOL)
        extract_s = time.perf_counter() - t0
        chars = sum(len(dx.doc.text) for dx in ex.docs)

        report: dict = {
            "stories": lines,
            "documents": len(ex.docs),
            "characters": chars,
            "entities": len(ex.entities),
            "relations": len(ex.relations),
            "cooccurrences": len(ex.cooccurrences),
            "triples": len(rdf.rdf_triples(ex, settings)),
            "extraction_seconds_untimed_stage": round(extract_s, 2),
            "repeat": args.repeat,
            "pyoxigraph": ox.__version__,
            "formats": {},
        }
        pickled = cached if cached is not None and cached.is_file() else None
        for name in formats:
            file = rdf.EXPORT_FORMATS[name].file
            old, new = out / "before" / file, out / "now" / file
            times = race(
                args.repeat,
                lambda name=name, old=old: _reference.write_reference(ex, old, name, settings),
                lambda name=name, new=new: rdf.write_rdf(ex, new, name, settings=settings),
            )
            times["bytes"] = new.stat().st_size
            times["identical"] = same_files(old, new)
            if args.memory:
                if pickled is None:
                    pickled = tmp / "extraction.pickle"
                    with open(pickled, "wb") as f:
                        pickle.dump((lines, ex), f, protocol=pickle.HIGHEST_PROTOCOL)
                times.update(peak_memory(pickled, name, out))
            report["formats"][name] = times
        if args.formats == "all":
            every = Settings(backend=args.backend, rdf_formats=tuple(rdf.EXPORT_FORMATS))
            (out / "before-all").mkdir(exist_ok=True)
            times = race(
                args.repeat,
                lambda: old_exports(ex, out / "before-all", every),
                lambda: rdf.write_exports(ex, out / "now-all", every),
            )
            times["identical"] = all(
                same_files(out / "before-all" / f.file, out / "now-all" / f.file)
                for f in rdf.EXPORT_FORMATS.values()
            )
            report["write_exports_all_formats"] = times
        return report
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", default=str(DEFAULT_CORPUS))
    ap.add_argument("--limit", type=int, default=2000, help="first N stories (default 2000)")
    ap.add_argument("--repeat", type=int, default=3, help="runs of each writer; the best is kept")
    ap.add_argument("--formats", default="turtle", help="comma-separated formats, or 'all' (default: turtle)")
    ap.add_argument("--backend", default="rjieba")
    ap.add_argument(
        "--extraction",
        metavar="FILE",
        help="reuse the extraction pickled in FILE, or make it and pickle it there (keep FILE "
        "outside the repository); the corpus options are then ignored",
    )
    ap.add_argument(
        "--memory",
        action="store_true",
        help="also measure how much each writer grows the peak memory (a fresh process each)",
    )
    ap.add_argument("--keep", metavar="DIR", help="write the output files to DIR and keep them")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    r = run(args)
    if args.json:
        print(json.dumps(r, ensure_ascii=False, indent=2))
        return
    print(
        f"{r['stories']} stories, {r['characters']:,} characters → {r['entities']:,} entities, "
        f"{r['relations']:,} relations, {r['cooccurrences']:,} co-occurrences, {r['triples']:,} triples"
    )
    print(
        f"best of {r['repeat']}, before (pyoxigraph {r['pyoxigraph']} terms and writers) / now (text writer):"
    )
    print(
        f"  {'format':<24}{'before wall':>12}{'now wall':>10}{'speed-up':>10}   {'before CPU':>11}{'now CPU':>9}{'speed-up':>10}  bytes identical"
    )
    rows = list(r["formats"].items())
    if "write_exports_all_formats" in r:
        rows.append(("write_exports (all 5)", r["write_exports_all_formats"]))
    for name, x in rows:
        print(
            f"  {name:<24}{x['before_wall']:>11.3f}s{x['now_wall']:>9.3f}s{x['speedup_wall']:>9.2f}x   "
            f"{x['before_cpu']:>10.3f}s{x['now_cpu']:>8.3f}s{x['speedup_cpu']:>9.2f}x  {'yes' if x['identical'] else 'NO'}"
        )
    memory = [(name, x) for name, x in rows if "now_peak_mb" in x]
    if memory:
        print("peak memory added while writing (MB, each writer in a fresh process): before / now")
        for name, x in memory:
            print(f"  {name:<24}{x['before_peak_mb']:>8} / {x['now_peak_mb']}")


if __name__ == "__main__":
    main()
