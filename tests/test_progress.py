"""Tests of kg.progress (the callback protocol and its helpers) and of the progress the
library reports: every stage of build and analyze on the fixture corpus, the load of the
query store and validation, each a well-formed sequence of calls."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from kg.config import AnalysisSettings, Settings
from kg.progress import ReadCounter, begin, end, report, stage

FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus"

BUILD_STAGES = ["read", "load", "extract", "merge", "tables", "rdf", "html", "map"]


class Recorder:
    """A progress callback that keeps every call."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, int | None]] = []

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        self.calls.append((stage, done, total))

    def stages(self) -> list[str]:
        """Stage names in the order they started."""
        out: list[str] = []
        for name, _done, _total in self.calls:
            if not out or out[-1] != name:
                out.append(name)
        return out

    def of(self, name: str) -> list[tuple[int, int | None]]:
        return [(d, t) for s, d, t in self.calls if s == name]


def assert_well_formed(rec: Recorder) -> None:
    """Each stage runs once, uninterrupted: it starts at 0, its count never goes back,
    only its last call has ``done >= total``, and that call ends it."""
    names = rec.stages()
    assert len(names) == len(set(names)), f"a stage ran twice or was interleaved: {names}"
    for name in names:
        calls = rec.of(name)
        assert calls[0][0] == 0, (name, calls)
        done = [d for d, _t in calls]
        assert done == sorted(done), (name, calls)
        last_done, last_total = calls[-1]
        assert last_total is not None and last_done >= last_total, (name, calls)
        for d, t in calls[:-1]:
            assert t is None or d < t, (name, calls)


# ---------------------------------------------------------------------- the helpers
def test_stage_reports_start_steps_and_end() -> None:
    rec = Recorder()
    with stage(rec, "count", 3) as step:
        for i in range(1, 4):
            step(i)
    # the last step is held below the total: the stage ends when the block does
    assert rec.calls == [("count", 0, 3), ("count", 1, 3), ("count", 2, 3), ("count", 3, 3)]


def test_a_stage_without_a_total_ends_with_what_it_counted() -> None:
    rec = Recorder()
    with stage(rec, "scan") as step:
        step(5)
        step(5)  # no change: not reported again
        step(7)
    assert rec.calls == [("scan", 0, None), ("scan", 5, None), ("scan", 7, None), ("scan", 7, 7)]
    rec = Recorder()
    begin(rec, "merge")
    end(rec, "merge")
    assert rec.calls == [("merge", 0, None), ("merge", 0, 0)]
    assert_well_formed(rec)


def test_a_failed_stage_reports_no_end() -> None:
    rec = Recorder()
    with pytest.raises(ValueError), stage(rec, "x", 2) as step:
        step(1)
        raise ValueError
    assert rec.calls == [("x", 0, 2), ("x", 1, 2)]


def test_without_a_callback_nothing_is_called() -> None:
    report(None, "x", 1, 2)
    with stage(None, "x", 2) as step:
        step(1)
    assert step.done == 1


def test_read_counter_reports_each_mb_read() -> None:
    data = bytes(range(256)) * (5 * 4096 + 1)  # 5 MB and 256 bytes
    seen: list[int] = []
    reader = ReadCounter(io.BytesIO(data), seen.append, at_end=lambda: seen.append(-1))
    out = bytearray()
    while chunk := reader.read(300_000):
        out += chunk
    assert reader.read(10) == b""  # a second read at the end: at_end is not called again
    assert bytes(out) == data and reader.bytes == len(data) and reader.ended
    assert seen[0] == 0 and seen[-2:] == [5, -1] and seen.count(-1) == 1
    assert sorted(set(seen) - {-1}) == [0, 1, 2, 3, 4, 5]
    assert ReadCounter.total_mb(len(data)) == 6
    assert ReadCounter.total_mb(0) == 1 and ReadCounter.total_mb(1 << 20) == 1


# ---------------------------------------------------------------------- build and analyze
@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Recorder]:
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("progress-build")
    rec = Recorder()
    result = build([FIXTURE_CORPUS], out, Settings(), progress=rec)
    assert len(result.extraction.docs) == 3
    return out, rec


def test_build_reports_every_stage_in_order(built) -> None:
    _out, rec = built
    assert rec.stages() == BUILD_STAGES
    assert_well_formed(rec)
    extract = rec.of("extract")
    assert extract[0] == (0, 3) and extract[-1] == (3, 3)
    assert [d for d, _t in extract] == [0, 1, 2, 3]  # one report a document
    assert rec.of("read")[-1] == (3, 3)  # the documents read


def test_extract_corpus_reports_the_first_stages(tmp_path) -> None:
    """What `kg view` shows before it draws the page."""
    from kg.pipeline import extract_corpus

    rec = Recorder()
    extract_corpus([FIXTURE_CORPUS], Settings(), progress=rec)
    assert rec.stages() == BUILD_STAGES[:4]
    assert_well_formed(rec)


