"""Tests of kg.sparql.check: what a query text must pass before it runs (syntax errors as
one line, SPARQL Update refused, length and nesting limits, SERVICE refused in every
spelling, so that nothing reaches the network), through ``execute`` and ``run`` on the
sample corpus build shared with tests/test_query.py.
"""

from __future__ import annotations

import re

import pyoxigraph as ox
import pytest

from kg.sparql.check import (
    MAX_QUERY_LENGTH,
    UPDATE_REFUSED,
    QuerySyntaxError,
    QueryTooLarge,
    ServiceRefused,
    UpdateRefused,
    check_query,
    nesting_depth,
)
from kg.sparql.prefixes import PREFIXES
from kg.sparql.query import execute, run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "SELECT ?x WHERE { ?x ?y }",
            r'query: line 1, column \d+: syntax error at the end of the query, after "',
        ),
        (
            "SELECT * { ?s ex:p ?o }",
            r"query: line 1, column \d+: unknown prefix ex: \(declare it with PREFIX\); near",
        ),
        (
            "SELECT * { ?s ?p ?o } GROUP BY ?s",
            r"query: line 1, column \d+: SELECT \* is not authorized with GROUP BY; at the end",
        ),
        ("SELECT * {\n  ?s ?p <a b> .\n}", r'query: line 2, column \d+: invalid IRI; near "'),
        ("SELECT * { ?s ?p ?o } junk", r"query: line 1, column \d+: syntax error"),
    ],
)
def test_syntax_errors_are_one_line_with_the_position(sample_store, text, expected) -> None:
    with pytest.raises(QuerySyntaxError) as e:
        execute(sample_store, text, source="query")
    msg = str(e.value)
    assert re.match(expected, msg), msg
    assert "\n" not in msg and len(msg) < 200 and "expected one of" not in msg


UPDATES = [
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }",
    "insert data { <http://e/a> <http://e/b> <http://e/c> }",
    "PREFIX ex: <http://e/>\nDELETE WHERE { ?s ?p ?o }",
    "# a comment\nCLEAR ALL",
    "BASE <http://e/> DROP GRAPH <g>",
    "WITH <http://e/g> DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CREATE GRAPH <http://e/g>",
    "COPY DEFAULT TO <http://e/g>",
    "ADD <http://e/a> TO <http://e/b>",
    "MOVE <http://e/a> TO <http://e/b>",
    "DELETE DATA { <http://e/a> <http://e/b> <http://e/c> } ; INSERT DATA { <http://e/a> <http://e/b> 1 }",
    "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> ",  # a broken update is still an update
]


@pytest.mark.parametrize("text", UPDATES)
def test_every_update_is_refused_in_the_same_words(sample_store, text) -> None:
    with pytest.raises(UpdateRefused) as e:
        execute(sample_store, text, source="query")
    assert str(e.value) == f"query: {UPDATE_REFUSED}"


def test_kg_query_refuses_an_update_before_opening_the_store(tmp_path) -> None:
    with pytest.raises(UpdateRefused, match="read-only"):
        run(tmp_path / "no-such-dir", "INSERT DATA { <http://e/a> <http://e/b> <http://e/c> }")


def test_long_or_deeply_nested_queries_are_refused_before_parsing(sample_store) -> None:
    bomb = "SELECT * { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"
    with pytest.raises(QueryTooLarge, match="brackets nest 5002 deep in the query; the limit is 100"):
        execute(sample_store, bomb)
    with pytest.raises(QueryTooLarge, match="characters long; the limit is 65536"):
        execute(sample_store, "ASK { ?s ?p ?o }" + " " * MAX_QUERY_LENGTH)
    # brackets in strings and comments do not count
    assert nesting_depth('SELECT * { ?s ?p "((((((((" } # ((((((') == 1
    deep_but_fine = "ASK { FILTER(" + "(" * 60 + "true" + ")" * 60 + ") }"
    assert execute(sample_store, deep_but_fine).boolean is True


# --------------------------------------------------------------------------- SERVICE
class Listener:
    """A TCP listener on a free loopback port that counts the connections it receives."""

    def __init__(self) -> None:
        import socket
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/ssrf-probe"
        self.hits: list[bytes] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _addr = self.sock.accept()
            except OSError:
                return
            conn.settimeout(1)
            try:
                self.hits.append(conn.recv(200))
            except OSError:
                self.hits.append(b"")
            conn.close()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture(scope="module")
def listener():
    lis = Listener()
    yield lis
    lis.close()


