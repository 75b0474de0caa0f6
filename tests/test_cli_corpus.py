"""Tests of the commands that read documents (kg.cli.corpus: build, view, analyze) through
click's CliRunner, on the tiny fixture corpus."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from test_cli import OUTPUTS, _option_strings

from kg.cli import build, main
from kg.extraction_store import DB_NAME, STORE_DIR


def test_build_help_mentions_every_option(runner) -> None:
    result = runner.invoke(main, ["build", "--help"])
    assert result.exit_code == 0, result.output
    options = _option_strings(build)
    assert {"--output", "--backend", "--config", "--workers", "--data-dir", "--quiet"} <= set(options)
    for opt in options:
        assert opt in result.output, opt
    for backend in ("rjieba", "jieba"):
        assert backend in result.output
    assert "INPUTS" in result.output


def test_build_writes_the_outputs(runner, corpus, tmp_path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    for name in OUTPUTS:
        assert (out / name).is_file(), name
    docs = [
        json.loads(line)["doc"] for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert docs == ["a_visit", "b_expo", "c_local"]
    # the summary goes to standard error, standard output stays empty
    assert result.stdout == ""
    assert "3 documents from 3 of 3 files" in result.stderr
    assert str(out) in result.stderr


def test_quiet_build_prints_nothing(runner, corpus, tmp_path) -> None:
    result = runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    assert (tmp_path / "out" / "manifest.json").is_file()


def test_a_binary_file_is_reported_in_one_line_and_the_run_goes_on(runner, corpus, tmp_path) -> None:
    (corpus / "picture.dat").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert "picture.dat" in lines[0]
    assert "binary" in lines[0]
    assert "Traceback" not in result.stderr
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    status = {Path(f["path"]).name: f["status"] for f in manifest["files"]}
    assert status == {"a_visit.txt": "ok", "b_expo.txt": "ok", "c_local.md": "ok", "picture.dat": "error"}


def test_a_document_whose_extraction_fails_is_reported_even_when_quiet(runner, tmp_path, monkeypatch) -> None:
    # a fault in a rule (here: the relation rules of one document) costs that document,
    # reported in one line and marked in the manifest, never a silent loss
    from kg.extract.relations import RelationFinder

    find = RelationFinder.find

    def failing(self, *args, **kwargs):
        if any("普京" in str(a) for a in args):
            raise ValueError("a rule failed")
        return find(self, *args, **kwargs)

    monkeypatch.setattr(RelationFinder, "find", failing)
    src = tmp_path / "in"
    src.mkdir()
    (src / "c.jsonl").write_text('{"id": "1", "text": "习近平在北京会见普京。"}\n'
                                 '{"id": "2", "text": "李强在上海考察。"}\n', encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(src), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"kg: {src / 'c.jsonl'}: partly read: document 1: extraction failed: ValueError: a rule failed"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    (record,) = manifest["files"]
    assert record["status"] == "partial" and "document 1" in record["reason"]
    docs = [json.loads(line)["doc"] for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert docs == ["2"]


def test_backend_and_settings_reach_the_manifest(runner, corpus, tmp_path) -> None:
    out = tmp_path / "out"
    args = ["build", str(corpus / "c_local.md"), "-o", str(out), "-q", "--backend", "jieba"]
    result = runner.invoke(main, [*args, "--min-cooccurrence", "2", "--html-max-nodes", "7"])
    assert result.exit_code == 0, result.output
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["segmenter"]["backend"] == "jieba"
    assert manifest["settings"]["backend"] == "jieba"
    assert manifest["settings"]["min_cooccurrence"] == 2
    assert manifest["settings"]["html_max_nodes"] == 7


def test_config_file_errors_are_one_line(runner, corpus, tmp_path) -> None:
    config = tmp_path / "kg.toml"
    config.write_text("[kg]\nbackend = 'rjieba'\nno_such_setting = 1\n", encoding="utf-8")
    result = runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--config", str(config)])
    assert result.exit_code == 1
    assert "no_such_setting" in result.stderr
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--backend", "nope"],
        ["--workers", "0"],
        ["--min-cooccurrence", "0"],
        ["--html-max-nodes", "-1"],
        ["--no-such-option"],
    ],
)
def test_bad_options_are_rejected(runner, corpus, tmp_path, args) -> None:
    result = runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), *args])
    assert result.exit_code == 2, result.output
    assert "Error" in result.stderr
    assert not (tmp_path / "out").exists()


def test_unknown_backend_names_the_choices(runner, corpus, tmp_path) -> None:
    result = runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--backend", "nope"])
    assert result.exit_code == 2
    assert "nope" in result.stderr
    assert "rjieba" in result.stderr and "jieba" in result.stderr


def test_missing_input_path_exits_non_zero(runner, tmp_path) -> None:
    missing = tmp_path / "no-such-folder"
    result = runner.invoke(main, ["build", str(missing), "-o", str(tmp_path / "out")])
    assert result.exit_code != 0
    assert "no-such-folder" in result.stderr
    assert not (tmp_path / "out").exists()


def test_no_readable_document_exits_non_zero_and_writes_nothing(runner, tmp_path) -> None:
    """Every unreadable file is reported in its own line; OUT is not created (an existing
    one is kept byte for byte: tests/test_publish.py)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "empty.txt").write_bytes(b"")
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(src), "-o", str(out)])
    assert result.exit_code == 1
    assert f"kg: {src / 'empty.txt'}: skipped: " in result.stderr
    assert result.stderr.splitlines()[-1] == f"Error: no document could be read from {src}; {out} was left as it was"
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # no lock or staging folder left


