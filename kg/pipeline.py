"""The pipeline: the stages in order, in one readable function.

- ``extract_document(doc, tools)`` is the per-document step (:mod:`kg.extract.document`):
  a pure function of the document and the loaded resources, run in a loop or in a
  process pool, whose workers send their results back packed.
- ``merge(doc_extractions, resources, settings)`` is the corpus step (:mod:`kg.merge`).
- ``build(inputs, outdir, settings)`` reads, extracts, merges and writes every export;
  ``analyze`` does the same up to the merge and then analyses the graph.

The names other code uses from the steps (``Tools``, ``make_tools``,
``extract_document``, ``merge``, ``association``) are importable from here too.
"""

from __future__ import annotations

import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from contextlib import ExitStack
from dataclasses import dataclass, field
from functools import partial
from importlib import metadata
from pathlib import Path

from kg.config import AnalysisSettings, Settings
from kg.extract.document import Packed, Tools, extract_document, make_tools, pack, unpack
from kg.gc_pause import paused
from kg.merge import association, homonym_candidates, merge, national_bodies
from kg.model import DocExtraction, Document, Extraction, FileRecord
from kg.progress import ProgressFn, Step, begin, end

__all__ = [
    "AnalyzeResult",
    "BuildResult",
    "Tools",
    "analyze",
    "association",
    "build",
    "build_outputs",
    "built_corpus",
    "default_corpus",
    "Extractor",
    "extract_all",
    "extract_corpus",
    "extract_document",
    "homonym_candidates",
    "make_tools",
    "merge",
    "national_bodies",
    "software_versions",
]


# ---------------------------------------------------------------------- build
@dataclass
class BuildResult:
    extraction: Extraction
    files: list[FileRecord]
    outputs: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    #: With a store: the export in place was already this build's; nothing was written
    #: and ``extraction`` is empty (see :mod:`kg.corpus_list`).
    up_to_date: bool = False
    #: With a store: documents extracted by this run (the others were read from it).
    extracted: int = 0


_WORKER_TOOLS: Tools | None = None


def _init_worker(settings: Settings, data_dir: str | None) -> None:
    global _WORKER_TOOLS
    _WORKER_TOOLS = make_tools(settings, data_dir)


def _extract_in_worker(doc: Document) -> Packed | str:
    """The per-document step in a worker: the result goes back packed (see
    :mod:`kg.extract.document`), a fifth of the pickled size of the objects."""
    assert _WORKER_TOOLS is not None
    return _extract_guarded(doc, _WORKER_TOOLS, packed=True)


def _extract_guarded(doc: Document, tools: Tools, packed: bool = False) -> DocExtraction | Packed | str:
    """The per-document step; a failure becomes a one-line reason instead of ending the run."""
    try:
        dx = extract_document(doc, tools)
        return pack(dx) if packed else dx
    except Exception as e:  # noqa: BLE001 - one bad document must not end a corpus run
        return f"document {doc.id}: extraction failed: {type(e).__name__}: {e}".splitlines()[0]


def extract_all(
    documents: Sequence[Document],
    tools: Tools,
    progress: Callable[[int, int], None] | None = None,
    failures: list[tuple[Document, str]] | None = None,
) -> list[DocExtraction]:
    """The per-document step over a corpus, in this process, in a pool of workers or,
    with ``engine = "dask"``, as Dask tasks (:mod:`kg.engines`); the result is the same.

    A document whose extraction raises is left out of the result and reported in
    ``failures`` (document, reason) when a list is given.
    """
    with Extractor(tools) as run:
        return run(documents, progress, failures)


