"""Tests of kg.sparql.prefixes: the prefixes bound in every query, and IRIs shortened with them."""

from __future__ import annotations

from kg.sparql.prefixes import PREFIXES, compact_iri

KG = PREFIXES["kg"]
ID = PREFIXES["id"]


def test_prefixes_agree_with_the_export_vocabulary() -> None:
    from kg.export import rdf

    for name, ns in rdf.PREFIXES.items():
        assert PREFIXES[name] == str(ns), name
    assert PREFIXES["id"] == str(rdf.ID)
    assert PREFIXES["rdf"] == "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    assert PREFIXES["owl"] == "http://www.w3.org/2002/07/owl#"


def test_compact_iri_shortens_with_the_prefixes() -> None:
    assert compact_iri(KG + "partOf") == "kg:partOf"
    assert compact_iri(ID + "place/cn-140700") == "id:place/cn-140700"
    assert compact_iri("http://example.org/x") == "<http://example.org/x>"