def _page_data(path: Path) -> dict:
    import re

    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.DOTALL)
    return json.loads(found.group(1))


def test_view_writes_the_neighbourhood_of_an_alias(runner, corpus, tmp_path) -> None:
    # an alias of the expo (its name without the session); 新华社 would find 新华通讯社,
    # but an outlet only credited co-occurs with nothing
    out = tmp_path / "expo.html"
    result = runner.invoke(main, ["view", "中国国际进口博览会", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("kg: 第七届中国国际进口博览会 (Event): ")
    assert str(out) in result.stderr
    data = _page_data(out)
    assert data["nodes"][data["focus"]]["id"] == "event/第七届中国国际进口博览会"
    assert data["caption"].endswith("entities within 1 step of 第七届中国国际进口博览会")
    ids = {n["id"] for n in data["nodes"]}
    assert "place/cn-310000" in ids  # held in 上海
    assert 1 < len(ids) < 18  # the neighbourhood, not the whole graph


def test_view_depth_and_default_path(runner, corpus, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["view", "习近平", str(corpus), "--depth", "0", "-q"])
    assert result.exit_code == 0, result.output
    assert result.output == ""
    data = _page_data(tmp_path / "output" / "view-习近平.html")
    assert [n["id"] for n in data["nodes"]] == ["person/习近平"]
    one = tmp_path / "one.html"
    two = tmp_path / "two.html"
    typed = tmp_path / "typed.html"
    for path, extra in ((one, []), (two, ["--depth", "2"]), (typed, ["--relations-only"])):
        result = runner.invoke(main, ["view", "习近平", str(corpus), "-o", str(path), "-q", *extra])
        assert result.exit_code == 0, result.output
    ids = {p: {n["id"] for n in _page_data(p)["nodes"]} for p in (one, two, typed)}
    assert ids[typed] < ids[one] < ids[two]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("习大大", "kg: 习大大: no entity has this name or alias\n"),
        ("晋中市委书记", "kg: 晋中市委书记: no entity has this name or alias; similar names: "),
    ],
)
def test_view_unknown_names_are_one_line_errors(runner, corpus, tmp_path, name, message) -> None:
    result = runner.invoke(main, ["view", name, str(corpus), "-o", str(tmp_path / "v.html")])
    assert result.exit_code == 1
    assert result.stderr.startswith(message)
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "v.html").exists()


