"""Writing the export: ``write_rdf``, ``serialize_rdf``, ``write_exports``, and the
extraction as pyoxigraph triples or an rdflib graph for code that wants RDF terms.

An extraction is written by the text writer (``kg.export.rdf.text``); JSON-LD from the same
lines, read back by pyoxigraph's N-Triples parser. An rdflib graph or pyoxigraph triples
(anything else ``write_rdf`` takes) are sorted the same way and written by pyoxigraph,
which gives the same bytes for the same triples.
"""

from __future__ import annotations

import contextlib
import gc
import io
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import RDF, Graph

from kg.config import Settings
from kg.model import Extraction
from kg.export.rdf import text, writer
from kg.export.rdf.convert import _graph_triples, add_to_rdflib, new_graph
from kg.export.rdf.jsonld import jsonld_bytes, jsonld_text
from kg.export.rdf.vocab import EXPORT_FORMATS, PREFIXES, ExportFormat, format_name

#: What ``write_rdf`` and ``serialize_rdf`` take: an extraction (with its settings), an
#: rdflib graph, or pyoxigraph triples (or quads, for TriG and N-Quads).
RdfSource = Extraction | Graph | Iterable[ox.Triple] | Iterable[ox.Quad]

#: Prefixes of Turtle output written by pyoxigraph (for graphs and triples given as
#: such). It writes them longest namespace first, as ``kg.export.rdf.terms.TURTLE_HEADER``.
_OX_PREFIXES: dict[str, str] = dict(
    sorted({**{k: str(v) for k, v in PREFIXES.items()}, "rdf": str(RDF)}.items())
)


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while hundreds of thousands of lines (or terms)
    are made. Neither they nor the builder making them are held in reference cycles
    (``kg.export.rdf.lines._Terms``; ``tests/test_rdf.py`` checks that a collection after
    an export finds nothing of it), so reference counting frees them all as soon as the
    export is written. But each young generation of containers that fills up makes
    Python scan, and every few, rescan the whole heap: in a build that heap holds the
    extraction and the lexicons."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def statements(
    ex: Extraction,
    settings: Settings,
    by_document: bool = False,
    turtle: bool = False,
    iris: dict[str, str] | None = None,
) -> text.Statements:
    """``kg.export.rdf.text.build`` with the garbage collector paused."""
    with _gc_paused():
        return text.build(ex, settings, by_document, turtle, iris)


def _text(st: text.Statements, syntax: str) -> bytes:
    buffer = io.BytesIO()
    writer.write_text(writer.chunks(st, syntax), buffer)
    return buffer.getvalue()


def _parsed(st: text.Statements, quads: bool) -> Iterator[ox.Quad]:
    """The statements read back as pyoxigraph quads, in the canonical order."""
    syntax = ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES
    return ox.parse(_text(st, "nquads" if quads else "ntriples"), format=syntax)


# ---------------------------------------------------------------------- terms
class _Sorted(list):
    """A list of triples or quads already deduplicated and sorted by ``rdf_triples`` or
    ``rdf_quads``: the writers take it as it is."""


def _sorted_unique(triples: Iterable[ox.Triple]) -> list[ox.Triple]:
    """Triples without duplicates, sorted by their N-Triples line. The line starts with
    ``<subject> <predicate> ``, so the triples of a subject (and of a subject and a
    predicate) stay together and the Turtle writer can group them."""
    if isinstance(triples, _Sorted):
        return triples
    # dict.fromkeys drops duplicates by pyoxigraph's own hash and keeps the making order,
    # which is already partly sorted, so the sort below has long runs to merge.
    return _Sorted(sorted(dict.fromkeys(triples), key=str))


def _quad_key(q: ox.Quad) -> tuple[str, str]:
    g = q.graph_name
    return ("" if isinstance(g, ox.DefaultGraph) else str(g), str(q))


