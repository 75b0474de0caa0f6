"""The outcome of a query (``QueryResult``) and its formats (``FORMATS``).

- ``table``: aligned columns for a terminal; East Asian wide characters count two
  columns; IRIs shortened with the prefixes (and ``id:`` names percent-decoded, for
  reading only), literals shown by their text; numbers right-aligned.
- ``csv``, ``tsv``, ``json``, ``xml``: the SPARQL 1.1 result formats (CSV: full IRIs and
  lexical forms; TSV: terms in N-Triples syntax; JSON and XML as the W3C specifications).
- ``ASK`` gives ``true``/``false`` (or the JSON/XML boolean document).
- ``CONSTRUCT``/``DESCRIBE`` give Turtle (``table``, ``turtle``), N-Triples (``nt``,
  ``csv``, ``tsv``) or JSON-LD (``json``), triples sorted so output is deterministic.
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from kg.errors import QueryError
from kg.sparql.prefixes import TURTLE_PREFIXES, XSD, compact_iri
from kg.textwidth import display_width, pad

FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt")
_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}
_XSD_STRING = XSD + "string"
_Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass
class QueryResult:
    """The outcome of one query.

    Attributes:
        kind: ``select``, ``ask`` or ``graph`` (CONSTRUCT and DESCRIBE).
        variables: Names of the SELECT variables, in projection order.
        rows: One tuple of terms (None where unbound) per solution.
        boolean: The answer of an ASK.
        triples: The triples of a CONSTRUCT or DESCRIBE, sorted.
        truncated: True if ``limit`` cut the results short.
    """

    kind: str
    variables: tuple[str, ...] = ()
    rows: list[tuple[_Term | None, ...]] = field(default_factory=list)
    boolean: bool = False
    triples: list[ox.Triple] = field(default_factory=list)
    truncated: bool = False


def display(term: _Term | None) -> str:
    """A term as the table shows it."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact_iri(term.value)
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


def _clean_cell(text: str) -> str:
    # One row per line: control characters (newlines, tabs) would break the alignment.
    return "".join(" " if ch in "\t\n\r\x0b\x0c\x85\u2028\u2029" or ord(ch) < 32 else ch for ch in text)


def _is_number(term: _Term | None) -> bool:
    return isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC


def format_table(result: QueryResult) -> str:
    """An aligned text table with a row count (see the module docstring)."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    if result.kind == "graph":
        return format_graph(result, "turtle")
    cols = result.variables
    cells = [[_clean_cell(display(t)) for t in row] for row in result.rows]
    numeric = [
        bool(result.rows) and all(row[i] is None or _is_number(row[i]) for row in result.rows)
        for i in range(len(cols))
    ]
    widths = [max([display_width(c), *(display_width(r[i]) for r in cells)]) for i, c in enumerate(cols)]

    def line(values: list[str]) -> str:
        return " | ".join(pad(v, w, numeric[i]) for i, (v, w) in enumerate(zip(values, widths))).rstrip()

    out = [line(list(cols)), "-+-".join("-" * w for w in widths)]
    out += [line(r) for r in cells]
    n = len(result.rows)
    more = ", truncated" if result.truncated else ""
    out.append(f"({n} row{'' if n == 1 else 's'}{more})")
    return "\n".join(out) + "\n"


def _csv_value(term: _Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, (ox.NamedNode, ox.Literal)):
        return term.value
    return str(term)


def format_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV results (RFC 4180, CRLF line ends)."""
    if result.kind == "ask":
        return "true\r\n" if result.boolean else "false\r\n"
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(result.variables)
    for row in result.rows:
        w.writerow([_csv_value(t) for t in row])
    return buf.getvalue()


def _tsv_value(term: _Term | None) -> str:
    if term is None:
        return ""
    if (
        isinstance(term, ox.Literal)
        and term.datatype.value == XSD + "integer"
        and re.fullmatch(r"[+-]?\d+", term.value)
    ):
        return term.value
    return str(term)  # N-Triples syntax, escapes tabs and newlines


def format_tsv(result: QueryResult) -> str:
    """SPARQL 1.1 TSV results (terms in N-Triples syntax, integers bare)."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines += ["\t".join(_tsv_value(t) for t in row) for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(term: _Term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != _XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def format_json(result: QueryResult) -> str:
    """SPARQL 1.1 JSON results (UTF-8 text, not ASCII-escaped), one binding a line."""
    if result.kind == "ask":
        return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
    head = json.dumps({"vars": list(result.variables)}, ensure_ascii=False)
    bindings = ",\n".join(
        json.dumps(
            {v: _json_term(t) for v, t in zip(result.variables, row, strict=True) if t is not None},
            ensure_ascii=False,
        )
        for row in result.rows
    )
    if bindings:
        bindings = f"\n{bindings}\n"
    return f'{{"head": {head}, "results": {{"bindings": [{bindings}]}}}}\n'


def _xml_term(term: _Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{xml_escape(term.value)}</literal>"
        if term.datatype.value != _XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{xml_escape(term.value)}</literal>"
        return f"<literal>{xml_escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
        f"</predicate><object>{_xml_term(term.object)}</object></triple>"
    )


def format_xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format."""
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sparql xmlns="http://www.w3.org/2005/sparql-results#">',
    ]
    if result.kind == "ask":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>"]
    else:
        out.append(
            "<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>"
        )
        out.append("<results>")
        for row in result.rows:
            bindings = "".join(
                f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                for v, t in zip(result.variables, row, strict=True)
                if t is not None
            )
            out.append(f"<result>{bindings}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "\n".join(out) + "\n"


_GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "nt": ox.RdfFormat.N_TRIPLES,
    "json": ox.RdfFormat.JSON_LD,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


def format_graph(result: QueryResult, fmt: str) -> str:
    """The triples of a CONSTRUCT/DESCRIBE as Turtle (``turtle``), N-Triples (``nt``),
    JSON-LD (``json``, ``jsonld``) or RDF/XML (``rdfxml``)."""
    rdf_format = _GRAPH_FORMATS.get(fmt, ox.RdfFormat.TURTLE)
    prefixes = TURTLE_PREFIXES if rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    text = ox.serialize(result.triples, format=rdf_format, prefixes=prefixes).decode("utf-8")
    return text if not text or text.endswith("\n") else text + "\n"


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """``result`` in format ``fmt`` (one of ``FORMATS``; see the module docstring).

    Raises:
        QueryError: an unknown format.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
    if result.kind == "graph":
        return format_graph(
            result, {"csv": "nt", "tsv": "nt", "table": "turtle", "xml": "turtle"}.get(fmt, fmt)
        )
    if fmt in ("table", "turtle", "nt"):
        return format_table(result)
    return {"csv": format_csv, "tsv": format_tsv, "json": format_json, "xml": format_xml}[fmt](result)