def test_view_help_mentions_every_option(runner) -> None:
    from kg.cli import view

    result = runner.invoke(main, ["view", "--help"])
    assert result.exit_code == 0, result.output
    for opt in _option_strings(view):
        assert opt in result.output, opt
    assert "ENTITY" in result.output and "INPUTS" in result.output


def test_build_writes_the_rdf_formats_asked(runner, corpus, tmp_path) -> None:
    out = tmp_path / "out"
    args = ["build", str(corpus), "-o", str(out), "-q", "--rdf-format", "trig,nquads", "--rdf-format", "jsonld"]
    result = runner.invoke(main, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("graph.*")) == ["graph.html", "graph.jsonld", "graph.nq", "graph.trig"]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["settings"]["rdf_formats"] == ["jsonld", "trig", "nquads"]
    # a later default build leaves only graph.ttl: no stale export for kg query or kg validate
    assert runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q"]).exit_code == 0
    assert sorted(p.name for p in out.glob("graph.*")) == ["graph.html", "graph.ttl"]


def test_an_unknown_rdf_format_is_rejected(runner, corpus, tmp_path) -> None:
    result = runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "out"), "--rdf-format", "turtle,rdfxml"])
    assert result.exit_code == 2
    assert "rdfxml" in result.stderr
    assert "turtle, ntriples, jsonld, trig, nquads" in result.stderr
    assert not (tmp_path / "out").exists()


def test_analyze_help_mentions_every_option(runner) -> None:
    from kg.cli import analyze

    result = runner.invoke(main, ["analyze", "--help"])
    assert result.exit_code == 0, result.output
    options = _option_strings(analyze)
    assert {"--window", "--by", "--min-count", "--backbone", "--top-k", "--output"} <= set(options)
    for opt in options:
        assert opt in result.output, opt
    assert "analyze" in runner.invoke(main, ["--help"]).output


def test_analyze_writes_the_analysis(runner, corpus, tmp_path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["analyze", str(corpus), "-o", str(out), "--window", "paragraph", "--by", "month"])
    assert result.exit_code == 0, result.output
    root = out / "analysis"
    for name in ("report.html", "nodes.csv", "edges.csv", "graph.gexf", "graph.graphml", "graph.json", "summary.json"):
        assert (root / name).is_file(), name
    summary = json.loads((root / "summary.json").read_text(encoding="utf-8"))
    assert summary["settings"]["window"] == "paragraph" and summary["settings"]["by"] == "month"
    assert summary["counts"]["documents"] == 3
    assert result.stderr.startswith("kg: 3 documents (0 near-duplicates left out),")
    assert "paragraphs" in result.stderr and str(root) in result.stderr
    assert not (out / "graph.ttl").exists()  # analyze writes analysis/ only
    quiet = runner.invoke(main, ["analyze", str(corpus), "-o", str(out), "-q"])
    assert quiet.exit_code == 0 and quiet.output == ""


def test_analyze_is_deterministic(runner, corpus, tmp_path) -> None:
    for name in ("a", "b"):
        result = runner.invoke(main, ["analyze", str(corpus), "-o", str(tmp_path / name), "-q", "--by", "year"])
        assert result.exit_code == 0, result.output
    files = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    assert files
    for rel in files:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes(), rel


