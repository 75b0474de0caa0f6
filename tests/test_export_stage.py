"""Tests of kg.export.stage: every export of a merged extraction, written by one process or
by several side by side, gives the same files, names and order; the progress stages come
one at a time in their order whatever order the exports finish in."""

from __future__ import annotations

import gc
import os
from pathlib import Path

import pytest

from kg.export.stage import STAGES, _InOrder, export_processes, write_exports


def _write(extraction, settings, out: Path, jobs: int, kept: list | None = None) -> tuple[list[str], dict, list]:
    out.mkdir()
    calls: list[tuple] = []
    timings: dict[str, float] = {}

    def manifest(folder: Path) -> str:
        (folder / "manifest.json").write_text("{}\n", encoding="utf-8")
        return "manifest.json"

    keep = None if kept is None else (lambda mentions: kept.append((os.getpid(), sorted(mentions.entities()))))
    written = write_exports(extraction, out, settings, manifest=manifest, keep=keep, jobs=jobs,
                            progress=lambda *c: calls.append(c), timings=timings)
    return written, timings, calls


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_two_processes_write_what_one_writes(extraction, settings, tmp_path, monkeypatch) -> None:
    import kg.export.stage

    plans = []
    real = kg.export.stage.side_by_side

    def recorded(tasks, lanes, done):
        plans.append([[tasks[i].name for i in lane] for lane in lanes])
        return real(tasks, lanes, done)

    monkeypatch.setattr(kg.export.stage, "side_by_side", recorded)
    kept: list = []
    one, t1, c1 = _write(extraction, settings, tmp_path / "one", 1, kept)
    two, t2, c2 = _write(extraction, settings, tmp_path / "two", 2, kept)
    assert one == two == ["documents.jsonl", "entities.csv", "relations.csv", "graph.ttl", "graph.html",
                          "places.geojson", "map.html", "manifest.json"]
    for name in one:
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name
    assert sorted(os.listdir(tmp_path / "two")) == sorted(one)
    assert list(t1) == list(t2) == ["mentions", "tables", "rdf", "html", "map", "manifest", "keep merge"]
    assert c1 == c2 == [(s, 0, t) for s in STAGES for t in (None, 0)]
    # the store's copy is made here, from the same mention index, with one process or two
    assert kept[0] == (os.getpid(), kept[1][1]) and kept[1][0] == os.getpid()
    assert gc.get_freeze_count() == 0  # what was frozen for the child is unfrozen
    # the store's copy, its mention index and the page reading it here; the rest beside them
    assert plans == [[["mentions", "tables", "rdf", "html", "map", "manifest", "keep merge"]],
                     [["mentions", "html", "keep merge"], ["tables", "rdf", "map", "manifest"]]]


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_without_a_store_the_page_finds_the_mentions_it_draws(extraction, settings, tmp_path, monkeypatch) -> None:
    from kg.export.html import kwicdata

    made = []
    real = kwicdata.page_mentions
    monkeypatch.setattr(kwicdata, "page_mentions", lambda ex: made.append(1) or real(ex))
    one, t1, _c1 = _write(extraction, settings, tmp_path / "one", 1, [])
    assert made == [1]
    # no copy kept: no index of every entity is made, and the page is the same
    two, t2, _c2 = _write(extraction, settings, tmp_path / "two", 1)
    assert made == [1]
    assert one == two and "keep merge" in t1 and "keep merge" not in t2
    for name in one:
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this system")
def test_a_second_process_by_default_only_where_a_second_cpu_is_idle(monkeypatch) -> None:
    import kg.export.stage

    mb = 10**6
    for cpus, idle, held, default in ((1, 1.0, 400, 1), (2, 1.0, 400, 2), (2, 0.6, 400, 2), (2, 0.2, 400, 1),
                                      (8, 6.0, 400, 2), (8, 6.0, 1100, 1)):
        monkeypatch.setattr(kg.export.stage, "available_cpus", lambda cpus=cpus: cpus)
        monkeypatch.setattr(kg.export.stage, "idle_cpus", lambda idle=idle: idle)
        monkeypatch.setattr(kg.export.stage, "resident_bytes", lambda held=held: held * mb)
        assert export_processes() == default, (cpus, idle, held)
        assert export_processes(1) == 1 and export_processes(3) == 3  # as asked, whatever the load
    monkeypatch.setattr(kg.export.stage, "can_fork", lambda: False)
    assert export_processes(3) == export_processes() == 1


def test_stages_are_reported_in_their_order_whatever_order_they_finish_in() -> None:
    calls: list[tuple] = []
    shown = _InOrder(lambda *c: calls.append(c), ("a", "b", "c"))
    assert calls == [("a", 0, None)]
    shown.done("c")
    shown.done("other")  # not a stage: not reported
    assert calls == [("a", 0, None)]
    shown.done("a")
    assert calls[1:] == [("a", 0, 0), ("b", 0, None)]
    shown.done("b")
    assert calls[3:] == [("b", 0, 0), ("c", 0, None), ("c", 0, 0)]


def test_each_export_is_flushed_by_the_process_that_wrote_it(extraction, settings, tmp_path, monkeypatch) -> None:
    import kg.publish

    flushed = []
    monkeypatch.setattr(kg.publish, "_fsync", lambda path, directory=False: flushed.append(os.path.basename(path)))
    written, _t, _c = _write(extraction, settings, tmp_path / "one", 1)
    assert sorted(flushed) == sorted(written)
