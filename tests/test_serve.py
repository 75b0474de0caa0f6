"""Tests of kg.serve: the SPARQL endpoint, queried by a real client (SPARQLWrapper).

The server runs in this process, in a thread, on a free localhost port, over the sample
corpus build shared with tests/test_query.py; one worker process, a 3 s time limit and a
50-row result limit, so the limits can be shown to work. A second server over the
hostile hand-made extraction (tests/conftest.py) checks that the query page escapes.
"""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import EVIL, make_extraction
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from test_query import sample_export_dir

from kg.query import PREFIXES, bundled_query
from kg.serve import GRAPH_TYPES, RESULT_TYPES, is_update, make_server, negotiate, uses_service

MAX_ROWS = 50
TIMEOUT = 3.0


def _start(outdir: Path, **options):
    server = make_server(outdir, "127.0.0.1", 0, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    return server, thread, f"http://{host}:{port}"


def _stop(server, thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(10)
    assert not thread.is_alive()


@pytest.fixture(scope="module")
def sample_export(tmp_path_factory) -> Path:
    return sample_export_dir(tmp_path_factory)


@pytest.fixture(scope="module")
def base(sample_export):
    server, thread, url = _start(sample_export, workers=1, timeout=TIMEOUT, max_rows=MAX_ROWS)
    yield url
    _stop(server, thread)
    # the worker processes are gone with the server
    assert all(w.proc is None for w in server.service._workers)


def client(base: str, query: str, fmt: str = JSON) -> SPARQLWrapper:
    sparql = SPARQLWrapper(f"{base}/sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def http(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of a request; HTTP errors are returned, not raised."""
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read()


def form(query: str) -> bytes:
    return urllib.parse.urlencode({"query": query}).encode("utf-8")


RELATION_COUNTS = bundled_query("relation-counts").text
KG = PREFIXES["kg"]


# --------------------------------------------------------------------------- with SPARQLWrapper
def test_select_as_json(base, sample_export) -> None:
    doc = client(base, RELATION_COUNTS).queryAndConvert()
    rows = {
        b["relation"]["value"].removeprefix(KG): int(b["relations"]["value"])
        for b in doc["results"]["bindings"]
    }
    manifest = json.loads((sample_export / "manifest.json").read_text(encoding="utf-8"))
    assert rows["holdsPosition"] == manifest["counts"]["relations"]["holds_position"]
    assert rows["partOf"] == manifest["counts"]["relations"]["part_of"]
    assert doc["head"]["vars"] == ["relation", "relations", "sentences"]


def test_select_as_xml_gives_the_same_rows(base) -> None:
    dom = client(base, RELATION_COUNTS, XML).queryAndConvert()
    rows = {}
    for result in dom.getElementsByTagName("result"):
        values = {
            b.getAttribute("name"): b.firstChild.firstChild.data
            for b in result.getElementsByTagName("binding")
        }
        rows[values["relation"].removeprefix(KG)] = int(values["relations"])
    as_json = client(base, RELATION_COUNTS).queryAndConvert()
    assert rows == {
        b["relation"]["value"].removeprefix(KG): int(b["relations"]["value"])
        for b in as_json["results"]["bindings"]
    }


def test_select_as_csv_with_chinese_text(base) -> None:
    q = bundled_query("places-visited").text
    data = client(base, q, CSV).queryAndConvert()
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows[0] == ["placeName", "weight", "adcode", "lat", "long"]
    assert rows[1][:3] == ["山西省", rows[1][1], "140000"]
    assert {"美国", "希腊"} <= {r[0] for r in rows[1:]}


def test_ask(base) -> None:
    yes = client(base, 'ASK { ?p a kg:Person ; rdfs:label "习近平"@zh }').queryAndConvert()
    no = client(base, 'ASK { ?p a kg:Person ; rdfs:label "没有这个人"@zh }').queryAndConvert()
    assert (yes["boolean"], no["boolean"]) == (True, False)


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_construct_as_turtle_and_as_rdf_xml(base) -> None:
    q = "CONSTRUCT { ?p kg:visited ?place } WHERE { ?p kg:visited ?place }"
    data = client(base, q, TURTLE).queryAndConvert()
    triples = {quad.triple for quad in ox.parse(data, format=ox.RdfFormat.TURTLE)}
    assert len(triples) >= 10
    assert all(t.predicate.value == KG + "visited" for t in triples)
    graph = client(base, q, XML).queryAndConvert()  # SPARQLWrapper asks for RDF/XML, parses it with rdflib
    assert len(graph) == len(triples)


def test_updates_are_refused(base) -> None:
    insert = f"INSERT DATA {{ <{KG}x> <{KG}y> <{KG}z> }}"
    sparql = client(base, insert)
    sparql.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as e:
        sparql.query()
    assert e.value.code == 403
    # also when sent as a query, as application/sparql-update, or as LOAD
    assert http(f"{base}/sparql", data=form(insert))[0] == 403
    status, _h, body = http(
        f"{base}/sparql", data=insert.encode(), headers={"Content-Type": "application/sparql-update"}
    )
    assert status == 403 and b"read-only" in body
    assert (
        http(f"{base}/sparql?" + urllib.parse.urlencode({"query": "LOAD <http://example.org/x>"}))[0] == 403
    )
    assert client(base, f"ASK {{ <{KG}x> ?p ?o }}").queryAndConvert()["boolean"] is False


def test_service_is_refused(base) -> None:
    q = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    with pytest.raises(QueryBadFormed):
        client(base, q).query()
    status, _h, body = http(f"{base}/sparql", data=form(q))
    assert status == 400 and b"SERVICE" in body


def test_results_are_limited_and_the_headers_say_so(base) -> None:
    everything = client(base, "SELECT ?s ?o WHERE { ?s rdfs:label ?o }").query()
    assert everything.info()["x-result-limit"] == str(MAX_ROWS)
    assert everything.info()["x-result-truncated"] == "true"
    assert len(everything.convert()["results"]["bindings"]) == MAX_ROWS
    few = client(base, "SELECT ?o WHERE { ?s rdfs:label ?o } LIMIT 3").query()
    assert few.info()["x-result-truncated"] == "false"
    assert len(few.convert()["results"]["bindings"]) == 3


def test_syntax_errors_are_400_with_the_parser_message(base) -> None:
    with pytest.raises(QueryBadFormed) as e:
        client(base, "SELECT ?x WHERE { ?x ?y }").query()
    assert "1:" in str(e.value)


# --------------------------------------------------------------------------- the protocol by hand
def test_a_query_over_the_time_limit_is_stopped_and_the_server_goes_on(base) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    status, _h, body = http(f"{base}/sparql", data=form(slow))
    assert status == 503 and b"time limit" in body
    doc = client(base, "ASK { ?s ?p ?o }").queryAndConvert()  # a fresh worker answers
    assert doc["boolean"] is True


def test_get_post_and_content_negotiation(base) -> None:
    q = 'SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n FILTER(?n = "习近平"@zh) }'
    status, headers, body = http(f"{base}/sparql?" + urllib.parse.urlencode({"query": q}))
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert json.loads(body)["results"]["bindings"] == [
        {"n": {"type": "literal", "value": "习近平", "xml:lang": "zh"}}
    ]
    status, headers, body = http(
        f"{base}/sparql",
        data=q.encode("utf-8"),
        headers={"Content-Type": "application/sparql-query", "Accept": "text/tab-separated-values"},
    )
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    assert body.decode("utf-8").splitlines() == ["?n", '"习近平"@zh']
    # with no usable Accept, the format parameter decides
    status, headers, body = http(f"{base}/sparql?" + urllib.parse.urlencode({"query": q, "format": "csv"}))
    assert headers["Content-Type"].startswith("text/csv") and body.decode("utf-8").split() == ["n", "习近平"]


def test_bad_requests(base) -> None:
    assert http(f"{base}/sparql")[0] == 400
    assert http(f"{base}/nowhere")[0] == 404
    assert http(f"{base}/sparql", data=b"ASK {}", headers={"Content-Type": "text/plain"})[0] == 415
    two = urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK {}")])
    assert http(f"{base}/sparql?{two}")[0] == 400


def test_cors_preflight(base) -> None:
    status, headers, _body = http(f"{base}/sparql", method="OPTIONS")
    assert status == 204
    assert headers["Access-Control-Allow-Origin"] == "*"
    assert "POST" in headers["Access-Control-Allow-Methods"]


def test_query_page_lists_examples_and_shows_results(base) -> None:
    status, headers, body = http(f"{base}/")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "<textarea" in page and 'href="/?example=officials-of-province"' in page
    assert "http://" not in page.replace("http://www.w3.org", "")  # nothing fetched from elsewhere
    status, _h, body = http(f"{base}/?example=places-visited")
    page = body.decode("utf-8")
    assert "<td>山西省</td>" in page and "<th>placeName</th>" in page


# --------------------------------------------------------------------------- escaping
@pytest.fixture(scope="module")
def hostile_base(tmp_path_factory):
    from kg import rdf
    from kg.config import Settings

    out = tmp_path_factory.mktemp("hostile-export")
    rdf.write_rdf(make_extraction(), out / "graph.ttl", settings=Settings())
    server, thread, url = _start(out, workers=1, timeout=TIMEOUT, max_rows=MAX_ROWS)
    yield url
    _stop(server, thread)


def test_query_page_escapes_every_value(hostile_base) -> None:
    q = "SELECT ?s ?label WHERE { ?s rdfs:label ?label } # </textarea><script>alert(2)</script>"
    status, _h, body = http(f"{hostile_base}/", data=form(q))
    page = body.decode("utf-8")
    assert status == 200
    assert "<script>" not in page and "</textarea><script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;quotes&quot; &amp; ampersands #1" in page
    assert "&lt;/textarea&gt;&lt;script&gt;alert(2)&lt;/script&gt;" in page
    # the JSON endpoint returns the value itself
    doc = client(hostile_base, "SELECT ?l WHERE { ?s a kg:Organization ; rdfs:label ?l }").queryAndConvert()
    assert EVIL in {b["l"]["value"] for b in doc["results"]["bindings"]}


def test_error_messages_on_the_page_are_escaped(hostile_base) -> None:
    status, _h, body = http(f"{hostile_base}/", data=form("SELECT <script> WHERE {"))
    page = body.decode("utf-8")
    assert status == 200 and 'class="error"' in page and "<script>" not in page


# --------------------------------------------------------------------------- pure helpers
@pytest.mark.parametrize(
    ("text", "update"),
    [
        ("INSERT DATA { <a:a> <a:b> <a:c> }", True),
        ("PREFIX ex: <http://e/>\nDELETE WHERE { ?s ?p ?o }", True),
        ("# comment\nclear all", True),
        ("WITH <http://g> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", True),
        ("BASE <http://e/> DROP GRAPH <g>", True),
        ("SELECT * WHERE { ?s ?p ?o }", False),
        ('SELECT ?x WHERE { ?x ?p "INSERT" }', False),
        ("# INSERT\nASK { ?s ?p ?o }", False),
        ("PREFIX insert: <http://e/> SELECT * { ?s insert:p ?o }", False),
    ],
)
def test_is_update(text, update) -> None:
    assert is_update(text) is update


@pytest.mark.parametrize(
    ("text", "service"),
    [
        ("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }", True),
        ("SELECT * { service silent <http://x/> { ?s ?p ?o } }", True),
        ('SELECT * { ?s ?p "SERVICE" }', False),
        ("SELECT * { ?s <http://e/SERVICE> ?o }", False),
        ("SELECT * { ?s ?p ?o } # SERVICE", False),
        ("SELECT ?service { ?service ?p ?o }", False),
        ("PREFIX service: <http://e/> SELECT * { ?s service:p ?o }", False),
    ],
)
def test_uses_service(text, service) -> None:
    assert uses_service(text) is service


@pytest.mark.parametrize(
    ("accept", "offers", "expected"),
    [
        ("application/sparql-results+json", RESULT_TYPES, ("json", True)),
        ("text/csv;q=0.5, application/sparql-results+xml", RESULT_TYPES, ("xml", True)),
        ("text/csv, application/sparql-results+xml;q=0.9", RESULT_TYPES, ("csv", True)),
        ("*/*", RESULT_TYPES, ("json", False)),
        ("", RESULT_TYPES, ("json", False)),
        ("text/*", RESULT_TYPES, ("xml", False)),
        ("image/png", RESULT_TYPES, (None, False)),
        ("application/rdf+xml", GRAPH_TYPES, ("rdfxml", True)),
        ("application/sparql-results+json", GRAPH_TYPES, (None, False)),
        ("application/turtle,text/turtle", GRAPH_TYPES, ("turtle", True)),
        ("text/csv;q=0, */*;q=0.1", RESULT_TYPES, ("json", False)),
    ],
)
def test_negotiate(accept, offers, expected) -> None:
    assert negotiate(accept, offers) == expected