def test_analyze_settings_file_and_bad_values_are_one_line_errors(runner, corpus, tmp_path) -> None:
    config = tmp_path / "kg.toml"
    config.write_text("[analysis]\nwindow = 'page'\n", encoding="utf-8")
    result = runner.invoke(main, ["analyze", str(corpus), "-o", str(tmp_path / "o"), "--config", str(config)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"kg: {config}: window must be one of sentence, paragraph, document, not 'page'"
    bad = runner.invoke(main, ["analyze", str(corpus), "--backbone", "2"])
    assert bad.exit_code == 2 and "--backbone" in bad.output and "Traceback" not in bad.output


def test_analyze_without_a_readable_document_fails(runner, tmp_path) -> None:
    (tmp_path / "blank.txt").write_text("   \n", encoding="utf-8")
    result = runner.invoke(main, ["analyze", str(tmp_path / "blank.txt"), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "no document could be read" in result.stderr
    assert "Traceback" not in result.output


def _csv_style(path: Path) -> tuple[bool, bool]:
    """(starts with a UTF-8 byte-order mark, ends its lines in CRLF) of a CSV."""
    raw = path.read_bytes()
    return raw.startswith(b"\xef\xbb\xbf"), raw.endswith(b"\r\n")


def test_build_excel_flag_and_setting_reach_the_manifest(runner, corpus, tmp_path) -> None:
    config = tmp_path / "kg.toml"
    config.write_text("excel = true\n", encoding="utf-8")
    for name, extra, wanted in (
        ("plain", [], False),
        ("flag", ["--excel"], True),
        ("config", ["--config", str(config)], True),
    ):
        out = tmp_path / name
        result = runner.invoke(main, ["build", str(corpus / "c_local.md"), "-o", str(out), "-q", *extra])
        assert result.exit_code == 0, result.output
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        assert manifest["settings"]["excel"] is wanted, name
    assert _csv_style(tmp_path / "plain" / "entities.csv") == (False, False)
    config.write_text("excel = 'yes'\n", encoding="utf-8")
    bad = runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "bad"), "--config", str(config)])
    assert bad.exit_code == 1 and bad.stderr.strip().endswith(f"{config}: excel must be true or false, not 'yes'")
    assert len(bad.stderr.strip().splitlines()) == 1


def test_build_excel_writes_tables_for_excel(runner, corpus, tmp_path) -> None:
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q", "--excel"])
    assert result.exit_code == 0, result.output
    for name in ("entities.csv", "relations.csv"):
        assert _csv_style(out / name) == (True, True), name


def test_analyze_excel_writes_every_table_for_excel(runner, corpus, tmp_path) -> None:
    config = tmp_path / "kg.toml"
    config.write_text("[kg]\nexcel = true\n", encoding="utf-8")
    for name, extra, wanted in (
        ("plain", [], (False, False)),
        ("flag", ["--excel"], (True, True)),
        ("config", ["--config", str(config)], (True, True)),
    ):
        out = tmp_path / name
        result = runner.invoke(main, ["analyze", str(corpus), "-o", str(out), "-q", "--by", "month", *extra])
        assert result.exit_code == 0, result.output
        tables = sorted((out / "analysis").rglob("*.csv"))
        assert {p.name for p in tables} >= {"nodes.csv", "edges.csv", "relations.csv", "documents.csv"}
        assert any("periods" in p.parts for p in tables)
        for path in tables:
            if "neo4j" not in path.parts:  # neo4j-admin's import files keep their own format
                assert _csv_style(path) == wanted, (name, path)


def test_lang_sets_the_page_language(runner, corpus, tmp_path) -> None:
    out = tmp_path / "en"
    result = runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q", "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert '<html lang="en">' in (out / "graph.html").read_text(encoding="utf-8")
    assert json.loads((out / "manifest.json").read_text(encoding="utf-8"))["settings"]["lang"] == "en"
    zh = tmp_path / "zh"
    assert runner.invoke(main, ["build", str(corpus), "-o", str(zh), "-q"]).exit_code == 0
    assert '<html lang="zh' in (zh / "graph.html").read_text(encoding="utf-8")
    for name in ("places.geojson", "map.html"):
        assert (zh / name).is_file(), name
    bad = runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "x"), "--lang", "fr"])
    assert bad.exit_code != 0


