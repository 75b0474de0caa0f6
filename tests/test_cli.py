"""Tests of the command line (kg.cli) through click's CliRunner, on the tiny fixture corpus."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from kg.cli import build, main

HERE = Path(__file__).resolve().parent
FIXTURE_CORPUS = HERE / "fixtures" / "corpus"
OUTPUTS = ("documents.jsonl", "entities.csv", "relations.csv", "graph.ttl", "graph.html", "manifest.json")


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def corpus(tmp_path) -> Path:
    """A copy of the fixture corpus that a test may add files to."""
    dest = tmp_path / "corpus"
    shutil.copytree(FIXTURE_CORPUS, dest)
    return dest


def _option_strings(command: click.Command) -> list[str]:
    return [
        opt for p in command.params if isinstance(p, click.Option) for opt in (*p.opts, *p.secondary_opts)
    ]


# --------------------------------------------------------------------------- help
def test_main_help_lists_its_options_and_commands(runner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0, result.output
    for opt in [*_option_strings(main), "--help"]:
        assert opt in result.output, opt
    for name in main.commands:
        assert name in result.output, name
    assert "kg build" in result.output


def test_short_help_option(runner) -> None:
    assert runner.invoke(main, ["-h"]).output == runner.invoke(main, ["--help"]).output


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


def test_version(runner) -> None:
    result = runner.invoke(main, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("kg")


# --------------------------------------------------------------------------- build
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


# --------------------------------------------------------------------------- rejected arguments
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


# --------------------------------------------------------------------------- query and serve
@pytest.fixture(scope="module")
def fixture_export(tmp_path_factory) -> Path:
    """The fixture corpus built once for the query tests."""
    from kg.config import Settings
    from kg.pipeline import build as run_build

    out = tmp_path_factory.mktemp("query-export")
    run_build([FIXTURE_CORPUS], out, Settings())
    return out


def test_query_prints_an_aligned_table(runner, fixture_export) -> None:
    q = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"
    result = runner.invoke(main, ["query", q, "--dir", str(fixture_export)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].rstrip() == "name" and set(lines[1]) == {"-"}
    assert {"习近平", "马克龙"} <= {line.strip() for line in lines[2:-1]}
    assert lines[-1] == f"({len(lines) - 3} rows)"
    assert (fixture_export / ".oxigraph" / "current.json").is_file()


def test_query_bundled_with_a_parameter_as_csv(runner, fixture_export) -> None:
    args = ["query", "@relation-evidence", "-d", str(fixture_export), "-f", "csv"]
    params = ["-p", "headName=习近平", "-p", "relation=kg:met", "-p", "tailName=马克龙"]
    result = runner.invoke(main, [*args, *params])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    assert rows[0] == ["document", "sentenceIndex", "start", "end", "rule", "sentence"]
    assert rows[1][0] == "a_visit" and "会见" in rows[1][5]


def test_query_reads_a_file_or_stdin(runner, fixture_export, tmp_path) -> None:
    rq = tmp_path / "persons.rq"
    rq.write_text("SELECT (COUNT(?p) AS ?n) WHERE { ?p a kg:Person }", encoding="utf-8")
    from_file = runner.invoke(main, ["query", str(rq), "-d", str(fixture_export), "-f", "tsv"])
    from_stdin = runner.invoke(
        main, ["query", "-", "-d", str(fixture_export), "-f", "tsv"], input=rq.read_text()
    )
    assert from_file.exit_code == 0 and from_file.stdout == from_stdin.stdout
    assert from_file.stdout.splitlines()[0] == "?n" and int(from_file.stdout.splitlines()[1]) >= 2


def test_query_ask_and_construct(runner, fixture_export) -> None:
    ask = runner.invoke(main, ["query", 'ASK { ?p rdfs:label "马克龙"@zh }', "-d", str(fixture_export)])
    assert ask.stdout == "true\n"
    construct = "CONSTRUCT { ?p kg:met ?q } WHERE { ?p kg:met ?q }"
    turtle = runner.invoke(main, ["query", construct, "-d", str(fixture_export)])
    assert turtle.exit_code == 0 and "@prefix kg:" in turtle.stdout and "kg:met" in turtle.stdout
    nt = runner.invoke(main, ["query", construct, "-d", str(fixture_export), "-f", "nt"])
    assert nt.stdout.count("vocab#met>") == len(nt.stdout.splitlines()) >= 1


def test_query_lists_the_bundled_queries(runner) -> None:
    from kg.sparql.query import bundled_queries

    result = runner.invoke(main, ["query", "--list"])
    assert result.exit_code == 0
    for q in bundled_queries():
        assert f"@{q.name}\n" in result.stdout
        assert q.question in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELECT ?x WHERE { ?x ?y }"], "kg: query: line 1, column 26: syntax error at the end of the query"),
        (["INSERT DATA { <a:a> <a:b> <a:c> }"], "kg: query: SPARQL Update (INSERT, DELETE, LOAD, CLEAR…) is not"),
        (["@no-such-query"], "kg: @no-such-query: no such bundled query"),
        (["@places-visited", "-p", "nope"], "kg: --param 'nope': write NAME=VALUE"),
        (["@places-visited", "-p", "city=x"], "kg: parameter ?city"),
        ([], "kg: give a query"),
        (["missing.rq"], "kg: missing.rq: no such file"),
    ],
)
def test_query_errors_are_one_line(runner, fixture_export, args, message) -> None:
    result = runner.invoke(main, ["query", *args, "-d", str(fixture_export)])
    assert result.exit_code == 1
    assert result.stderr.startswith(message), result.stderr
    assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.output


def test_query_on_a_directory_without_a_build(runner, tmp_path) -> None:
    result = runner.invoke(main, ["query", "ASK {}", "-d", str(tmp_path / "nothing")])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"kg: {tmp_path / 'nothing'}: not a directory (run `kg build -o {tmp_path / 'nothing'}` first)\n"
    )


def test_serve_help_and_errors(runner, tmp_path) -> None:
    result = runner.invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for opt in ("--host", "--port", "--timeout", "--max-rows", "--workers", "/sparql", "127.0.0.1"):
        assert opt in result.output, opt
    missing = runner.invoke(main, ["serve", str(tmp_path / "nothing")])
    assert (
        missing.exit_code == 1 and missing.stderr.startswith("kg: ") and "not a directory" in missing.stderr
    )


# --------------------------------------------------------------------------- view
def _page_data(path: Path) -> dict:
    import re

    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.DOTALL)
    return json.loads(found.group(1))


def test_view_writes_the_neighbourhood_of_an_alias(runner, corpus, tmp_path) -> None:
    out = tmp_path / "xinhua.html"
    result = runner.invoke(main, ["view", "新华社", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr.startswith("kg: 新华通讯社 (Organization): ")
    assert str(out) in result.stderr
    data = _page_data(out)
    assert data["nodes"][data["focus"]]["id"] == "organization/新华通讯社"
    assert data["caption"].endswith("entities within 1 step of 新华通讯社")
    assert 1 < len(data["nodes"]) < 18  # the neighbourhood, not the whole graph


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


# --------------------------------------------------------------------------- RDF formats, validate
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


def test_validate_a_fresh_build(runner, corpus, tmp_path) -> None:
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q", "--rdf-format", "nquads"]).exit_code == 0
    result = runner.invoke(main, ["validate", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [result.stdout.strip()]
    assert result.stdout.startswith(f"{out / 'graph.nq'}: conforms (")


def test_validate_lists_what_does_not_conform(runner, tmp_path) -> None:
    from conftest import BEIJING, make_extraction
    from rdflib import RDF, Literal

    from kg.config import Settings
    from kg.export.rdf import KG, entity_iris, to_rdf, write_rdf

    ex = make_extraction()
    g = to_rdf(ex, Settings())
    g.set((entity_iris(ex)[BEIJING], KG.adcode, Literal("1100")))
    for stmt in list(g.subjects(RDF.type, KG.RelationStatement)):
        g.remove((stmt, KG.evidence, None))
    write_rdf(g, tmp_path / "graph.ttl")
    result = runner.invoke(main, ["validate", str(tmp_path), "--max-results", "3"])
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    n = len(ex.relations) + 1
    assert lines[0] == f"{tmp_path / 'graph.ttl'}: does not conform: {n} results ({len(g):,} triples)"
    assert len(lines) == 1 + 3 + 1 and lines[-1] == f"  … and {n - 3} more"
    full = runner.invoke(main, ["validate", str(tmp_path / "graph.ttl"), "--max-results", "100"]).stdout
    assert "id:place/cn-110000  kg:adcode: an adcode is six digits" in full
    assert full.count("a statement has at least one kg:evidence") == len(ex.relations)
    assert "Traceback" not in result.output


def test_validate_without_an_export_is_a_one_line_error(runner, tmp_path) -> None:
    result = runner.invoke(main, ["validate", str(tmp_path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert result.stderr.startswith(f"kg: {tmp_path}: no RDF export here")


# --------------------------------------------------------------------------- analyze
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


def test_serve_on_a_busy_port_is_a_one_line_error(runner, fixture_export) -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(main, ["serve", str(fixture_export), "--port", str(port)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kg: 127.0.0.1:{port}: cannot listen: ")
    assert len(result.stderr.splitlines()) == 1


# --------------------------------------------------------------------------- rules
def test_rules_lists_each_rule_with_its_hits_in_a_build(runner, tmp_path) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text("长治市委书记王晓东调研农业项目。王晓东会见了来访的赵志刚。", encoding="utf-8")
    (corpus / "b.txt").write_text("阳泉市委书记张丽华看望老党员。", encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q"]).exit_code == 0
    result = runner.invoke(main, ["rules", "-d", str(out)])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.output.splitlines()[1:]}
    assert rows["holds_position.title"][3:5] == ["2", "2"]
    assert rows["met.trigger"][1:5] == ["met", "trigger", "1", "1"]
    assert rows["visited.site"][3:5] == ["0", "0"]
    assert len(rows) == 16
    # no export: the rules alone, and a note on standard error
    bare = runner.invoke(main, ["rules", "-d", str(tmp_path / "none")])
    assert bare.exit_code == 0
    assert "relations" not in bare.stdout.splitlines()[0] and "no export in" in bare.stderr
