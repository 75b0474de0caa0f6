"""SPARQL over a built graph: ``execute`` runs a query on a store, ``run`` is the whole of
``kg query``.

A query is run against the Oxigraph store of an output directory (``kg.sparql.store``) with the
kg prefixes bound (``PREFIXES``: ``kg``, ``id``, ``schema``, ``skos``, ``prov``, ``dcterms``,
``geo``, ``xsd``, ``rdfs``, ``rdf``, ``owl``), so a query needs no ``PREFIX`` lines; a
``PREFIX`` line of the query itself wins over the default.

The parts live in their own modules, and their names stay importable from here:

- ``kg.sparql.prefixes``: ``PREFIXES`` and ``compact_iri``;
- ``kg.sparql.bundled``: the bundled research queries (``@name``), their parameters and
  ``resolve_query``;
- ``kg.sparql.check``: what a text must pass before it runs (``check_query``: length and
  nesting limits, no SPARQL Update, no SERVICE; one-line syntax errors);
- ``kg.sparql.results``: ``QueryResult`` and its formats (``FORMATS``, ``format_result``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import pyoxigraph as ox

from kg.errors import QueryError, error_text
from kg.progress import ProgressFn
from kg.sparql.bundled import (
    BundledQuery,
    Param,
    apply_params,
    bundled_queries,
    bundled_query,
    describe_bundled,
    param_term,
    parse_bundled,
    queries_dir,
    resolve_query,
    sparql_string,
)
from kg.sparql.check import (
    MAX_NESTING,
    MAX_QUERY_LENGTH,
    SERVICE_REFUSED,
    UPDATE_REFUSED,
    QuerySyntaxError,
    QueryTooLarge,
    ServiceRefused,
    UpdateRefused,
    check_limits,
    check_query,
    is_update,
    nesting_depth,
    normalize_newlines,
    parses_as_update,
    syntax_message,
)
from kg.sparql.prefixes import ID, PREFIXES, TURTLE_PREFIXES, VOCAB, XSD, compact_iri
from kg.sparql.results import (
    FORMATS,
    QueryResult,
    display,
    format_csv,
    format_graph,
    format_json,
    format_result,
    format_table,
    format_tsv,
    format_xml,
)

__all__ = [
    "FORMATS",
    "ID",
    "MAX_NESTING",
    "MAX_QUERY_LENGTH",
    "PREFIXES",
    "SERVICE_REFUSED",
    "TURTLE_PREFIXES",
    "UPDATE_REFUSED",
    "VOCAB",
    "XSD",
    "BundledQuery",
    "Param",
    "QueryResult",
    "QuerySyntaxError",
    "QueryTooLarge",
    "ServiceRefused",
    "UpdateRefused",
    "apply_params",
    "bundled_queries",
    "bundled_query",
    "check_limits",
    "check_query",
    "compact_iri",
    "describe_bundled",
    "display",
    "execute",
    "format_csv",
    "format_graph",
    "format_json",
    "format_result",
    "format_table",
    "format_tsv",
    "format_xml",
    "is_update",
    "nesting_depth",
    "normalize_newlines",
    "param_term",
    "parse_bundled",
    "queries_dir",
    "resolve_query",
    "run",
    "sparql_string",
    "syntax_message",
]


def execute(
    store: ox.Store,
    text: str,
    *,
    source: str = "query",
    limit: int | None = None,
    prefixes: Mapping[str, str] = PREFIXES,
    default_graphs: Iterable[str] = (),
    named_graphs: Iterable[str] = (),
    checked: bool = False,
) -> QueryResult:
    """Run ``text`` on ``store`` with ``prefixes`` bound and collect the results (at most
    ``limit`` rows or triples; ``truncated`` says if there were more).

    ``default_graphs`` and ``named_graphs`` (IRIs) replace the dataset of the query, as the
    SPARQL protocol's ``default-graph-uri`` and ``named-graph-uri`` do.

    The text goes through ``check_query`` first (unless ``checked``: the caller ran it).

    Raises:
        QueryError: ``<source>: <message>`` for a syntax error or a failed evaluation;
            ``UpdateRefused``, ``ServiceRefused``, ``QueryTooLarge`` and
            ``QuerySyntaxError`` as ``check_query`` says; ``kg.sparql.store.StoreDamaged`` for
            a store that fails while it is read.
    """
    if not checked:
        text = check_query(text, source=source)
    dataset: dict = {}
    try:
        if default_graphs := list(default_graphs):
            dataset["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs := list(named_graphs):
            dataset["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
    except ValueError as e:
        raise QueryError(f"{source}: invalid graph IRI: {error_text(e)}") from None
    try:
        answer = store.query(text, prefixes=dict(prefixes), **dataset)
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ask", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            variables = tuple(v.value for v in answer.variables)
            rows: list[tuple] = []
            truncated = False
            for solution in answer:
                if limit is not None and len(rows) >= limit:
                    truncated = True
                    break
                rows.append(tuple(solution[i] for i in range(len(variables))))
            return QueryResult("select", variables, rows, truncated=truncated)
        triples: list[ox.Triple] = []
        truncated = False
        for t in answer:
            if limit is not None and len(triples) >= limit:
                truncated = True
                break
            triples.append(t)
        return QueryResult("graph", triples=sorted(set(triples), key=str), truncated=truncated)
    except SyntaxError as e:
        if parses_as_update(text):
            raise UpdateRefused(f"{source}: {UPDATE_REFUSED}") from None
        raise QuerySyntaxError(syntax_message(e, text, source)) from None
    except (OSError, RuntimeError) as e:
        if "Corruption" in str(e):
            from kg.sparql.store import StoreDamaged

            raise StoreDamaged(f"{source}: the query store is damaged ({error_text(e, 120)})") from None
        raise QueryError(f"{source}: {error_text(e)}") from None
    except (ValueError, TypeError) as e:
        raise QueryError(f"{source}: {error_text(e)}") from None


def run(
    outdir: str | Path,
    spec: str,
    *,
    params: Mapping[str, str] | None = None,
    fmt: str = "table",
    rebuild: bool = False,
    notices: list[str] | None = None,
    progress: ProgressFn | None = None,
) -> str:
    """Resolve ``spec`` (see ``resolve_query``), set its parameters, run it on the store
    of ``outdir`` and format the result: the whole of ``kg query``. Building the store
    (the first query of an export) is reported to ``progress`` (:mod:`kg.sparql.store`).

    A store found damaged (on opening, or while the query reads it) is rebuilt from the
    export and the query run again; a one-line notice saying so is appended to
    ``notices``.

    Raises:
        QueryError: an unusable query, parameter, format or output directory.
    """
    from kg.sparql.store import GraphStore, StoreDamaged

    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    text, source = resolve_query(spec)
    if params:
        text = apply_params(text, params)
    text = check_query(text, source=source)  # before the store is opened or built
    for attempt in (1, 2):
        with GraphStore.open(outdir, rebuild=rebuild, progress=progress) as gs:
            if gs.info.notice and notices is not None:
                notices.append(gs.info.notice)
            try:
                result = execute(gs.store, text, source=source, checked=True)
            except StoreDamaged as e:
                if attempt == 2:
                    raise
                rebuild = True
                if notices is not None:
                    reason = str(e).removeprefix(f"{source}: ")
                    notices.append(f"{gs.info.path}: {reason}; rebuilt it from {gs.info.export.name}")
                continue
        return format_result(result, fmt)
    raise AssertionError("unreachable")  # pragma: no cover