def test_analyze_reports_every_stage_in_order(tmp_path) -> None:
    from kg.pipeline import analyze

    rec = Recorder()
    result = analyze([FIXTURE_CORPUS], tmp_path / "out", Settings(), AnalysisSettings(by="year"), progress=rec)
    assert result.analysis.periods, "the fixture corpus has dated documents"
    assert rec.stages() == [
        *BUILD_STAGES[:4],
        "duplicates", "prepare", "pairs", "centrality", "communities", "periods",
        "write tables", "layout", "write", "write periods", "report",
    ]  # fmt: skip
    assert_well_formed(rec)
    n = len(result.analysis.periods)
    assert rec.of("periods")[0] == (0, n) and rec.of("write periods")[-1] == (n, n)
    assert (tmp_path / "out" / "analysis" / "report.html").is_file()


def test_analyze_without_periods_reports_none() -> None:
    from kg.analysis import analyze
    from kg.pipeline import extract_corpus

    ex, _files, _tools = extract_corpus([FIXTURE_CORPUS], Settings())
    rec = Recorder()
    analyze(ex, AnalysisSettings(duplicates=0), progress=rec)
    assert rec.stages() == ["prepare", "pairs", "centrality", "communities"]
    assert_well_formed(rec)


# ---------------------------------------------------------------------- the query store
def test_the_first_query_reports_the_store_load_and_later_ones_nothing(built, tmp_path) -> None:
    import shutil

    from kg.sparql.store import INDEX_STAGE, LOAD_STAGE, WRITE_STAGE, GraphStore

    out = tmp_path / "out"
    shutil.copytree(built[0], out)
    rec = Recorder()
    with GraphStore.open(out, progress=rec) as gs:
        assert gs.info.built and gs.info.triples > 0
    assert rec.stages() == [LOAD_STAGE, WRITE_STAGE, INDEX_STAGE]
    assert_well_formed(rec)
    assert rec.of(LOAD_STAGE) == [(0, 1), (1, 1)]  # the export is under one MB
    again = Recorder()
    with GraphStore.open(out, progress=again) as gs:
        assert not gs.info.built
    assert again.calls == []


def _big_quads(path: Path, mb: float) -> int:
    """An N-Quads file of about ``mb`` MB, one named graph a hundred lines; its line count."""
    lines = []
    size = i = 0
    while size < mb * (1 << 20):
        line = f'<http://x/s{i}> <http://x/p> "value {i:08d} of a long enough literal" <http://x/g{i // 100}> .\n'
        lines.append(line)
        size += len(line)
        i += 1
    path.write_text("".join(lines), encoding="utf-8")
    return i


def test_a_quad_export_reports_each_mb_of_both_passes(tmp_path) -> None:
    from kg.sparql.store import (
        INDEX_STAGE,
        LOAD_STAGE,
        UNION_STAGE,
        UNION_WRITE_STAGE,
        WRITE_STAGE,
        GraphStore,
    )

    n = _big_quads(tmp_path / "graph.nq", 2.5)
    rec = Recorder()
    with GraphStore.open(tmp_path, progress=rec) as gs:
        assert (gs.info.triples, gs.info.quads) == (n, n)
    # the loaders read to the end of the file, then write what they parsed
    assert rec.stages() == [LOAD_STAGE, WRITE_STAGE, UNION_STAGE, UNION_WRITE_STAGE, INDEX_STAGE]
    assert_well_formed(rec)
    for name in (LOAD_STAGE, UNION_STAGE):
        assert [d for d, _t in rec.of(name)] == [0, 1, 2, 3], name  # each MB, then the end
        assert {t for _d, t in rec.of(name)} == {3}


def test_an_in_memory_store_reports_its_load(built) -> None:
    from kg.sparql.store import INDEX_STAGE, LOAD_STAGE, WRITE_STAGE, GraphStore

    rec = Recorder()
    gs = GraphStore.in_memory(built[0] / "graph.ttl", progress=rec)
    assert gs.info.path is None and gs.info.triples > 0
    assert rec.stages() == [LOAD_STAGE, WRITE_STAGE, INDEX_STAGE]
    assert_well_formed(rec)


def test_query_run_reports_the_store_load(built, tmp_path) -> None:
    import shutil

    from kg.sparql.query import run
    from kg.sparql.store import LOAD_STAGE

    out = tmp_path / "out"
    shutil.copytree(built[0], out)
    rec = Recorder()
    text = run(out, "ASK { ?s ?p ?o }", fmt="csv", progress=rec)
    assert "true" in text
    assert LOAD_STAGE in rec.stages()


# ---------------------------------------------------------------------- validation
def test_validate_reports_its_stages(built) -> None:
    from kg.sparql.validate import READ_STAGE, SHAPES_STAGE, STATEMENTS_STAGE, validate_export

    rec = Recorder()
    report_ = validate_export(built[0], progress=rec)
    assert report_.triples > 0
    assert rec.stages() == [READ_STAGE, SHAPES_STAGE, STATEMENTS_STAGE]
    assert_well_formed(rec)
    statements = rec.of(STATEMENTS_STAGE)
    assert statements[-1][1] > 0  # the fixture has relations: one report a statement
    assert len(statements) == statements[-1][1] + 1
