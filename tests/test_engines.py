"""Tests of kg.engines: the per-document step as Dask tasks gives what a serial run gives."""

from __future__ import annotations

import json
import threading
import time

import pytest
from click.testing import CliRunner

from kg import engines, pipeline
from kg.cli import main
from kg.config import Settings
from kg.errors import ConfigError, ResourceError
from kg.extract.document import pack
from kg.merge import Partial, finalize, merge, partial
from kg.model import Document
from kg.pipeline import build, build_outputs, extract_all, make_tools

pytest.importorskip("distributed")

#: Five short stories: people with posts, places, an organisation named twice, so the
#: merge joins entities across documents that land in different shards.
STORIES = {
    "a.txt": "新华社北京3月5日电 国务院总理李强在北京会见越南总理范明政。李强表示，中越两国要加强合作。",
    "b.txt": "山西省委书记唐登杰在太原调研。唐登杰强调，要推动能源革命综合改革试点。",
    "c.txt": "国家发展改革委主任郑栅洁在重庆出席座谈会。重庆市委书记袁家军参加会议。",
    "d.txt": "李强在上海考察。上海市委书记陈吉宁陪同考察。李强指出，要建设全国统一大市场。",
    "e.txt": "越南总理范明政访问广西。广西壮族自治区党委书记陈刚会见范明政。",
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_local_cluster_of_two_workers_writes_the_exports_of_a_serial_build(corpus, tmp_path, monkeypatch) -> None:
    """Shards of about one story each, so the five stories are five tasks on two workers
    finishing in any order; every export is the same bytes, the manifest differs only in
    the recorded engine and workers.

    The workers are threads of this process: two worker processes take 5 to 20 seconds to
    start and load the resources on this machine, threads a fraction of that. What
    processes add is pickling the documents and the packed results, which the process pool
    does too (tests/test_pipeline.py); bench/engines.py runs worker processes on 2,000
    stories and checks the result is the serial one."""
    monkeypatch.setattr(engines, "SHARD_CHARS", 60)
    monkeypatch.setattr(engines, "LOCAL_PROCESSES", False)
    serial, dask = tmp_path / "serial", tmp_path / "dask"
    build([corpus], serial, Settings())
    result = build([corpus], dask, Settings(engine="dask", workers=2))
    assert len(result.extraction.docs) == 5 and result.extraction.entities
    written = sorted(p.name for p in serial.iterdir())
    assert written == sorted(p.name for p in dask.iterdir()) and set(written) <= build_outputs()
    for name in written:
        if name != "manifest.json":
            assert (serial / name).read_bytes() == (dask / name).read_bytes(), name
    m1, m2 = (json.loads((d / "manifest.json").read_text(encoding="utf-8")) for d in (serial, dask))
    assert (m1["settings"].pop("engine"), m2["settings"].pop("engine")) == ("local", "dask")
    assert (m1["settings"].pop("workers"), m2["settings"].pop("workers")) == (1, 2)
    assert m1 == m2


def test_results_come_back_in_input_order_and_failures_as_a_serial_run_reports_them(monkeypatch) -> None:
    """Workers as threads of this process (processes=False), so the test can make the first
    shard finish last and one document fail: the result and the failures are those of the
    loop in this process all the same."""
    docs = [Document(f"d{i}", text, path=f"{i}.txt") for i, text in enumerate(STORIES.values())]
    real = engines.extract_document

    def flaky(doc, tools):
        if doc.id == "d2":
            raise ValueError("bad input\nsecond line")
        if doc.id == "d0":
            time.sleep(0.5)  # the first shard is the last to finish
        return real(doc, tools)

    monkeypatch.setattr(engines, "extract_document", flaky)
    monkeypatch.setattr(pipeline, "extract_document", flaky)
    tools = make_tools(Settings())
    serial_failures: list = []
    serial = extract_all(docs, tools, failures=serial_failures)
    seen: list[tuple[int, int]] = []
    failures: list = []
    with engines.connect(Settings(engine="dask", workers=2), processes=False) as client:
        got = engines.extract_dask(docs, tools, lambda i, n: seen.append((i, n)), failures,
                                   client=client, max_chars=1)
    assert [pack(dx) for dx in got] == [pack(dx) for dx in serial]
    assert [dx.doc.id for dx in got] == ["d0", "d1", "d3", "d4"]
    assert failures == serial_failures == [(docs[2], "document d2: extraction failed: ValueError: bad input")]
    assert seen == [(i, 5) for i in range(1, 6)]


def test_the_workers_summaries_combined_are_the_merge_of_the_results(monkeypatch) -> None:
    """Each shard summarised on its worker, the summaries combined as the shards finish
    (the first one last) and one document failing: the summary is that of the results a
    serial run gives, and finalizing it is their merge."""
    docs = [Document(f"d{i}", text, path=f"{i}.txt") for i, text in enumerate(STORIES.values())]
    real = engines.extract_document

    def flaky(doc, tools):
        if doc.id == "d3":
            raise ValueError("bad input")
        if doc.id == "d0":
            time.sleep(0.5)
        return real(doc, tools)

    monkeypatch.setattr(engines, "extract_document", flaky)
    tools = make_tools(Settings())
    serial = [real(d, tools) for d in docs if d.id != "d3"]
    summary: list = []
    failures: list = []
    with engines.connect(Settings(engine="dask", workers=2), processes=False) as client:
        got = engines.extract_dask(docs, tools, None, failures, client=client, max_chars=60, summary=summary)
        assert engines.extract_dask([], tools, client=client, summary=summary) == []
    assert [dx.doc.id for dx in got] == ["d0", "d1", "d2", "d4"] and len(failures) == 1
    assert len(summary) == 2 and summary[1] == Partial()
    assert summary[0] == partial(serial, positions=[0, 1, 2, 4])  # positions in the documents given
    assert finalize(summary[0], tools.resources, tools.settings, got) == merge(serial, tools.resources, tools.settings)


def test_resources_are_loaded_once_per_worker(monkeypatch) -> None:
    calls: list[str] = []
    real = engines.make_tools

    def counted(settings, data_dir=None):
        calls.append(threading.current_thread().name)
        return real(settings, data_dir)

    monkeypatch.setattr(engines, "make_tools", counted)
    docs = [Document(f"d{i}", text) for i, text in enumerate(STORIES.values())]
    with engines.connect(Settings(engine="dask", workers=2), processes=False) as client:
        got = engines.extract_dask(docs, make_tools(Settings()), client=client, max_chars=1)
    assert len(got) == 5
    assert 1 <= len(calls) <= 2 and len(set(calls)) == len(calls)  # five tasks, at most one load per worker


def test_a_worker_reading_other_data_files_than_the_client_refuses_to_extract(tmp_path) -> None:
    """The client's tools hash the user dictionary as it read it; a worker whose copy at
    that path reads otherwise would find other names, so it stops instead."""
    names = tmp_path / "names.txt"
    names.write_text("范明政\tPerson\n", encoding="utf-8")
    settings = Settings(engine="dask", user_dict=str(names))
    client_tools = make_tools(settings)
    names.write_text("范明政\tOrganization\n", encoding="utf-8")  # the worker's copy differs
    with pytest.raises(ResourceError, match="differ on the Dask worker"):
        engines.worker_tools("k1", settings, client_tools.resources.data_dir, client_tools.resources.fingerprint)
    names.write_text("范明政\tPerson\n", encoding="utf-8")
    tools, _lock = engines.worker_tools("k2", settings, client_tools.resources.data_dir,
                                        client_tools.resources.fingerprint)
    assert tools.resources.fingerprint == client_tools.resources.fingerprint


def test_shards_are_consecutive_runs_of_documents_cut_by_characters() -> None:
    docs = [Document(str(i), "字" * n) for i, n in enumerate((30, 50, 10, 200, 5, 5))]
    bounds = engines.shard_bounds(docs, 60)
    assert bounds == [(0, 1), (1, 3), (3, 4), (4, 6)]
    assert engines.shard_bounds(docs, 60) == bounds and engines.shard_bounds([], 60) == []


def _one_line_error(args: list[str]) -> str:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1, result.output
    return lines[0]


def test_an_unknown_engine_is_a_one_line_error(corpus, tmp_path) -> None:
    line = _one_line_error(["build", str(corpus), "-o", str(tmp_path / "out"), "--engine", "spark"])
    assert "engine must be one of local, dask, not 'spark'" in line
    assert not (tmp_path / "out").exists()


def test_a_scheduler_without_the_dask_engine_is_a_one_line_error(corpus, tmp_path) -> None:
    line = _one_line_error(["build", str(corpus), "-o", str(tmp_path / "out"), "--scheduler", "tcp://h:8786"])
    assert "scheduler 'tcp://h:8786' is used by engine dask only" in line


def test_a_scheduler_nobody_listens_at_is_a_one_line_error(corpus, tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(engines, "CONNECT_TIMEOUT", 1)
    line = _one_line_error(["build", str(corpus), "-o", str(tmp_path / "out"), "--engine", "dask",
                            "--scheduler", "tcp://127.0.0.1:9"])
    assert "scheduler tcp://127.0.0.1:9: cannot connect" in line
    assert not (tmp_path / "out" / "manifest.json").exists()


def test_the_dask_engine_without_dask_installed_names_the_extra(corpus, tmp_path, monkeypatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "distributed" else real(name, *a))
    with pytest.raises(ConfigError, match=r"pip install 'kg\[dask\]'"):
        engines.require_dask()
    line = _one_line_error(["build", str(corpus), "-o", str(tmp_path / "out"), "--engine", "dask"])
    assert line.endswith("engine dask needs Dask: pip install 'kg[dask]'")
