"""Tests of kg.sparql.query: running a query on a store (``execute``: prefixes bound, a
query's own PREFIX wins) and the whole of ``kg query`` (``run``: a damaged store rebuilt,
a bundled query formatted).

The sample corpus (``data/corpus``) is built once per session into a temporary directory
(the ``sample_export`` and ``sample_store`` fixtures of tests/conftest.py, shared with
tests/test_bundled.py, tests/test_check.py and the server tests, which import ``select``
and ``pairs`` from here).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.errors import QueryError
from kg.sparql.query import (
    PREFIXES,
    apply_params,
    execute,
    resolve_query,
    run,
)
from kg.sparql.store import GraphStore

REPO = Path(__file__).resolve().parent.parent
ID = PREFIXES["id"]


def select(store: ox.Store, spec: str, **params: str) -> list[dict[str, str]]:
    """Rows of a query as {variable: lexical value} (unbound variables left out)."""
    text, source = resolve_query(spec)
    if params:
        text = apply_params(text, params)
    result = execute(store, text, source=source)
    assert result.kind == "select"
    return [
        {v: t.value for v, t in zip(result.variables, row, strict=True) if t is not None}
        for row in result.rows
    ]


def pairs(rows: list[dict[str, str]], a: str, b: str) -> set[tuple[str, str]]:
    return {(r[a], r[b]) for r in rows}


# --------------------------------------------------------------------------- running
def test_a_query_needs_no_prefix_lines_and_its_own_prefix_wins(sample_store) -> None:
    rows = select(sample_store, 'SELECT ?p WHERE { ?p a kg:Person ; rdfs:label "习近平"@zh }')
    assert rows == [{"p": ID + "person/%E4%B9%A0%E8%BF%91%E5%B9%B3"}]
    # a PREFIX line of the query rebinds kg:, so the same pattern finds nothing
    redefined = "PREFIX kg: <http://example.org/other#>\n" + "SELECT ?p WHERE { ?p a kg:Person }"
    assert select(sample_store, redefined) == []


def test_run_rebuilds_a_damaged_store_and_says_so(tmp_path, monkeypatch) -> None:
    import kg.sparql.query as query_mod
    from kg.sparql.store import StoreDamaged

    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("<http://e/a> <http://e/p> <http://e/b> .\n", encoding="utf-8")
    notices: list[str] = []
    assert run(out, "ASK { ?s ?p ?o }", notices=notices) == "true\n" and notices == []
    with GraphStore.open(out) as gs:
        damaged = gs.info.path
    (damaged / "CURRENT").write_bytes(b"")  # found damaged when the store is opened
    assert run(out, "ASK { ?s ?p ?o }", notices=notices) == "true\n"
    assert len(notices) == 1 and notices[0].startswith(f"{damaged}: the query store is damaged (Corruption")
    assert notices[0].endswith("; rebuilt it from graph.ttl")

    # found damaged while a query reads it (RocksDB checks blocks as it reads them)
    class Corrupt:
        def query(self, *_a, **_k):
            raise RuntimeError("Corruption: block checksum mismatch: stored = 1, computed = 2")

    with pytest.raises(StoreDamaged, match=r"^q: the query store is damaged \(Corruption: block checksum"):
        execute(Corrupt(), "ASK { ?s ?p ?o }", source="q")
    real, failed = query_mod.execute, []

    def fails_once(store, text, **kw):
        if not failed:
            failed.append(True)
            return real(Corrupt(), text, **kw)
        return real(store, text, **kw)

    monkeypatch.setattr(query_mod, "execute", fails_once)
    notices.clear()
    assert run(out, "ASK { ?s ?p ?o }", notices=notices) == "true\n"
    assert notices == [
        f"{notices[0].split(':', 1)[0]}: the query store is damaged (Corruption: block checksum mismatch: "
        + "stored = 1, computed = 2); rebuilt it from graph.ttl"
    ]


def test_run_formats_a_bundled_query(sample_export) -> None:
    out = run(sample_export, "@places-visited", params={"personName": "马克龙"}, fmt="csv")
    assert list(csv.reader(io.StringIO(out))) == [
        ["placeName", "weight", "adcode", "lat", "long"],
        ["中国", "1", "", "", ""],
    ]
    with pytest.raises(QueryError, match="unknown format"):
        run(sample_export, "ASK {}", fmt="yaml")
