"""Validate an RDF export against the SHACL shapes of ``data/shapes.ttl``.

``kg validate [OUTDIR]`` calls ``validate_export``: it finds the export in the directory
(the first of ``EXPORT_FILES`` there), parses it with pyoxigraph (the quads of TriG and
N-Quads merged into one graph), and checks it with pySHACL against the shapes: every
entity has one Chinese label and a mention count of at least 0 (0 for one named only in
bylines and credits, see kg:mentions in ``data/ontology.ttl``), a place's adcode is six
digits and its coordinates in range, a relation statement has its subject, predicate,
object, weight, rule and evidence (and its direct triple: checked in Python, see
``_missing_direct_triples``), evidence its sentence, offsets and
document, a co-occurrence two distinct entities, counts and an NPMI within [-1, 1], a
document its identifier (``data/shapes.ttl`` has them all, each with the message shown
when it fails).

Inference is off by default (``inference="none"``): the export asserts every type the
shapes look for, and RDFS inference over a large graph costs more than the check.
``inference="rdfs"`` adds ``data/ontology.ttl`` as the ontology graph and lets pySHACL
infer over it first.

The result is a ``Report``: whether the graph conforms, and the violations sorted by
focus node, path and message, so two runs print the same report.

A ``progress`` callback (:mod:`kg.progress`) hears of the stages: ``READ_STAGE`` (MB of
the export parsed), ``SHAPES_STAGE`` (pySHACL, no total: elapsed time) and
``STATEMENTS_STAGE`` (the direct triples, per statement).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
from rdflib import RDF, BNode, Graph, Literal, Namespace, URIRef

from kg.errors import InputError, ResourceError
from kg.export.rdf import EXPORT_FORMATS, ID, KG, ONTOLOGY_FILE, PREFIXES, add_to_rdflib, data_file
from kg.progress import ProgressFn, begin, end, reading, stage

SH = Namespace("http://www.w3.org/ns/shacl#")
#: Namespace of the shapes in ``data/shapes.ttl``.
KGSH = Namespace("https://w3id.org/kg-news/shapes#")
#: The shapes file under ``data/``.
SHAPES_FILE = "shapes.ttl"
#: Export files ``validate_export`` looks for in a directory, in this order.
EXPORT_FILES: tuple[str, ...] = tuple(
    EXPORT_FORMATS[n].file for n in ("turtle", "ntriples", "nquads", "trig", "jsonld")
)
#: File suffix → pyoxigraph syntax, for a file given directly.
SUFFIX_SYNTAX: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
}
INFERENCE = ("none", "rdfs")
#: Stages reported to a ``progress`` callback.
READ_STAGE = "read (MB)"
SHAPES_STAGE = "check shapes"
STATEMENTS_STAGE = "check statements"


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result, as text: IRIs in full (blank nodes as ``_:id``),
    ``value`` in N-Triples form, ``path`` empty for a node-level constraint."""

    focus: str
    path: str
    message: str
    value: str = ""
    severity: str = "Violation"
    shape: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of validating one export."""

    source: str
    triples: int
    conforms: bool
    violations: tuple[Violation, ...] = ()


def find_export(path: str | Path) -> Path:
    """The export file to validate: ``path`` itself if it is a file, else the first of
    ``EXPORT_FILES`` in the directory ``path``.

    Raises:
        InputError: ``path`` does not exist, or the directory holds no export.
    """
    p = Path(path)
    if p.is_file():
        return p
    if not p.is_dir():
        raise InputError(str(p), "no such file or directory")
    for name in EXPORT_FILES:
        if (p / name).is_file():
            return p / name
    raise InputError(str(p), f"no RDF export here ({', '.join(EXPORT_FILES)}); run `kg build -o {p}` first")


def load_export(path: str | Path, progress: ProgressFn | None = None) -> Graph:
    """The export at ``path`` as one rdflib graph (the union of its named graphs), parsed
    by pyoxigraph, which is many times faster than rdflib's parsers on large files;
    ``progress`` hears how many MB have been parsed (``READ_STAGE``).

    Raises:
        InputError: the suffix is not one of ``SUFFIX_SYNTAX``, or the file cannot be
            read or parsed (the message says where).
    """
    p = Path(path)
    syntax = SUFFIX_SYNTAX.get(p.suffix.lower())
    if syntax is None:
        raise InputError(str(p), f"not an RDF export: expected one of {', '.join(sorted(SUFFIX_SYNTAX))}")
    graph = Graph()
    try:
        with reading(p, progress, READ_STAGE) as f:
            add_to_rdflib(graph, ox.parse(f, format=syntax))
    except OSError as e:
        raise InputError(str(p), f"cannot read: {e.strerror or e}") from e
    except (SyntaxError, ValueError) as e:
        reason = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise InputError(str(p), f"not valid {syntax.name}: {reason}") from e
    return graph


def _read_data_graph(name: str) -> Graph:
    path = data_file(name)
    try:
        return Graph().parse(path, format="turtle")
    except (OSError, SyntaxError, ValueError) as e:
        raise ResourceError(f"{path}: {str(e).splitlines()[0] if str(e) else type(e).__name__}") from e


@functools.cache
def shapes_graph() -> Graph:
    """The SHACL shapes of ``data/shapes.ttl`` (parsed once; do not modify)."""
    return _read_data_graph(SHAPES_FILE)


@functools.cache
def ontology_graph() -> Graph:
    """The vocabulary of ``data/ontology.ttl`` (parsed once; do not modify)."""
    return _read_data_graph(ONTOLOGY_FILE)


def _text(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        return term.n3()
    return str(term)


def _results(results: Graph, shapes: Graph) -> list[Violation]:
    out = []
    for r in set(results.subjects(RDF.type, SH.ValidationResult)):
        shape = results.value(r, SH.sourceShape)
        if isinstance(shape, BNode):  # a property shape: name the node shape holding it
            shape = shapes.value(None, SH.property, shape) or shape
        messages = sorted(str(m) for m in results.objects(r, SH.resultMessage))
        severity = results.value(r, SH.resultSeverity)
        out.append(
            Violation(
                focus=_text(results.value(r, SH.focusNode)),
                path=_text(results.value(r, SH.resultPath)),
                message="; ".join(messages),
                value=_text(results.value(r, SH.value)),
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                shape=_text(shape) if isinstance(shape, URIRef) else "",
            )
        )
    return out


def validate_graph(
    graph: Graph, *, source: str = "", inference: str = "none", progress: ProgressFn | None = None
) -> Report:
    """Check ``graph`` against ``data/shapes.ttl``.

    Args:
        graph: The data graph (not modified: with inference, pySHACL works on a copy).
        source: What the graph was read from, for the report.
        inference: ``none`` (default) or ``rdfs`` (with ``data/ontology.ttl``).
        progress: Told of ``SHAPES_STAGE`` and ``STATEMENTS_STAGE``.
    """
    if inference not in INFERENCE:
        raise ValueError(f"inference must be one of {', '.join(INFERENCE)}, not {inference!r}")
    from pyshacl import validate

    begin(progress, SHAPES_STAGE)
    shapes = shapes_graph()
    conforms, results, _text_report = validate(
        graph,
        shacl_graph=shapes,
        ont_graph=ontology_graph() if inference != "none" else None,
        inference=inference,
        abort_on_first=False,
        allow_warnings=False,
        meta_shacl=False,
        advanced=False,
        inplace=False,
    )
    found = _results(results, shapes)
    end(progress, SHAPES_STAGE)
    found += _missing_direct_triples(graph, progress)
    found.sort(key=_order)
    return Report(source, len(graph), bool(conforms) and not found, tuple(found))


#: Message of a statement whose direct triple is missing.
MISSING_DIRECT = (
    "the direct triple of the statement (rdf:subject rdf:predicate rdf:object) is not in the graph"
)


def _missing_direct_triples(graph: Graph, progress: ProgressFn | None = None) -> list[Violation]:
    """Statements whose direct triple is not in the graph. SHACL core cannot say this; a
    SPARQL constraint can, but pySHACL runs it once per statement (25 s for 2,000 news
    stories against 20 s for every other shape), so it is checked here."""
    out = []
    statement = URIRef(str(KG.RelationStatement))
    statements = list(graph.subjects(RDF.type, statement, unique=True))
    with stage(progress, STATEMENTS_STAGE, len(statements)) as step:
        for i, stmt in enumerate(statements, 1):
            step(i)
            s, p, o = (graph.value(stmt, q) for q in (RDF.subject, RDF.predicate, RDF.object))
            if s is None or p is None or o is None:
                continue  # the shapes report the missing part
            if (s, p, o) not in graph:
                out.append(Violation(_text(stmt), "", MISSING_DIRECT, shape=str(KGSH.RelationStatementShape)))
    return out


def _order(v: Violation) -> tuple[str, ...]:
    return (v.focus, v.path, v.message, v.value, v.shape)


def validate_export(path: str | Path, *, inference: str = "none", progress: ProgressFn | None = None) -> Report:
    """Find (``find_export``), load (``load_export``) and validate an export, telling
    ``progress`` of every stage (see the module docstring).

    Raises:
        InputError: no export at ``path``, or it cannot be parsed.
    """
    export = find_export(path)
    graph = load_export(export, progress)
    return validate_graph(graph, source=str(export), inference=inference, progress=progress)


# ---------------------------------------------------------------------- report text
_SHORT = sorted(
    [(str(ID), "id:"), *((str(ns), f"{prefix}:") for prefix, ns in PREFIXES.items()), (str(RDF), "rdf:")],
    key=lambda p: -len(p[0]),
)


def short(term: str) -> str:
    """An IRI with a known prefix (``id:``, ``kg:``, ``rdfs:`` …), its percent-encoded
    name decoded alongside when that reads better.

    >>> short("https://w3id.org/kg-news/id/place/cn-110000")
    'id:place/cn-110000'
    >>> short("https://w3id.org/kg-news/id/person/%E4%B9%A0%E8%BF%91%E5%B9%B3")
    'id:person/%E4%B9%A0%E8%BF%91%E5%B9%B3 (习近平)'
    """
    for ns, prefix in _SHORT:
        if term.startswith(ns):
            local = term[len(ns) :]
            name = local.rsplit("/", 1)[-1]
            decoded = unquote(name, errors="strict") if "%" in name else name
            extra = f" ({decoded})" if decoded != name and decoded.isprintable() else ""
            return f"{prefix}{local}{extra}"
    return term


def _short_value(value: str) -> str:
    """A value as ``_text`` wrote it, with its IRI or datatype IRI shortened."""
    if value.startswith('"') and value.endswith(">") and '"^^<' in value:
        lexical, datatype = value.rsplit("^^<", 1)
        return f"{lexical}^^{short(datatype[:-1])}"
    return value if value.startswith(('"', "_:")) else short(value)


def report_lines(report: Report, limit: int = 20) -> list[str]:
    """The report as lines of text: one summary line, then at most ``limit`` violations
    (``focus  path: message  [value]``) and how many more there are."""
    if report.conforms:
        return [f"{report.source}: conforms ({report.triples:,} triples)"]
    n = len(report.violations)
    lines = [
        f"{report.source}: does not conform: {n} result{'s' if n != 1 else ''} ({report.triples:,} triples)"
    ]
    for v in report.violations[:limit]:
        where = f"{short(v.focus)}  {short(v.path)}" if v.path else short(v.focus)
        value = f"  [{_short_value(v.value)}]" if v.value and v.value != v.focus else ""
        severity = "" if v.severity == "Violation" else f"{v.severity}: "
        lines.append(f"  {where}: {severity}{v.message}{value}")
    if n > limit:
        lines.append(f"  … and {n - limit} more")
    return lines
