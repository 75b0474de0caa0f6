"""The export stage of ``kg build``: every export of the merged extraction written into the
build's staging folder, in two processes side by side where a second CPU is free and
memory allows.

The exports (the tables, the RDF, the page, the map, the manifest, and with a store the
merged corpus kept for ``kg view -d``) each read the merged extraction and write files of
their own, so they can be written in any order and by any process: the bytes are the
same. Written one after another they take about 2 s of one core on 3,010 stories, half
of a build that adds 10 stories to them. Here they are shared between this
process and a forked child (:mod:`kg.forked`) by their measured costs (:data:`COSTS`):
with a second CPU idle, the stage of 3,010 stories takes about 0.7 of the time.

- Before the fork, what several exports share is made once: the tables' entity ids
  (the RDF's and the map's IRIs too).
- The store's copy of the merged corpus stays in this process (:data:`PINNED`): the
  child never opens the parent's store. It is made from every entity's mentions in the
  page's order (``mentions``, made first in this process, side by side with the child's
  work rather than before the fork, where both processes would wait for it). The page
  reads that index too, so it is written here as well: written by the child it took
  about half as long again (its own index of the entities it draws, and the pages of
  memory a child copies as it writes to them), and the child writes the tables, the RDF
  and the map in about that time. Without a store no index of every entity is made: the
  page finds the mentions of the entities it draws. The child writes its files into the
  same staging folder and leaves.
- The RDF and the page, the two exports that make the most memory while they run, are
  written side by side: a second process is forked only for builds holding little
  memory (:data:`FORK_BELOW`), where their peaks are small (on 3,010 stories, tens of
  MB), and written by one process they are freed one before the next.
- A failure in the child fails the build as it would here (:mod:`kg.forked` raises its
  exception in this process, inside :mod:`kg.publish`'s staging block, which removes the
  staging folder and leaves the output folder as it was).
- Progress is reported from this process alone, stage after stage in the usual order
  (tables, rdf, html, map): a stage is shown from the end of the one before until its
  export is known to be written, whichever process wrote it, so the progress line shows
  each stage once and never two at a time.

``jobs`` (``kg build --export-jobs``) sets the number of processes; 1 writes every
export here, one after another. By default a second process is forked only where a
second CPU is available and idle and the build holds little memory (:func:`export_processes`).
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from kg.config import Settings
from kg.forked import Task, available_cpus, can_fork, idle_cpus, plan, resident_bytes, side_by_side
from kg.model import Extraction
from kg.progress import ProgressFn, begin, end

__all__ = ["COSTS", "STAGES", "export_processes", "write_exports"]

#: CPU seconds of each export of a build adding 10 stories to 3,000 with a store, written
#: by one process (``bench/incremental.py``); only their proportions matter to
#: :func:`kg.forked.plan`. ``tables`` without the ids made before the fork.
COSTS = {"mentions": 0.35, "tables": 0.5, "rdf": 0.9, "html": 1.2, "map": 0.2, "manifest": 0.02,
         "keep merge": 0.8}
#: Exports written in this process whatever the plan: the store's copy of the merged
#: corpus, the mention index it is made from, and the page, which reads that index too
#: (see the module docstring).
PINNED = ("mentions", "html", "keep merge")
#: The exports reported as progress stages, in this order.
STAGES = ("tables", "rdf", "html", "map")
#: Processes that write the exports by default where a CPU is free for the second: a third
#: would shorten the stage little (the page alone is a third of it) for another copy of
#: the memory the child comes to own.
DEFAULT_PROCESSES = 2
#: Idle CPUs (:func:`kg.forked.idle_cpus`) the default needs to fork. Two processes spend
#: about a fifth more CPU than one (the pages they share are copied as either writes to
#: them): with a CPU idle, the export stage of 3,010 stories takes 0.70 of the time of one
#: process; with every CPU busy with other work it took 1.28 times as long, since the two
#: then share the time one would have had (Linux shares CPUs between sessions first).
IDLE_CPUS = 0.5
#: The default forks only while the build holds less memory than this (resident bytes):
#: the child starts sharing all of it and comes to own a copy of every page it or the
#: build writes to, reference counts included, so the two may come to hold up to twice
#: as much, and 1.2 GB is the peak builds are held to (README). The build of 3,010
#: stories holds about 0.4 GB, that of the whole benchmark corpus (24,100) 1.1 GB: with a
#: child it peaked at 1.6 GB (the summed Pss of the two, sampled) instead of 1.1, the
#: 2,000-story build at 0.44 GB instead of 0.34.
FORK_BELOW = 600 * 10**6


def export_processes(jobs: int | None = None) -> int:
    """How many processes write the exports: ``jobs`` when given (at least 1), else 2
    when two CPUs or more are available to this process, about one is idle (see
    :data:`IDLE_CPUS`) and it holds less than :data:`FORK_BELOW`, else 1; 1 where
    ``fork`` is missing."""
    if not can_fork():
        return 1
    if jobs is not None:
        return max(1, jobs)
    if available_cpus() < 2 or idle_cpus() < IDLE_CPUS or resident_bytes() >= FORK_BELOW:
        return 1
    return DEFAULT_PROCESSES


def write_exports(
    ex: Extraction,
    out: Path,
    settings: Settings,
    *,
    manifest: Callable[[Path], str],
    keep: Callable[[Any], None] | None = None,
    progress: ProgressFn | None = None,
    timings: dict[str, float] | None = None,
    jobs: int | None = None,
) -> list[str]:
    """Write every export of ``ex`` into ``out`` and return the names written, in the
    order a serial build writes them. ``manifest(out)`` writes the manifest and returns
    its name; ``keep(mentions)``, when given, keeps the merged corpus in the store (it
    runs in this process). ``jobs``: see :func:`export_processes`. The seconds of each
    export go into ``timings``."""
    from kg.export import html as viz
    from kg.export import rdf, tables
    from kg.export.geo import write_map
    from kg.export.html.kwicdata import page_mentions

    timings = {} if timings is None else timings
    shown = _InOrder(progress, STAGES)
    t0 = time.perf_counter()
    ids = tables.table_ids(ex)  # the RDF's entity IRIs, for both tables
    iris = {eid: iri for eid, (_id, iri) in ids.items()}  # and for the RDF and the map
    made = {"tables": time.perf_counter() - t0}
    # every entity's mentions in one pass, kept for kg view -d, and the page's concordance
    # where the page is written by this process (see the module docstring)
    held: dict[str, Any] = {}

    def index_mentions() -> list[str]:
        held["mentions"] = page_mentions(ex)
        return []

    def write_tables() -> list[str]:
        tables.write_documents_jsonl(ex, out / "documents.jsonl")
        tables.write_entities_csv(ex, out / "entities.csv", excel=settings.excel, ids=ids)
        tables.write_relations_csv(ex, out / "relations.csv", excel=settings.excel, ids=ids)
        return ["documents.jsonl", "entities.csv", "relations.csv"]

    def write_rdf() -> list[str]:
        # graph.ttl and the other rdf_formats; the builder leaves no reference cycles, so its
        # statements are freed as it returns, before the page is made (tests/test_rdf.py)
        return rdf.write_exports(ex, out, settings, iris=iris)

    def write_page() -> list[str]:
        viz.write_html(ex, out / "graph.html", settings, mentions=held.get("mentions"))
        return ["graph.html"]

    def keep_merged() -> list[str]:
        keep(held["mentions"])  # type: ignore[misc]  # for kg view -d (see kg.incremental)
        return []

    tasks = [
        *([Task("mentions", index_mentions)] if keep is not None else []),  # no index of every entity without a store
        Task("tables", write_tables),
        Task("rdf", write_rdf),
        Task("html", write_page),
        Task("map", lambda: write_map(ex, out, settings, iris=iris)),  # places.geojson, map.html
        Task("manifest", lambda: [manifest(out)]),
    ]
    if keep is not None:
        # last of this process's exports: one that fails before it (here, or in the child
        # as far as this process has heard) leaves the store's copy as it was. The child's
        # failure while it is written does not, as a failed swap after it would not: the
        # copy is keyed by the export it belongs to, so kg view -d of the export in place
        # then merges its stored results instead of reading it.
        tasks.append(Task("keep merge", keep_merged))
    # each export's files are flushed to disk by the process that wrote them, as they are
    # done, rather than all at once by kg.publish before the swap (a tenth of a second of
    # waiting on 3,010 stories, now spent while the other process works)
    tasks = [Task(t.name, partial(_flushed, out, t.run)) for t in tasks]
    processes = min(export_processes(jobs), len(tasks))
    index = {t.name: i for i, t in enumerate(tasks)}
    lanes = plan([COSTS[t.name] for t in tasks], processes, pinned=[index[n] for n in PINNED if n in index])
    # what is made so far is frozen, so that a collection (after the RDF) visits only the
    # objects made since, in either process: the pages the child shares with this process
    # are not written to by the collector's bookkeeping. A caller that froze objects itself
    # (kg.gc_pause.paused, as kg.pipeline runs its stages) unfreezes them all at its end; without one, they are here.
    unfreeze = processes > 1 and gc.get_freeze_count() == 0
    if processes > 1:
        # what the child needs and would import anew at each build is imported here first
        from kg.export.html.positions import preload

        preload()
        gc.freeze()
    results: dict[int, list[str]] = {}

    def done(i: int, written: list[str], seconds: float) -> None:
        results[i] = written
        made[tasks[i].name] = made.get(tasks[i].name, 0.0) + seconds
        shown.done(tasks[i].name)

    try:
        side_by_side(tasks, lanes, done)
    finally:
        if unfreeze:
            gc.unfreeze()
    for t in tasks:
        timings[t.name] = made[t.name]
    return [name for i in range(len(tasks)) for name in results[i]]


def _flushed(folder: Path, run: Callable[[], list[str]]) -> list[str]:
    """``run()``, the names of the files it wrote in ``folder``, each flushed to disk."""
    from kg.publish import flush_files

    written = run()
    flush_files(folder, written)
    return written


class _InOrder:
    """Progress of stages that may finish in any order, reported in a fixed order: the
    first stage starts now; when a stage is done and every stage before it has ended, it
    ends and the next starts. Names outside ``stages`` are not reported."""

    def __init__(self, progress: ProgressFn | None, stages: tuple[str, ...]) -> None:
        self.progress = progress
        self.stages = stages
        self.finished: set[str] = set()
        self.next = 0
        if stages:
            begin(progress, stages[0])

    def done(self, name: str) -> None:
        self.finished.add(name)
        while self.next < len(self.stages) and self.stages[self.next] in self.finished:
            end(self.progress, self.stages[self.next])
            self.next += 1
            if self.next < len(self.stages):
                begin(self.progress, self.stages[self.next])