def _sorted_unique_quads(quads: Iterable[ox.Quad]) -> list[ox.Quad]:
    """Quads without duplicates, the default graph first, then graph by graph in IRI
    order, each sorted by N-Quads line (so the TriG writer opens each graph once)."""
    if isinstance(quads, _Sorted):
        return quads
    return _Sorted(sorted(dict.fromkeys(quads), key=_quad_key))


def rdf_triples(ex: Extraction, settings: Settings) -> list[ox.Triple]:
    """The extraction as pyoxigraph triples (see the module docstring of ``kg.export.rdf`` for
    their shape): no duplicates, sorted by N-Triples form, so the same extraction gives
    the same list. Made by the text writer and read back by pyoxigraph's parser: for code
    that wants terms; the export itself never makes them.

    Raises:
        ValueError: an entity has a type outside ``ENTITY_TYPES``, or a relation a type
            outside ``RELATION_TYPES``.
        KeyError: a relation or co-occurrence names an entity id that is not an entity.
    """
    with _gc_paused():
        return _Sorted(q.triple for q in _parsed(text.build(ex, settings), quads=False))


def rdf_quads(ex: Extraction, settings: Settings) -> list[ox.Quad]:
    """The extraction as pyoxigraph quads: what the corpus says as a whole in the default
    graph, what each document says in the named graph of the document's IRI (see
    "Named graphs" in the module docstring of ``kg.export.rdf``). Without their graph names the
    quads are the triples of ``rdf_triples``. No duplicates; the default graph first, then
    graph by graph in IRI order, each sorted by N-Quads line.

    Raises:
        ValueError, KeyError: as ``rdf_triples``.
    """
    with _gc_paused():
        return _Sorted(_parsed(text.build(ex, settings, by_document=True), quads=True))


def to_rdf(ex: Extraction, settings: Settings) -> Graph:
    """The extraction as an rdflib graph: the triples of ``rdf_triples``, for rdflib's API
    and SPARQL. For writing files, ``write_rdf(ex, path, settings=...)`` is much faster.

    Raises:
        ValueError: an entity has a type outside ``ENTITY_TYPES``, or a relation a type
            outside ``RELATION_TYPES``.
        KeyError: a relation or co-occurrence names an entity id that is not an entity.
    """
    g = new_graph()
    add_to_rdflib(g, rdf_triples(ex, settings))
    return g


# ---------------------------------------------------------------------- writing
def _source_triples(source: RdfSource) -> list[ox.Triple]:
    if isinstance(source, Graph):
        return _sorted_unique(_graph_triples(source))
    items = source if isinstance(source, _Sorted) else list(source)
    if any(isinstance(q, ox.Quad) for q in items):
        items = [q.triple for q in items]
    return _sorted_unique(items)


def _source_quads(source: RdfSource) -> list[ox.Quad]:
    if isinstance(source, Graph):  # one graph: everything in the default graph
        return _sorted_unique_quads(ox.Quad(t.subject, t.predicate, t.object) for t in _graph_triples(source))
    return _sorted_unique_quads(
        q if isinstance(q, ox.Quad) else ox.Quad(q.subject, q.predicate, q.object) for q in source
    )


def _write_statements(st: text.Statements, fmt: ExportFormat, output: Path | None) -> bytes | None:
    with _gc_paused():  # sorting makes a set and a list per subject
        return _write_unpaused(st, fmt, output)


def _write_unpaused(st: text.Statements, fmt: ExportFormat, output: Path | None) -> bytes | None:
    if fmt.name == "jsonld":
        data = jsonld_text(st.lines())
    elif output is None:
        data = _text(st, fmt.name)
    else:
        try:
            with open(output, "wb") as f:
                writer.write_text(writer.chunks(st, fmt.name), f)
        except ValueError:  # a lone surrogate: no half-written file is left behind
            output.unlink(missing_ok=True)
            raise
        return None
    if output is None:
        return data
    output.write_bytes(data)
    return None


