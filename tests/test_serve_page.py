"""Tests of kg.sparql.serve_page: the HTML query page of ``kg serve``, over the sample corpus
build (tests/test_query.py) and over the hostile hand-made extraction (tests/conftest.py), to
check that every value is escaped.
"""

from __future__ import annotations

import pytest
from conftest import EVIL, make_extraction
from test_serve import (
    MAX_ROWS,
    TIMEOUT,
    client,
    form,
    http,
    running,
)


def test_query_page_lists_examples_and_shows_results(base) -> None:
    status, headers, body = http(f"{base}/")
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert "default-src 'none'" in headers["Content-Security-Policy"]
    assert "<textarea" in page and 'href="/?example=officials-of-province"' in page
    assert "http://" not in page.replace("http://www.w3.org", "")  # nothing fetched from elsewhere
    status, _h, body = http(f"{base}/?example=places-visited")
    page = body.decode("utf-8")
    assert "<td>山西省</td>" in page and "<th>placeName</th>" in page


@pytest.fixture(scope="module")
def hostile_base(tmp_path_factory):
    from kg.config import Settings
    from kg.export import rdf

    out = tmp_path_factory.mktemp("hostile-export")
    rdf.write_rdf(make_extraction(), out / "graph.ttl", settings=Settings())
    with running(out, workers=1, timeout=TIMEOUT, max_rows=MAX_ROWS) as (_server, url):
        yield url


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


def test_error_messages_on_the_page_are_escaped_and_short(hostile_base) -> None:
    status, _h, body = http(f"{hostile_base}/", data=form("SELECT <script> WHERE {"))
    page = body.decode("utf-8")
    assert status == 200 and 'class="error"' in page and "<script>" not in page
    error = page.split('class="error">', 1)[1].split("</p>", 1)[0]
    assert error.startswith("query: line 1, column") and len(error) < 200
