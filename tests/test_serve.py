"""Tests of kg.sparql.serve and kg.sparql.serve_app: the SPARQL endpoint, queried by a real
client (SPARQLWrapper) and by hand, as a hostile client would.

The servers run in this process, in a thread, on a free loopback port, over the sample
corpus build shared with tests/test_query.py. The main server (``main_server``) has two
workers, a 3 s time limit and a 50-row result limit, so the limits can be shown to work; a
few tests start servers of their own with smaller limits (``running``). The helpers here
(``running``, ``http``, ``http_from``…) are shared with the tests of the worker pool
(tests/test_serve_pool.py, tests/test_serve_worker.py) and of the query page
(tests/test_serve_page.py).
"""

from __future__ import annotations

import concurrent.futures
import csv
import http.client as httpclient
import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import make_extraction
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed
from test_check import UPDATES, Listener, service_spellings

from kg.sparql.query import PREFIXES, UPDATE_REFUSED, bundled_query
from kg.sparql.serve import make_server
from kg.sparql.serve_pool import MB, Limits

REPO = Path(__file__).resolve().parent.parent
MAX_ROWS = 50
TIMEOUT = 3.0
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
HOG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"
BOMB = "SELECT * { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }"


def _start(outdir: Path, **options):
    logs: list[str] = []
    server = make_server(outdir, "127.0.0.1", 0, log=logs.append, **options)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    assert server.wait_ready(120)
    host, port = server.server_address[:2]
    server.logs = logs
    return server, thread, f"http://{host}:{port}"


def _stop(server, thread) -> None:
    server.shutdown()
    server.server_close()
    thread.join(10)
    assert not thread.is_alive()
    assert all(w.pid is None for w in server.service.workers)  # the workers are gone


@contextmanager
def running(outdir: Path, **options):
    """A server over ``outdir`` (``make_server`` options) in a thread: yields (server, url),
    then stops it and checks that its workers are gone."""
    server, thread, url = _start(outdir, **options)
    try:
        yield server, url
    finally:
        _stop(server, thread)


def main_server(outdir: Path):
    """The main server of the serve tests (two workers, a 3 s time limit, 50 rows), as a
    fixture body: yields (server, url), then stops it."""
    limits = Limits(workers=2, timeout=TIMEOUT, max_rows=MAX_ROWS, max_memory=1024 * MB)
    with running(outdir, limits=limits) as (server, url):
        yield server, url


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