class Extractor:
    """``extract_all`` bound to ``tools``, for a caller that extracts a corpus in parts
    (:mod:`kg.incremental` stores every thousand documents): the pool of workers or the
    Dask cluster is started by the first call that needs it and serves every later call
    until the block ends, instead of starting again for each part (a pool starts its
    workers and loads the resources in each, a local Dask cluster takes seconds)."""

    def __init__(self, tools: Tools) -> None:
        self.tools = tools
        self._stack = ExitStack()
        self._pool = None
        self._client = None

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stack.close()

    def __call__(
        self,
        documents: Sequence[Document],
        progress: Callable[[int, int], None] | None = None,
        failures: list[tuple[Document, str]] | None = None,
    ) -> list[DocExtraction]:
        tools = self.tools
        if tools.settings.engine == "dask":
            from kg.engines import connect, extract_dask

            if not documents:
                return []
            if self._client is None:
                self._client = self._stack.enter_context(connect(tools.settings))
            return extract_dask(documents, tools, progress, failures, client=self._client)
        out: list[DocExtraction] = []
        n = len(documents)

        def keep(doc: Document, result: DocExtraction | str) -> None:
            if isinstance(result, str):
                if failures is not None:
                    failures.append((doc, result))
            else:
                out.append(result)

        if tools.settings.workers > 1 and n > 1:
            if self._pool is None:
                from concurrent.futures import ProcessPoolExecutor

                self._pool = self._stack.enter_context(ProcessPoolExecutor(
                    tools.settings.workers, initializer=_init_worker,
                    initargs=(tools.settings, tools.resources.data_dir)))
            results = self._pool.map(_extract_in_worker, documents, chunksize=32)
            for i, (doc, result) in enumerate(zip(documents, results), 1):
                keep(doc, result if isinstance(result, str) else unpack(result, doc))
                if progress:
                    progress(i, n)
            return out
        for i, doc in enumerate(documents, 1):
            keep(doc, _extract_guarded(doc, tools))
            if progress:
                progress(i, n)
        return out


def software_versions() -> dict[str, str]:
    out = {"kg": _version("kg"), "python": sys.version.split()[0]}
    for dist in ("jieba", "rjieba", "networkx", "rdflib", "pyvis", "ahocorasick-rs"):
        out[dist] = _version(dist)
    return out


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "unknown"


def build(
    inputs: Iterable[str | Path],
    outdir: str | Path,
    settings: Settings | None = None,
    *,
    data_dir: str | Path | None = None,
    progress: ProgressFn | None = None,
    on_file_error: Callable[[FileRecord], None] | None = None,
    store: str | Path | bool | None = None,
    export_jobs: int | None = None,
) -> BuildResult:
    """Read ``inputs``, extract, merge and write every export into ``outdir``.

    ``outdir`` is replaced all at once (see :mod:`kg.publish`): the exports are written
    to a staging folder beside it and swapped in when complete, while a lock keeps other
    builds of ``outdir`` out (``OutputBusy``). When no document could be read nothing is
    written (``outputs`` is empty) and ``outdir`` stays as it was; a write that fails
    raises ``OutputError`` and leaves it as it was too. Entries of ``outdir`` that are
    not ``build_outputs()`` (the query store, ``analysis/``, the user's files) are kept.

    ``store``: keep per-document results in an extraction store and extract only the
    documents it lacks (:mod:`kg.incremental`): True for ``outdir/.kg-store``, or a
    folder (``--cache``); when the export in place is already the one these inputs and
    settings make, nothing is written (``up_to_date``).

    ``export_jobs``: processes writing the exports side by side (see
    :mod:`kg.export.stage`); None: two where a second CPU is idle and the build holds
    little memory, 1: this one alone.
    The exports are the same bytes whatever it is.
    """
    from kg.publish import locked

    settings = settings or Settings()
    timings: dict[str, float] = {}
    with locked(outdir, "kg build") as target:
        run = _store_run(store, outdir, settings, data_dir)
        ex, files, tools = extract_corpus(
            inputs, settings, data_dir=data_dir, progress=progress, on_file_error=on_file_error, timings=timings,
            store=run,
        )
        if run is not None and run.current is not None:
            return BuildResult(ex, files, [], timings, up_to_date=True)
        if not ex.docs:
            return BuildResult(ex, files, [], timings)
        # imported here: a build with nothing to do (the common rerun) needs neither
        from kg.export import tables
        from kg.export.stage import write_exports

        # the exports, like the merge, make many objects without cycles (see kg.gc_pause)
        with target.replacing(owned=build_outputs()) as out, paused():

            def manifest(folder: Path) -> str:
                tables.write_manifest(
                    folder / "manifest.json",
                    files=files,
                    ex=ex,
                    settings=settings,
                    backend_info=tools.segmenter.info(),
                    versions=software_versions(),
                    rules=run.rules if run is not None else None,  # counted as the store was read
                )
                return "manifest.json"

            written = write_exports(ex, out, settings, manifest=manifest, progress=progress, timings=timings,
                                    keep=None if run is None else partial(run.write_merged, ex),  # kg view -d's
                                    jobs=export_jobs)
            if run is not None:  # last: it lists the others' sizes
                written.append(run.write_list(out, ex.docs, files))
                run.release()  # the whole results held for the merge and the exports
    return BuildResult(ex, files, written, timings, extracted=run.extracted if run else len(ex.docs))


