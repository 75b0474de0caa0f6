"""Tests of the commands that read an output folder (kg.cli.outdir: query, serve, validate,
rules) through click's CliRunner, on the tiny fixture corpus."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pytest
from test_cli import FIXTURE_CORPUS

from kg.cli import main
from kg.resources import load_resources


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


def test_rules_lists_each_rule_with_its_hits_in_a_build(runner, tmp_path) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text("长治市委书记王晓东调研农业项目。王晓东会见了来访的赵志刚。", encoding="utf-8")
    (corpus / "b.txt").write_text("阳泉市委书记张丽华看望老党员。", encoding="utf-8")
    out = tmp_path / "out"
    assert runner.invoke(main, ["build", str(corpus), "-o", str(out), "-q"]).exit_code == 0
    result = runner.invoke(main, ["rules", "-d", str(out)])
    assert result.exit_code == 0, result.output
    # the relation rules' table, before the empty line that opens the entity rules' table
    relation_table = result.stdout.split("\n\n")[0]
    rows = {line.split()[0]: line.split() for line in relation_table.splitlines()[1:]}
    assert rows["holds_position.title"][3:5] == ["2", "2"]
    assert rows["met.trigger"][1:5] == ["met", "trigger", "1", "1"]
    assert rows["visited.site"][3:5] == ["0", "0"]
    assert len(rows) == len(load_resources().relation_rules) == 21
    # no export: the rules alone, and a note on standard error
    bare = runner.invoke(main, ["rules", "-d", str(tmp_path / "none")])
    assert bare.exit_code == 0
    assert "relations" not in bare.stdout.splitlines()[0] and "no export in" in bare.stderr


def test_query_and_validate_write_no_progress_when_not_on_a_terminal(runner, fixture_export, tmp_path) -> None:
    """The first query builds the store and validate parses the export, both long on a
    large export, but a pipe gets no progress line (see test_cli_progress)."""
    out = tmp_path / "out"
    shutil.copytree(fixture_export, out, ignore=shutil.ignore_patterns(".oxigraph"))
    result = runner.invoke(main, ["query", "ASK { ?s ?p ?o }", "-d", str(out)])
    assert result.exit_code == 0, result.output
    assert (out / ".oxigraph" / "current.json").is_file()  # this query loaded the store
    assert result.stderr == ""
    result = runner.invoke(main, ["validate", str(out)])
    assert result.stderr == ""
    assert "\r" not in result.stdout and "\x1b" not in result.stdout


def test_query_and_validate_hand_their_progress_to_the_terminal(runner, fixture_export, tmp_path, monkeypatch):
    """As on a terminal (CliRunner is none): the first query shows the store load, the
    next nothing; validate shows its stages."""
    import kg.cli.outdir
    from kg.cli.progress import Progress

    stages: list[list[str]] = []

    class Recording(Progress):
        def __init__(self, quiet: bool = False, stream=None) -> None:
            seen: list[str] = []
            stages.append(seen)
            self.callback = lambda stage, _done, _total: seen[-1:] == [stage] or seen.append(stage)

        def close(self) -> None:
            pass

    monkeypatch.setattr(kg.cli.outdir, "Progress", Recording)
    out = tmp_path / "out"
    shutil.copytree(fixture_export, out, ignore=shutil.ignore_patterns(".oxigraph"))
    for _ in range(2):
        assert runner.invoke(main, ["query", "ASK { ?s ?p ?o }", "-d", str(out)]).exit_code == 0
    assert stages[0] == ["store: load (MB)", "store: write", "store: index"] and stages[1] == []
    runner.invoke(main, ["validate", str(out)])
    assert stages[2] == ["read (MB)", "check shapes", "check statements"]