def _serialize(
    source: RdfSource, fmt: ExportFormat, settings: Settings | None, output: Path | None
) -> bytes | None:
    if isinstance(source, Extraction):
        st = statements(source, settings or Settings(), by_document=fmt.quads, turtle=fmt.name == "turtle")
        return _write_statements(st, fmt, output)
    with _gc_paused():
        items = _source_quads(source) if fmt.quads else _source_triples(source)
    if fmt.name == "jsonld":
        data = jsonld_bytes(items)
        if output is None:
            return data
        output.write_bytes(data)
        return None
    prefixes = None if fmt.syntax in (ox.RdfFormat.N_TRIPLES, ox.RdfFormat.N_QUADS) else _OX_PREFIXES
    if output is None:
        return ox.serialize(items, format=fmt.syntax, prefixes=prefixes)
    ox.serialize(items, output=output, format=fmt.syntax, prefixes=prefixes)
    return None


def serialize_rdf(source: RdfSource, format: str = "turtle", *, settings: Settings | None = None) -> bytes:
    """``source`` serialised as UTF-8 bytes (see ``write_rdf``)."""
    return _serialize(source, EXPORT_FORMATS[format_name(format)], settings, None)


def write_rdf(
    source: RdfSource,
    path: str | Path,
    format: str = "turtle",
    *,
    settings: Settings | None = None,
) -> None:
    """Write ``source`` to ``path`` as UTF-8 bytes.

    Args:
        source: An ``Extraction`` (written with ``settings``, default ``Settings()``),
            an ``rdflib.Graph`` such as ``to_rdf`` returns, or pyoxigraph triples or
            quads.
        path: The file to write; missing parent directories are made.
        format: A name of ``RDF_FORMATS``: ``turtle`` (default), ``ntriples``, ``jsonld``,
            ``trig``, ``nquads`` or an alias (``ttl``, ``nt``, ``nq`` …).
        settings: Used with an extraction (``max_evidence``).

    An extraction is written by ``kg.export.rdf.text`` (JSON-LD by ``jsonld_bytes``), anything
    else by pyoxigraph, after the same deduplication and sort, so equal triples give
    byte-identical files whatever the source, process or hash seed. A graph or triples
    written as TriG or N-Quads go to the default graph.

    Raises:
        ValueError: an unknown format; an entity or relation of an unknown type; text
            holding a lone surrogate, which no RDF syntax can hold.
    """
    fmt = EXPORT_FORMATS[format_name(format)]
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    _serialize(source, fmt, settings, p)


def write_exports(
    ex: Extraction, outdir: str | Path, settings: Settings, *, iris: dict[str, str] | None = None
) -> list[str]:
    """Write ``ex`` in each format of ``settings.rdf_formats`` into ``outdir``
    (``graph.ttl``, ``graph.nt``, ``graph.jsonld``, ``graph.trig``, ``graph.nq``); return
    the file names written, in ``EXPORT_FORMATS`` order. The statements are made once for
    all formats (with the documents' graphs when a quad format is asked for) and sorted
    once per graph.

    An export of a format not asked for this time (left by an earlier build) is removed,
    so every ``graph.*`` in ``outdir`` describes this build: ``kg query`` and
    ``kg validate`` read whichever they find.

    ``iris``: entity id → IRI when the caller has them already (``kg build`` has them from
    ``kg.export.tables.table_ids``); else made here."""
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    names = {format_name(n) for n in settings.rdf_formats}
    wanted = [f for name, f in EXPORT_FORMATS.items() if name in names]
    for name, f in EXPORT_FORMATS.items():
        if name not in names:
            (out / f.file).unlink(missing_ok=True)
    only_turtle = [f.name for f in wanted] == ["turtle"]
    st = statements(ex, settings, by_document=any(f.quads for f in wanted), turtle=only_turtle, iris=iris)
    written: list[str] = []
    for fmt in wanted:
        _write_statements(st, fmt, out / fmt.file)
        written.append(fmt.file)
    return written