def test_no_progress_is_written_when_standard_error_is_not_a_terminal(runner, corpus, tmp_path) -> None:
    """Pipes and CI logs get the summary lines only: no progress line, carriage return
    or escape code (the progress line itself is tested in test_cli_progress)."""
    (corpus / "bad.bin").write_bytes(b"\x00\x01" * 50)  # one skipped-file line
    for args in (
        ["build", str(corpus), "-o", str(tmp_path / "out")],
        ["view", "习近平", str(corpus), "-o", str(tmp_path / "view.html")],
        ["analyze", str(corpus), "-o", str(tmp_path / "out")],
    ):
        result = runner.invoke(main, args)
        assert result.exit_code == 0, result.output
        assert "\r" not in result.stderr and "\x1b" not in result.stderr, args
        lines = result.stderr.splitlines()
        assert len(lines) == 2, (args, lines)
        assert "bad.bin" in lines[0] and "kg: merge" not in result.stderr, args


class _Recorder:
    """A progress callback standing in for the terminal line (CliRunner is no terminal)."""

    def __init__(self) -> None:
        self.stages: list[str] = []

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if not self.stages or self.stages[-1] != stage:
            self.stages.append(stage)

    def clear(self) -> None:
        pass

    def close(self) -> None:
        pass


@pytest.fixture
def recorded(monkeypatch) -> list[_Recorder]:
    """Every command's progress goes to a recorder, as on a terminal (without --quiet)."""
    import kg.cli.corpus
    from kg.cli.progress import Progress

    made: list[_Recorder] = []

    class Recording(Progress):
        def __init__(self, quiet: bool = False, stream=None) -> None:
            self.callback = None if quiet else _Recorder()
            if self.callback is not None:
                made.append(self.callback)

    monkeypatch.setattr(kg.cli.corpus, "Progress", Recording)
    return made


def test_build_view_and_analyze_hand_their_progress_to_the_terminal(runner, corpus, tmp_path, recorded) -> None:
    first = ["read", "load", "extract", "merge"]
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(corpus), "-o", str(out)]).exit_code == 0
    assert recorded[-1].stages == [*first, "tables", "rdf", "html", "map"]
    assert runner.invoke(main, ["view", "习近平", str(corpus), "-o", str(tmp_path / "v.html")]).exit_code == 0
    assert recorded[-1].stages == [*first, "view"]
    assert runner.invoke(main, ["view", "习近平", "-d", str(out), "-o", str(tmp_path / "w.html")]).exit_code == 0
    assert recorded[-1].stages == ["read", "view"]  # the build's kept merge: nothing extracted or merged
    with closing(sqlite3.connect(out / STORE_DIR / DB_NAME)) as db, db:
        db.execute("DELETE FROM merged")  # a store without it (an older build): merged again
    assert runner.invoke(main, ["view", "习近平", "-d", str(out), "-o", str(tmp_path / "x.html")]).exit_code == 0
    assert "extract" not in recorded[-1].stages and recorded[-1].stages[-2:] == ["merge", "view"]
    assert runner.invoke(main, ["analyze", str(corpus), "-o", str(out)]).exit_code == 0
    assert recorded[-1].stages[:4] == first and recorded[-1].stages[-1] == "report"
    assert {"communities", "layout"} <= set(recorded[-1].stages)
    n = len(recorded)
    assert runner.invoke(main, ["build", str(corpus), "-o", str(tmp_path / "q"), "--quiet"]).exit_code == 0
    assert len(recorded) == n  # --quiet: no progress at all


def test_analyze_of_a_build_links_the_report_to_its_pages(runner, corpus, tmp_path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q"]).exit_code == 0
    assert runner.invoke(main, ["analyze", "-d", str(out), "-q"]).exit_code == 0
    report = (out / "analysis" / "report.html").read_text(encoding="utf-8")
    for name in ("graph.html", "map.html", "places.geojson"):
        assert f'href="../{name}"' in report, name
    # an analysis written where no build is links to no page
    alone = tmp_path / "alone"
    assert runner.invoke(main, ["analyze", str(corpus), "-o", str(alone), "-q"]).exit_code == 0
    assert 'href="../graph.html"' not in (alone / "analysis" / "report.html").read_text(encoding="utf-8")