def http_from(source: str, base: str, query: str, timeout: float = 60) -> tuple[int, dict, bytes, float]:
    """POST ``query`` from loopback address ``source``: (status, headers, body, seconds)."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    conn = httpclient.HTTPConnection(host, int(port), timeout=timeout, source_address=(source, 0))
    start = time.monotonic()
    try:
        conn.request(
            "POST", "/sparql", body=form(query), headers={"Content-Type": "application/x-www-form-urlencoded"}
        )
        r = conn.getresponse()
        return r.status, r.headers, r.read(), time.monotonic() - start
    finally:
        conn.close()


def form(query: str) -> bytes:
    return urllib.parse.urlencode({"query": query}).encode("utf-8")


def get(base: str, query: str, **headers) -> tuple[int, object, bytes]:
    return http(f"{base}/sparql?" + urllib.parse.urlencode({"query": query}), headers=headers)


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


def test_results_are_limited_and_the_headers_say_so(base) -> None:
    everything = client(base, "SELECT ?s ?o WHERE { ?s rdfs:label ?o }").query()
    assert everything.info()["x-result-limit"] == str(MAX_ROWS)
    assert everything.info()["x-result-truncated"] == "true"
    assert len(everything.convert()["results"]["bindings"]) == MAX_ROWS
    few = client(base, "SELECT ?o WHERE { ?s rdfs:label ?o } LIMIT 3").query()
    assert few.info()["x-result-truncated"] == "false"
    assert len(few.convert()["results"]["bindings"]) == 3


def test_syntax_errors_are_400_with_one_line_and_the_position(base) -> None:
    with pytest.raises(QueryBadFormed) as e:
        client(base, "SELECT ?x WHERE { ?x ?y }").query()
    assert "line 1, column" in str(e.value)
    status, _h, body = get(base, "SELECT ?x WHERE {\n  ?x ?y ?z\n  FILTER(?z = ) }")
    text = body.decode("utf-8")
    assert status == 400 and text.startswith("query: line 3, column") and text.count("\n") == 1
    assert "expected one of" not in text and len(text) < 200


# --------------------------------------------------------------------------- updates
def test_updates_are_refused_in_every_form(base) -> None:
    insert = f"INSERT DATA {{ <{KG}x> <{KG}y> <{KG}z> }}"
    sparql = client(base, insert)
    sparql.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as e:
        sparql.query()
    assert e.value.code == 403
    refused = f"query: {UPDATE_REFUSED}\n".encode()
    for text in UPDATES:
        assert get(base, text)[::2] == (403, refused), text  # GET ?query=
        assert http(f"{base}/sparql", data=form(text))[::2] == (403, refused), text  # POST form
        status, _h, body = http(  # POST application/sparql-query
            f"{base}/sparql", data=text.encode(), headers={"Content-Type": "application/sparql-query"}
        )
        assert (status, body) == (403, refused), text
    for body, ctype in [
        (insert.encode(), "application/sparql-update"),
        (urllib.parse.urlencode({"update": insert}).encode(), "application/x-www-form-urlencoded"),
    ]:
        status, _h, answer = http(f"{base}/sparql", data=body, headers={"Content-Type": ctype})
        assert (status, answer) == (403, refused)
    status, _h, page = http(f"{base}/", data=form(insert))  # the query page says the same words
    assert status == 200 and UPDATE_REFUSED.encode() in page
    assert client(base, f"ASK {{ <{KG}x> ?p ?o }}").queryAndConvert()["boolean"] is False


# --------------------------------------------------------------------------- SERVICE
def test_every_service_spelling_is_refused_and_nothing_reaches_a_listener(base) -> None:
    listener = Listener()
    try:
        for text in service_spellings(listener.url):
            status, _h, body = get(base, text)
            assert status == 400, (text, body)
            assert b"SERVICE" in body or b"syntax error" in body
            assert http(f"{base}/sparql", data=form(text))[0] == 400
        time.sleep(0.3)
        assert listener.hits == []
    finally:
        listener.close()
    with pytest.raises(QueryBadFormed):
        client(base, "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }").query()


# --------------------------------------------------------------------------- HTTP layer
def test_a_slow_loris_client_does_not_hold_the_server(sample_export) -> None:
    with running(sample_export, workers=1, timeout=TIMEOUT, request_timeout=1.0) as (server, base):
        host, port = urllib.parse.urlsplit(base).netloc.split(":")
        loris = []
        try:
            for _ in range(100):  # request heads that never end
                s = socket.create_connection((host, int(port)))
                s.sendall(b"GET /sparql?query=ASK%20%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                loris.append(s)
            start = time.monotonic()
            assert get(base, "ASK { ?s ?p ?o }")[0] == 200
            assert time.monotonic() - start < 1.0
            time.sleep(1.5)
            for s in loris:  # the server has closed every one of them
                s.settimeout(2)
                assert s.recv(100) == b""
            # a body that never comes: 408 after the request timeout
            s = socket.create_connection((host, int(port)))
            s.sendall(
                b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
                b"Content-Length: 100\r\n\r\nASK"
            )
            s.settimeout(5)
            assert s.recv(100).startswith(b"HTTP/1.1 408 ")
            s.close()
        finally:
            for s in loris:
                s.close()
    assert not any("Traceback" in line for line in server.logs)


def test_clients_that_hang_up_early_leave_no_traceback(served) -> None:
    server, base = served
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    big = "SELECT * WHERE { ?s ?p ?o }"
    for _ in range(5):
        s = socket.create_connection((host, int(port)))
        path = "/sparql?" + urllib.parse.urlencode({"query": big})
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
        s.close()
    s = socket.create_connection((host, int(port)))
    s.sendall(b"\x16\x03\x01 this is no HTTP\r\n\r\n")
    s.settimeout(5)
    assert s.recv(100).startswith(b"HTTP/1.1 400")
    s.close()
    # a client's text goes to the log without its control characters
    assert get(base, "SELECT ?x WHERE {\n ?x ?y \x1b[31m }")[0] == 400
    status, _h, _b = http(f"{base}/x%0Ay%1B[2J")
    time.sleep(0.5)
    assert status == 404 and get(base, "ASK { ?s ?p ?o }")[0] == 200
    assert all("\n" not in line and "\x1b" not in line and "Traceback" not in line for line in server.logs)
    assert any('"GET /x?y?[2J" 404' in line for line in server.logs)


def test_bad_requests(base) -> None:
    assert http(f"{base}/nowhere")[0] == 404
    assert http(f"{base}/sparql", data=b"ASK {}", headers={"Content-Type": "text/plain"})[0] == 415
    two = urllib.parse.urlencode([("query", "ASK {}"), ("query", "ASK {}")])
    assert http(f"{base}/sparql?{two}")[0] == 400
    assert http(f"{base}/sparql", data=b"", headers={"Content-Type": "application/sparql-query"})[0] == 400
    assert http(f"{base}/sparql", method="DELETE")[0] == 405
    status, _h, body = get(base, "ASK { ?s ?p ?o }" + " " * 70_000)
    assert status == 400 and b"the limit is 65536" in body


def test_get_post_and_content_negotiation(base) -> None:
    q = 'SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n FILTER(?n = "习近平"@zh) }'
    status, headers, body = get(base, q)
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert "Access-Control-Allow-Origin" not in headers  # no cross-origin access unless asked
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


def test_the_service_description(base) -> None:
    status, headers, body = http(f"{base}/sparql")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    triples = {q.triple for q in ox.parse(body, format=ox.RdfFormat.TURTLE)}
    objects = {(t.predicate.value, getattr(t.object, "value", "")) for t in triples}
    assert (sd + "endpoint", f"{base}/sparql") in objects
    assert (sd + "supportedLanguage", sd + "SPARQL11Query") in objects
    assert (sd + "resultFormat", "http://www.w3.org/ns/formats/SPARQL_Results_JSON") in objects
    count = next(t.object.value for t in triples if t.predicate.value == "http://rdfs.org/ns/void#triples")
    status, _h, doc = get(base, "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    assert count == json.loads(doc)["results"]["bindings"][0]["n"]["value"]
    status, headers, body = http(f"{base}/sparql", headers={"Accept": "application/rdf+xml"})
    assert headers["Content-Type"].startswith("application/rdf+xml")
    assert len(list(ox.parse(body, format=ox.RdfFormat.RDF_XML))) == len(triples)


# --------------------------------------------------------------------------- who may ask
def test_a_foreign_host_header_is_refused(base) -> None:
    """DNS rebinding: a page of evil.example whose name now points at 127.0.0.1."""
    port = urllib.parse.urlsplit(base).port
    q = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.evil.example:{port}"):
        status, _h, body = http(base + q, headers={"Host": host})
        assert status == 403 and b"DNS rebinding" in body
    for host in (f"localhost:{port}", f"127.0.0.1:{port}", f"[::1]:{port}", "LOCALHOST"):
        assert http(base + q, headers={"Host": host})[0] == 200, host


def test_cross_origin_requests_are_refused_by_default(base) -> None:
    q = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    status, headers, body = http(base + q, headers={"Origin": "https://evil.example"})
    assert status == 403 and b"--cors ORIGIN" in body and "Access-Control-Allow-Origin" not in headers
    status, headers, _b = http(f"{base}/sparql", method="OPTIONS", headers={"Origin": "https://evil.example"})
    assert status == 403 and "Access-Control-Allow-Origin" not in headers
    # the query page posting to its own server is not cross-origin
    status, _h, page = http(f"{base}/", data=form("ASK { ?s ?p ?o }"), headers={"Origin": base})
    assert status == 200 and b"<strong>true</strong>" in page


def test_cors_on_for_the_origins_given(sample_export) -> None:
    with running(sample_export, workers=1, cors=["https://yasgui.example"]) as (_server, base):
        q = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
        status, headers, _b = http(base + q, headers={"Origin": "https://yasgui.example"})
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
        assert "X-Result-Truncated" in headers["Access-Control-Expose-Headers"]
        status, headers, _b = http(
            f"{base}/sparql",
            method="OPTIONS",
            headers={"Origin": "https://yasgui.example", "Access-Control-Request-Method": "POST"},
        )
        assert status == 204 and "POST" in headers["Access-Control-Allow-Methods"]
        assert headers["Access-Control-Allow-Origin"] == "https://yasgui.example"
        assert http(base + q, headers={"Origin": "https://other.example"})[0] == 403


@pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")
def test_kg_serve_warns_on_every_interface_and_stops_cleanly_on_ctrl_c(sample_export) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "kg",
            "serve",
            str(sample_export),
            "--host",
            "0.0.0.0",
            "--port",
            "0",
            "--workers",
            "1",
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        first = proc.stderr.readline()
        second = proc.stderr.readline()
        assert first.startswith("kg: warning: listening on every network interface")
        assert second.startswith("kg: serving ") and "Ctrl-C stops" in second
        workers = children(proc.pid)
        assert len(workers) == 2  # one worker and the spare
        port = int(second.split(" at http://", 1)[1].split("/", 1)[0].rsplit(":", 1)[1])
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            running = pool.submit(http_from, "127.0.0.1", f"http://127.0.0.1:{port}", SLOW)
            time.sleep(1.0)  # the slow query is running when Ctrl-C comes
            stopping = time.monotonic()
            proc.send_signal(signal.SIGINT)
            rest = proc.stderr.read()
            assert proc.wait(30) == 0 and time.monotonic() - stopping < 10
            status, _h, body, _s = running.result()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert (status, body) == (503, b"the server is stopping\n")
    assert "Traceback" not in rest and "Exception" not in rest
    assert rest.strip().splitlines()[-1] == "kg: stopped"
    for pid in workers:  # the workers are gone too
        assert (
            not Path(f"/proc/{pid}").exists() or "zombie" in Path(f"/proc/{pid}/status").read_text().lower()
        )


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat[1]) == pid:
                found.append(int(entry.name))
    return found


def test_a_damaged_store_is_rebuilt_when_the_server_starts(tmp_path) -> None:
    from kg.config import Settings
    from kg.export import rdf
    from kg.sparql.store import GraphStore

    out = tmp_path / "out"
    rdf.write_rdf(make_extraction(), out / "graph.ttl", settings=Settings())
    with GraphStore.open(out) as gs:
        damaged = gs.info.path
    (damaged / "CURRENT").write_bytes(b"")
    with running(out, workers=1) as (server, base):
        assert server.notice.startswith(f"{damaged}: the query store is damaged (")
        assert get(base, "ASK { ?s a kg:Person }")[0] == 200


def test_the_first_serve_of_an_export_reports_the_store_load(sample_export, tmp_path) -> None:
    import shutil

    from kg.sparql.store import INDEX_STAGE, LOAD_STAGE

    out = tmp_path / "out"
    shutil.copytree(sample_export, out, ignore=shutil.ignore_patterns(".oxigraph"))
    seen: list[str] = []
    server = make_server(out, "127.0.0.1", 0, progress=lambda stage, _done, _total: seen.append(stage))
    server.server_close()
    assert LOAD_STAGE in seen and seen[-1] == INDEX_STAGE