def _store_run(store: str | Path | bool | None, outdir: str | Path | None, settings: Settings, data_dir):
    """The store side of a run (:class:`kg.incremental.StoreRun`), None without a store."""
    if store is None or store is False:
        return None
    from kg.incremental import StoreRun, store_folder

    if store is True and outdir is None:
        raise ValueError("store=True needs an output folder")
    return StoreRun(store_folder(outdir, None if store is True else store), outdir, settings, data_dir)


def build_outputs() -> frozenset[str]:
    """Every file ``kg build`` can write, whatever this run's formats: a new export
    replaces all of them, so none of an earlier build is left beside it."""
    from kg.export.geo import MAP_OUTPUTS
    from kg.export.rdf import EXPORT_FORMATS

    tables = ("documents.jsonl", "entities.csv", "relations.csv", "graph.html", "manifest.json", ".kg-corpus.jsonl")
    return frozenset((*tables, *MAP_OUTPUTS, *(f.file for f in EXPORT_FORMATS.values())))


@dataclass
class AnalyzeResult:
    extraction: Extraction
    files: list[FileRecord]
    analysis: object  # kg.analysis.Analysis
    outputs: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def analyze(
    inputs: Iterable[str | Path],
    outdir: str | Path,
    settings: Settings | None = None,
    analysis_settings: AnalysisSettings | None = None,
    *,
    data_dir: str | Path | None = None,
    progress: ProgressFn | None = None,
    on_file_error: Callable[[FileRecord], None] | None = None,
    built: str | Path | None = None,
    cache: str | Path | None = None,
) -> AnalyzeResult:
    """Read ``inputs``, extract and merge as ``build`` does, then analyse the graph and
    write ``outdir/analysis/`` (see :mod:`kg.analysis`); nothing else in ``outdir``
    is written. The extraction is made again rather than read from ``kg build``'s
    tables because those keep no sentence or paragraph positions, which every
    co-occurrence window needs. ``analysis/`` is replaced whole, as ``build`` replaces
    ``outdir`` (see :mod:`kg.publish`), under the same lock."""
    from kg import analysis
    from kg.publish import locked

    settings = settings or Settings()
    timings: dict[str, float] = {}
    with locked(outdir, "kg analyze") as target:
        if built is not None:  # the build's extraction, from its store (inputs unused)
            ex, files = built_corpus(built, settings, cache=cache, progress=progress, timings=timings)
        else:
            ex, files, _tools = extract_corpus(inputs, settings, data_dir=data_dir, progress=progress,
                                               on_file_error=on_file_error, timings=timings)
        t0 = time.perf_counter()
        result = analysis.analyze(ex, analysis_settings, progress=progress)
        timings["analyze"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        written: list[str] = []
        if ex.docs:
            # the staging folder is named analysis/, so writing into its parent fills it
            with target.replacing("analysis") as stage:
                written = analysis.write_analysis(result, stage.parent, progress=progress, pages=target.path)
        timings["write"] = time.perf_counter() - t0
    return AnalyzeResult(ex, files, result, written, timings)


def extract_corpus(
    inputs: Iterable[str | Path],
    settings: Settings,
    *,
    data_dir: str | Path | None = None,
    progress: ProgressFn | None = None,
    on_file_error: Callable[[FileRecord], None] | None = None,
    timings: dict[str, float] | None = None,
    store=None,
) -> tuple[Extraction, list[FileRecord], Tools]:
    """The first stages of ``build`` (read, load resources, extract, merge) with the
    same reporting of unreadable files, for commands that need the extraction only.

    ``store``: a :class:`kg.incremental.StoreRun`; only documents without a stored
    result are extracted, and the results are held packed. When it finds the export in
    place up to date, the stages after reading are skipped (empty extraction, no tools)."""
    from kg.read.inputs import read_inputs

    timings = {} if timings is None else timings
    t0 = time.perf_counter()
    begin(progress, "read")
    documents, files = read_inputs([_display_path(Path(p)) for p in inputs], settings)  # ids unique
    if on_file_error:
        for f in files:
            if f.status != "ok" or f.warning:
                on_file_error(f)
    timings["read"] = time.perf_counter() - t0
    end(progress, "read", len(documents))
    if store is not None and store.check(documents, files):
        return Extraction((), (), (), ()), files, None  # type: ignore[return-value]
    t0 = time.perf_counter()
    begin(progress, "load")
    tools = make_tools(settings, data_dir)
    timings["load"] = time.perf_counter() - t0
    end(progress, "load")
    begin(progress, "extract", len(documents))
    t0 = time.perf_counter()
    # a Step holds the count below the total: the stage ends with end() below, after the last document
    step = Step(progress, "extract", len(documents))
    cb = (lambda i, _n: step(i)) if progress else None
    failures: list[tuple[Document, str]] = []
    with paused():
        if store is None:
            doc_results = extract_all(documents, tools, cb, failures)
        else:
            doc_results = store.extract(documents, tools, cb, failures)
    timings["extract"] = time.perf_counter() - t0
    end(progress, "extract", len(documents))
    if failures:
        files = _mark_failures(files, failures)
        if on_file_error:
            for f in files:
                if f.status != "ok" and any(d.path == f.path for d, _r in failures):
                    on_file_error(f)
    t0 = time.perf_counter()
    begin(progress, "merge")
    with paused():
        if store is None:
            ex = merge(doc_results, tools.resources, settings)
        else:  # from the summary the last build kept, when it can (see kg.kept_summary)
            ex = store.merge(doc_results, tools.resources, settings)
    timings["merge"] = time.perf_counter() - t0
    end(progress, "merge")
    return ex, files, tools


def built_corpus(
    outdir: str | Path,
    settings: Settings,
    *,
    cache: str | Path | None = None,
    progress: ProgressFn | None = None,
    timings: dict[str, float] | None = None,
) -> tuple[Extraction, list[FileRecord]]:
    """The merged extraction of the build in ``outdir``, from its extraction store
    (``cache``, else ``outdir/.kg-store``) without reading or extracting its inputs;
    the extraction settings and resources are the build's (see
    :func:`kg.incremental.load_built`), the merge's the given ``settings``."""
    from kg.incremental import load_built
    from kg.resources import load_resources

    timings = {} if timings is None else timings
    t0 = time.perf_counter()
    begin(progress, "read")
    docs, files, settings, data_dir = load_built(outdir, settings, cache)
    timings["read"] = time.perf_counter() - t0
    end(progress, "read", len(docs))
    t0 = time.perf_counter()
    begin(progress, "load")
    resources = load_resources(data_dir, settings.user_dict or ())
    timings["load"] = time.perf_counter() - t0
    end(progress, "load")
    t0 = time.perf_counter()
    begin(progress, "merge")
    with paused():
        ex = merge(docs, resources, settings)
    timings["merge"] = time.perf_counter() - t0
    end(progress, "merge")
    return ex, files


def _mark_failures(files: list[FileRecord], failures: list[tuple[Document, str]]) -> list[FileRecord]:
    """Record documents whose extraction failed in their file's manifest entry."""
    from dataclasses import replace

    reasons: dict[str, list[str]] = defaultdict(list)
    for doc, reason in failures:
        reasons[doc.path].append(reason)
    out = []
    for f in files:
        if f.path in reasons:
            lost = len(reasons[f.path])
            status = "error" if lost >= f.documents else "partial"
            reason = "; ".join(filter(None, [f.reason, *reasons[f.path]]))
            f = replace(f, status=status, reason=reason)
        out.append(f)
    return out


def _display_path(p: Path) -> Path:
    """Paths under the working directory are shown relative to it (stable manifests)."""
    try:
        return p.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return p


def default_corpus() -> Path:
    """``data/corpus`` of the source checkout (or of the installed data)."""
    from kg.resources import default_data_dir

    return default_data_dir() / "corpus"


def cpu_count() -> int:
    return os.cpu_count() or 1