def service_spellings(url: str) -> list[str]:
    """SERVICE written every way that reached a listener in the attack report, and more."""
    body = "{ ?a ?b ?c }"
    return [
        f"SELECT * {{ SERVICE <{url}> {body} }}",
        f"SELECT * {{ ?s ?p 1SERVICE <{url}> {body} }}",
        f"SELECT * {{ ?s ?p 1.5SERVICE <{url}> {body} }}",
        f"SELECT * {{ ?s ?p 1e1SERVICE <{url}> {body} }}",
        f"SELECT * {{ ?s ?p 1e1sErViCe silent <{url}> {body} }}",
        f'SELECT * {{ ?s ?p "x"SERVICE <{url}> {body} }}',
        f"SELECT * {{ ?s ?p ?o.SERVICE <{url}> {body} }}",
        f"SELECT * {{ ?s ?p ?o #x\rSERVICE <{url}> {body} \n }}",  # a CR ends a comment for Oxigraph only
        f"SELECT * {{ ?s ?p ?o OPTIONAL{{SERVICE <{url}> {body}}} }}",
        f"SELECT * {{ ?s ?p ?o MINUS{{SERVICE <{url}> {body}}} }}",
        f"SELECT * {{ ?s ?p ?o FILTER EXISTS{{SERVICE <{url}> {body}}} }}",
        f"SELECT * {{ {{ SELECT * {{ SERVICE\t<{url}> {body} }} }} }}",
        f"ASK {{ SERVICE <{url}> {body} }}",
        f"CONSTRUCT {{ ?a ?b ?c }} WHERE {{ SERVICE <{url}> {body} }}",
        f"DESCRIBE ?a WHERE {{ SERVICE <{url}> {body} }}",
        f"PREFIX p: <{url}> SELECT * {{ SERVICE p: {body} }}",
        f"BASE <{url}> SELECT * {{ SERVICE <> {body} }}",
        f"SELECT * {{ SERVICE ?svc {body} VALUES ?svc {{ <{url}> }} }}",
        f'SELECT * {{ ?s ?p "\\u005C" SERVICE <{url}> {body} "" }}',
    ]


def test_every_service_spelling_is_refused_and_nothing_reaches_the_listener(sample_store, listener) -> None:
    before = len(listener.hits)
    for text in service_spellings(listener.url):
        with pytest.raises((ServiceRefused, QuerySyntaxError)):
            check_query(text)
        with pytest.raises((ServiceRefused, QuerySyntaxError)):
            execute(sample_store, text)
    assert len(listener.hits) == before


def test_words_that_only_look_like_service_are_fine(sample_store) -> None:
    for text in [
        'SELECT * { ?s ?p "SERVICE" } LIMIT 1',
        "SELECT * { ?s <http://e/SERVICE> ?o }",
        "SELECT * { ?s ?p ?o } LIMIT 1 # SERVICE <http://x/> { }",
        "SELECT ?service { ?service ?p ?o } LIMIT 1",
        "PREFIX service: <http://e/> SELECT * { ?s service:p ?o }",
        "SELECT * { ?s schema:Service ?o }",
    ]:
        assert execute(sample_store, text).kind == "select"


HEADS = [
    "?o",
    "?o .",
    "1",
    "1.5",
    "1e1",
    ".5e-3",
    "+1",
    '"x"',
    "'x'",
    '"""x"""',
    '"x"@en',
    '"1"^^xsd:integer',
    "<http://e/o>",
    "kg:o",
    "true",
    "[]",
    "()",
    ")",
    "}",
    ";",
    ",",
    "_:b",
]


def _glue():
    from hypothesis import strategies as st

    spaces = st.sampled_from(
        ["", " ", "\t", "\n", "\r", "\r\n", " # c\n", " # c\r", "\u00a0", "\x0b", "\x0c"]
    )
    keyword = st.sampled_from(
        ["SERVICE", "service", "Service", "sErViCe", "SERVICE SILENT", "service silent"]
    )
    return st.tuples(st.sampled_from(HEADS), spaces, keyword, spaces)


def _store_matching_every_head() -> ox.Store:
    """A store where ``?s ?p HEAD`` matches for every head that is a term, so Oxigraph
    reaches the SERVICE clause after it."""
    store = ox.Store()
    prologue = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
    for head in HEADS:
        for term in (head, head.rstrip(" .")):
            try:
                quads = list(
                    ox.parse(f"{prologue}<http://e/s> <http://e/p> {term} .\n", format=ox.RdfFormat.TURTLE)
                )
            except SyntaxError:
                continue
            store.extend(quads)
    return store


def test_generated_service_spellings_never_reach_the_network() -> None:
    """Hypothesis writes SERVICE glued to numbers, strings, IRIs and punctuation, with
    every kind of space and comment around it. Each text is either refused by
    ``check_query`` or, if it passes, run by Oxigraph itself on a store where the
    pattern before it matches: the guarded listener must never be called. The same
    texts run without the check reach a control listener, so the texts are dangerous."""
    from hypothesis import HealthCheck, given, settings

    guarded, control = Listener(), Listener()
    store = _store_matching_every_head()
    passed: list[str] = []

    def run(text: str) -> None:
        try:
            result = store.query(text, prefixes=PREFIXES)
            list(result) if not isinstance(result, ox.QueryBoolean) else bool(result)
        except (SyntaxError, OSError, RuntimeError):
            pass

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(_glue())
    def one(parts) -> None:
        head, sep1, keyword, sep2 = parts

        def text_for(url: str) -> str:
            return f"SELECT * {{ ?s ?p {head}{sep1}{keyword}{sep2}<{url}> {{ ?a ?b ?c }} }}"

        run(text_for(control.url))
        text = text_for(guarded.url)
        try:
            checked = check_query(text)
        except (ServiceRefused, QuerySyntaxError, UpdateRefused):
            return
        passed.append(text)
        run(checked)

    try:
        one()
        import time

        time.sleep(0.3)  # let the listeners' threads record the last connections
        assert guarded.hits == [], f"reached the listener: {passed}"
        assert len(control.hits) >= 20 and all(h.startswith(b"POST /ssrf-probe") for h in control.hits if h)
    finally:
        guarded.close()
        control.close()
