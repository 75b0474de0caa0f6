"""The prefixes bound in every query of kg, and IRIs shortened with them for reading.

``PREFIXES`` is bound in ``kg query``, ``kg serve`` and the bundled queries, so a query
needs no ``PREFIX`` lines (a ``PREFIX`` line of the query itself wins over the default);
``TURTLE_PREFIXES`` are written in Turtle output; ``compact_iri`` is how the text table
and the query page show an IRI.
"""

from __future__ import annotations

from urllib.parse import unquote

VOCAB = "https://w3id.org/kg-news/vocab#"
ID = "https://w3id.org/kg-news/id/"
XSD = "http://www.w3.org/2001/XMLSchema#"

#: Prefixes bound in every query (kept equal to ``kg.export.rdf``'s; tests/test_query.py checks).
PREFIXES: dict[str, str] = {
    "kg": VOCAB,
    "id": ID,
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
    "geo": "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "xsd": XSD,
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "owl": "http://www.w3.org/2002/07/owl#",
}
#: Prefixes written in Turtle output (``id`` is left out: its names hold ``/``).
TURTLE_PREFIXES = {k: v for k, v in PREFIXES.items() if k != "id"}


def compact_iri(iri: str) -> str:
    """An IRI shortened with ``PREFIXES`` for reading (``id:`` names percent-decoded).

    >>> compact_iri("https://w3id.org/kg-news/id/person/%E4%B9%A0%E8%BF%91%E5%B9%B3")
    'id:person/习近平'
    >>> compact_iri("https://w3id.org/kg-news/vocab#holdsPosition")
    'kg:holdsPosition'
    >>> compact_iri("http://example.org/x")
    '<http://example.org/x>'
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            local = iri[len(ns) :]
            return f"{prefix}:{unquote(local) if prefix == 'id' else local}"
    return f"<{iri}>"
