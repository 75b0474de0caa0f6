"""What a query store holds: an export bulk-loaded into an Oxigraph store, and the checks
that tell a store still holds it (:mod:`kg.sparql.store` keeps such stores on disk).

A quad export (``graph.nq``, ``graph.trig``) is loaded twice over: its quads as they are,
then the set union of its named graphs into the default graph, where the store keeps each
triple once, so that a query without ``GRAPH`` counts every statement once.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError
from kg.progress import ProgressFn, reading

__all__ = ["INDEX_STAGE", "LOAD_STAGE", "UNION_STAGE", "UNION_WRITE_STAGE", "WRITE_STAGE", "load_export"]

#: Stages reported to a ``progress`` callback while a store is built (see the module docstring).
LOAD_STAGE = "store: load (MB)"
WRITE_STAGE = "store: write"
UNION_STAGE = "store: default graph (MB)"
UNION_WRITE_STAGE = "store: write default graph"
INDEX_STAGE = "store: index"
#: Formats whose named graphs are copied into the default graph.
_QUAD_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)


def _count(store: ox.Store) -> tuple[int, int]:
    """(triples in the default graph, quads in named graphs)."""
    triples = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")))["n"]
    quads = next(iter(store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))["n"]
    return int(triples.value), int(quads.value)


def _probe(store: ox.Store) -> str:
    """One quad of ``store`` in N-Quads (empty for an empty store): a store that opens
    but has lost its data no longer contains it."""
    for quad in store.quads_for_pattern(None, None, None):
        return str(quad)
    return ""


def _check_probe(store: ox.Store, pointer: dict) -> str:
    """Why ``store`` does not hold the probe quad of its record ("" if it does)."""
    probe = pointer.get("probe")
    if not probe:
        return "" if int(pointer.get("triples", 0)) + int(pointer.get("quads", 0)) == 0 else "no probe"
    try:
        quad = next(iter(ox.parse(probe + " .\n", format=ox.RdfFormat.N_QUADS)))
    except (SyntaxError, StopIteration):
        return "its record is damaged"
    return "" if quad in store else "it has lost its data"


def load_export(store: ox.Store, export: Path, fmt: ox.RdfFormat, progress: ProgressFn | None = None) -> None:
    """Bulk-load ``export`` into ``store``; for quads, copy the set union of the named
    graphs into the default graph too (see the module docstring). ``progress`` hears of
    ``LOAD_STAGE`` and ``WRITE_STAGE``, for quads ``UNION_STAGE`` and ``UNION_WRITE_STAGE`` too.

    Raises:
        QueryError: the export is not valid RDF in its format.
    """
    try:
        with reading(export, progress, LOAD_STAGE, then=WRITE_STAGE) as f:
            store.bulk_load(f, format=fmt)
    except SyntaxError as e:
        raise QueryError(f"{export}: not valid {fmt.name}: {e}") from None
    if fmt in _QUAD_FORMATS:
        # The file once more, its named-graph quads into the default graph, where the
        # store keeps each triple once. Streaming the parse into bulk_extend is four times
        # faster than INSERT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }, which builds one
        # transaction in memory (on 2.9 M triples: 15 s against 60 s).
        default = ox.DefaultGraph()
        with reading(export, progress, UNION_STAGE, then=UNION_WRITE_STAGE) as f:
            store.bulk_extend(
                ox.Quad(q.subject, q.predicate, q.object, default)
                for q in ox.parse(f, format=fmt)
                if not isinstance(q.graph_name, ox.DefaultGraph)
            )
