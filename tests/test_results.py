"""Tests of kg.sparql.results: the result formats (table, CSV, TSV, JSON, XML, graphs) on a
small hand-written Turtle graph with hostile strings.
"""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest

from kg.sparql.prefixes import PREFIXES
from kg.sparql.query import execute
from kg.sparql.results import FORMATS, QueryResult, format_result
from kg.textwidth import display_width

KG = PREFIXES["kg"]


# --------------------------------------------------------------------------- formats
HOSTILE = f"""
@prefix kg: <{KG}> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<http://example.org/a> rdfs:label "山西省"@zh ; kg:mentions 7 ; kg:npmi "0.5"^^<http://www.w3.org/2001/XMLSchema#double> .
<http://example.org/b> rdfs:label "tab\\there, \\"quoted\\"\\nnew line"@zh ; kg:mentions 12345 .
<http://example.org/c> rdfs:label "<script>alert(1)</script> & more" ; kg:mentions 0 .
"""
Q = "SELECT ?s ?label ?n ?none WHERE { ?s rdfs:label ?label ; kg:mentions ?n } ORDER BY ?s"


@pytest.fixture
def hostile_store() -> ox.Store:
    store = ox.Store()
    store.load(HOSTILE.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return store


def test_table_aligns_wide_characters_and_right_aligns_numbers(hostile_store) -> None:
    out = format_result(execute(hostile_store, Q), "table")
    lines = out.splitlines()
    assert lines[-1] == "(3 rows)"
    table = lines[:-1]
    assert len(table) == 5  # header, rule, three rows: the newline inside a label is flattened
    assert "山西省" in table[2] and 'tab here, "quoted" new line' in table[3]
    bars = {tuple(i for i, ch in enumerate(_columns(line)) if ch == "|") for line in table if "|" in line}
    assert len(bars) == 1, "every row puts its separators at the same display columns"
    # the n column is numeric: right-aligned
    cells = [line.split("|")[2] for line in table[2:]]
    assert [c.strip() for c in cells] == ["7", "12345", "0"]
    assert len({len(c) for c in cells}) == 1
    assert all(c.rstrip() == c[:-1] for c in cells)  # no padding after the number


def _columns(line: str) -> str:
    """The line with each wide character doubled, so indexes are display columns."""
    return "".join(ch * display_width(ch) for ch in line)


def test_csv_follows_the_sparql_csv_format(hostile_store) -> None:
    out = format_result(execute(hostile_store, Q), "csv")
    assert out.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[0] == ["s", "label", "n", "none"]
    assert rows[1] == ["http://example.org/a", "山西省", "7", ""]
    assert rows[2][1] == 'tab\there, "quoted"\nnew line'
    assert rows[3][1] == "<script>alert(1)</script> & more"


@pytest.mark.parametrize(
    ("fmt", "oxfmt"),
    [
        ("json", ox.QueryResultsFormat.JSON),
        ("xml", ox.QueryResultsFormat.XML),
        ("tsv", ox.QueryResultsFormat.TSV),
    ],
)
def test_json_xml_tsv_parse_back_to_the_same_terms(hostile_store, fmt, oxfmt) -> None:
    result = execute(hostile_store, Q)
    parsed = ox.parse_query_results(format_result(result, fmt).encode("utf-8"), format=oxfmt)
    assert [v.value for v in parsed.variables] == list(result.variables)
    again = [tuple(sol[i] for i in range(len(result.variables))) for sol in parsed]
    assert again == result.rows


@pytest.mark.parametrize("fmt", ["table", "csv", "tsv", "json", "xml"])
def test_ask_answers_true_or_false(hostile_store, fmt) -> None:
    yes = format_result(execute(hostile_store, "ASK { ?s kg:mentions 7 }"), fmt)
    no = format_result(execute(hostile_store, "ASK { ?s kg:mentions 8 }"), fmt)
    if fmt in ("json", "xml"):
        oxfmt = ox.QueryResultsFormat.JSON if fmt == "json" else ox.QueryResultsFormat.XML
        assert bool(ox.parse_query_results(yes.encode(), format=oxfmt)) is True
        assert bool(ox.parse_query_results(no.encode(), format=oxfmt)) is False
    else:
        assert (yes.strip(), no.strip()) == ("true", "false")


@pytest.mark.parametrize(
    ("fmt", "oxfmt"),
    [("table", ox.RdfFormat.TURTLE), ("nt", ox.RdfFormat.N_TRIPLES), ("json", ox.RdfFormat.JSON_LD)],
)
def test_construct_gives_rdf_that_parses_back(hostile_store, fmt, oxfmt) -> None:
    result = execute(hostile_store, "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label ?l }")
    assert result.kind == "graph" and len(result.triples) == 3
    out = format_result(result, fmt)
    assert {q.triple for q in ox.parse(out.encode("utf-8"), format=oxfmt)} == set(result.triples)


def test_graph_output_is_sorted_and_deterministic(hostile_store) -> None:
    q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
    first = format_result(execute(hostile_store, q), "nt")
    assert first.splitlines() == sorted(first.splitlines())
    assert first == format_result(execute(hostile_store, q), "nt")


def test_limit_truncates_and_says_so(hostile_store) -> None:
    result = execute(hostile_store, Q, limit=2)
    assert len(result.rows) == 2 and result.truncated
    assert format_result(result, "table").splitlines()[-1] == "(2 rows, truncated)"
    full = execute(hostile_store, Q, limit=3)
    assert len(full.rows) == 3 and not full.truncated


def test_formats_are_the_cli_choices() -> None:
    from kg.cli import QUERY_FORMATS

    assert QUERY_FORMATS == FORMATS


def test_empty_select_has_a_header_and_no_row(hostile_store) -> None:
    result = execute(hostile_store, "SELECT ?x WHERE { ?x kg:mentions 99 }")
    assert format_result(result, "table").splitlines() == ["x", "-", "(0 rows)"]
    assert json.loads(format_result(result, "json")) == {"head": {"vars": ["x"]}, "results": {"bindings": []}}
    assert isinstance(result, QueryResult)
