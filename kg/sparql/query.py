"""SPARQL over a built graph: query resolution, bundled research queries, result formats.

A query is run against the Oxigraph store of an output directory (``kg.sparql.store``) with the
kg prefixes bound (``PREFIXES``: ``kg``, ``id``, ``schema``, ``skos``, ``prov``, ``dcterms``,
``geo``, ``xsd``, ``rdfs``, ``rdf``, ``owl``), so a query needs no ``PREFIX`` lines; a
``PREFIX`` line of the query itself wins over the default.

Before it runs, a text goes through ``check_query``: over ``MAX_QUERY_LENGTH`` characters
or ``MAX_NESTING`` nested brackets it is refused before any parser reads it; a SPARQL
Update is refused (``UPDATE_REFUSED``, the same words in ``kg query`` and ``kg serve``);
so is SERVICE, decided from a parse. Syntax errors are one line with the line, the column
and the text there (``syntax_message``).

Bundled queries
---------------

``data/queries/<name>.rq`` holds research questions, run as ``@<name>``. Each file starts
with comment lines::

    # Question: <the question in English>
    # 问题：<the question in Chinese>
    # Parameters:
    #   ?province  <what it is>

and each parameter ``?p`` has a ``VALUES ?p { <default> }`` clause in the query (or
several with the same default, where a subquery needs it too), so the file runs as it is
in any SPARQL engine. ``--param p=VALUE`` replaces the
default by VALUE written as the same kind of term: a ``"…"@zh`` default takes any text
(escaped), an IRI or prefixed-name default takes ``<IRI>`` or ``prefix:name``, a number
takes a number.

Result formats (``FORMATS``)
----------------------------

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
import functools
import io
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from kg.errors import QueryError, error_text

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

FORMATS = ("table", "csv", "tsv", "json", "xml", "turtle", "nt")
_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}
_XSD_STRING = XSD + "string"
_Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


# ---------------------------------------------------------------------- bundled queries
@dataclass(frozen=True)
class Param:
    """A parameter of a bundled query: ``?name``, its description and default term."""

    name: str
    description: str
    default: str


@dataclass(frozen=True)
class BundledQuery:
    """One ``data/queries/<name>.rq`` file."""

    name: str
    path: Path
    text: str
    question: str
    question_zh: str
    params: tuple[Param, ...] = field(default=())


def queries_dir() -> Path:
    """The bundled queries: ``queries/`` of kg's data folder (installed or checkout)."""
    from kg.resources import default_data_dir

    return default_data_dir() / "queries"


_VALUES = r"VALUES\s+\?{name}\s*\{{\s*(?P<term>[^{{}}]*?)\s*\}}"
_PARAM_LINE = re.compile(r"#\s+\?(?P<name>\w+)\s+(?P<desc>.+)")


def _values_clause(text: str, name: str) -> list[re.Match]:
    return list(re.finditer(_VALUES.format(name=re.escape(name)), text))


def parse_bundled(path: Path) -> BundledQuery:
    """Read a bundled query and its header.

    Raises:
        QueryError: the header lacks the question lines, or a parameter has no ``VALUES``
            clause or clauses with different defaults (the message names the file and line).
    """
    text = path.read_text(encoding="utf-8")
    question = question_zh = ""
    params: list[Param] = []
    in_params = False
    for n, line in enumerate(text.splitlines(), 1):
        if not line.startswith("#"):
            break
        body = line[1:].strip()
        if body.startswith("Question:"):
            question, in_params = body.removeprefix("Question:").strip(), False
        elif body.startswith("问题："):
            question_zh, in_params = body.removeprefix("问题：").strip(), False
        elif body.startswith("Parameters:"):
            in_params = True
        elif in_params and (m := _PARAM_LINE.fullmatch(line.strip())):
            defaults = {c["term"] for c in _values_clause(text, m["name"])}
            if len(defaults) != 1:
                raise QueryError(
                    f"{path}:{n}: parameter ?{m['name']} needs VALUES ?{m['name']} {{ … }} clauses"
                    " with one default"
                )
            params.append(Param(m["name"], m["desc"].strip(), defaults.pop()))
    if not question or not question_zh:
        raise QueryError(f"{path}:1: a bundled query starts with '# Question:' and '# 问题：' lines")
    return BundledQuery(path.stem, path, text, question, question_zh, tuple(params))


def bundled_queries() -> list[BundledQuery]:
    """Every bundled query, by name."""
    return [parse_bundled(p) for p in sorted(queries_dir().glob("*.rq"))]


def bundled_query(name: str) -> BundledQuery:
    """The bundled query ``name`` (without ``@`` or ``.rq``).

    Raises:
        QueryError: there is no such query (the message lists the names).
    """
    path = queries_dir() / f"{name}.rq"
    if not re.fullmatch(r"[\w-]+", name) or not path.is_file():
        names = ", ".join(q.name for q in bundled_queries())
        raise QueryError(f"@{name}: no such bundled query (there are: {names})")
    return parse_bundled(path)


_IRI = re.compile(r'<[^<>"{}|^`\\\s]*>|[A-Za-z][\w.-]*:[^\s{}<>"\\]*|[A-Za-z]?:[^\s{}<>"\\]*')
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_STRING = re.compile(r'(?s)"(?:[^"\\]|\\.)*"(?P<suffix>@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^\S+)?')


def sparql_string(value: str) -> str:
    """``value`` as a SPARQL string literal (quoted and escaped).

    >>> sparql_string('山西 "省"')
    '"山西 \\\\"省\\\\""'
    """
    escaped = (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
    return f'"{escaped}"'


def param_term(default: str, value: str, *, name: str = "") -> str:
    """``value`` written as a SPARQL term of the same kind as ``default``.

    >>> param_term('"山西"@zh', '晋中')
    '"晋中"@zh'
    >>> param_term('kg:proposed', 'kg:visited')
    'kg:visited'
    >>> param_term('10', '3')
    '3'

    Raises:
        QueryError: ``value`` is not a term of that kind.
    """
    where = f"parameter ?{name}" if name else "parameter"
    if m := _STRING.fullmatch(default):
        return sparql_string(value) + (m["suffix"] or "")
    if _NUMBER.fullmatch(default):
        if not _NUMBER.fullmatch(value.strip()):
            raise QueryError(f"{where}: {value!r} is not a number")
        return value.strip()
    if _IRI.fullmatch(default):
        if not _IRI.fullmatch(value.strip()):
            raise QueryError(f"{where}: {value!r} is not an IRI (<…>) or a prefixed name (kg:visited)")
        return value.strip()
    raise QueryError(f"{where}: cannot replace the default {default!r}")


def apply_params(text: str, values: Mapping[str, str]) -> str:
    """``text`` with the ``VALUES ?name { … }`` clauses of each parameter set to its value.

    >>> apply_params('SELECT * { VALUES ?city { "太原"@zh } ?x ?y ?city }', {"city": "晋中"})
    'SELECT * { VALUES ?city { "晋中"@zh } ?x ?y ?city }'

    Raises:
        QueryError: the query has no ``VALUES`` clause for a name, or a value does not fit.
    """
    for name, value in values.items():
        name = name.lstrip("?$")
        clauses = _values_clause(text, name)
        if not clauses:
            raise QueryError(f"parameter ?{name}: the query has no VALUES ?{name} {{ … }} clause to set")
        for m in reversed(clauses):  # from the end, so earlier offsets stay valid
            term = param_term(m["term"], value, name=name)
            text = text[: m.start("term")] + term + text[m.end("term") :]
    return text


def resolve_query(spec: str) -> tuple[str, str]:
    """The text of a query and a name for messages, from ``spec``: ``@name`` (a bundled
    query), a path to a ``.rq`` (or any existing) file, or the SPARQL text itself.

    Raises:
        QueryError: an unknown bundled query, or a file that cannot be read.
    """
    if spec.startswith("@"):
        q = bundled_query(spec[1:])
        return q.text, f"@{q.name}"
    stripped = spec.strip()
    looks_like_path = "\n" not in stripped and "{" not in stripped and len(stripped) < 4096
    if looks_like_path and (stripped.endswith(".rq") or Path(stripped).is_file()):
        path = Path(stripped)
        try:
            return path.read_text(encoding="utf-8-sig"), str(path)
        except FileNotFoundError:
            raise QueryError(f"{path}: no such file") from None
        except (OSError, UnicodeDecodeError) as e:
            raise QueryError(f"{path}: cannot read: {getattr(e, 'strerror', None) or e}") from None
    return spec, "query"


# ---------------------------------------------------------------------- checks
#: The answer to any SPARQL Update, in ``kg query`` and ``kg serve`` alike.
UPDATE_REFUSED = "SPARQL Update (INSERT, DELETE, LOAD, CLEAR…) is not accepted: the graph is read-only"
#: The answer to a federated query.
SERVICE_REFUSED = "SERVICE (a federated query, which would fetch other URLs) is not accepted"
#: Longest query text accepted (characters), and deepest nesting of (), [] and {}.
MAX_QUERY_LENGTH = 65_536
MAX_NESTING = 100


class UpdateRefused(QueryError):
    """The text is a SPARQL Update (or starts like one)."""


class ServiceRefused(QueryError):
    """The query has a SERVICE clause."""


class QuerySyntaxError(QueryError):
    """The text is not a SPARQL query; the message gives the line and column."""


class QueryTooLarge(QueryError):
    """The text is longer, or nests deeper, than the limits allow."""


_LEXICAL = re.compile(
    r"""(?sx)
      "{3}.*?"{3} | '{3}.*?'{3}                   # long strings
    | "(?:[^"\\\n]|\\.)*" | '(?:[^'\\\n]|\\.)*'   # strings
    | <[^<>"{}|^`\\\s]*>                          # IRIs
    | \#[^\n]*                                    # comments
    """
)
_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}


def _blank_out(text: str) -> str:
    """``text`` with strings, IRIs and comments replaced by a space, so a keyword or
    bracket count only sees SPARQL syntax."""
    return _LEXICAL.sub(" ", text)


def is_update(text: str) -> bool:
    """Whether ``text`` starts like a SPARQL Update (its first keyword after the prologue).

    >>> is_update("PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }")
    True
    >>> is_update('SELECT * { ?s ?p "DELETE" }')
    False
    """
    words = re.findall(r"[A-Za-z_][\w-]*:?", _blank_out(text))
    i = 0
    while i < len(words):
        w = words[i].upper()
        if w == "PREFIX":
            i += 2  # PREFIX name:  (the IRI is blanked out)
            continue
        if w == "BASE":
            i += 1
            continue
        return w in _UPDATE_WORDS
    return False


def nesting_depth(text: str) -> int:
    """How deep (), [] and {} nest in ``text``, outside strings, IRIs and comments.

    >>> nesting_depth('SELECT * { FILTER((?x > 1)) ?s ?p "((((" }')
    3
    """
    depth = deepest = 0
    for ch in _blank_out(text):
        if ch in "([{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in ")]}":
            depth = max(0, depth - 1)
    return deepest


def normalize_newlines(text: str) -> str:
    r"""``text`` with CR LF and lone CR as LF. Parsers disagree on whether a lone CR
    ends a comment; after this they cannot.

    >>> normalize_newlines("a\r\nb\rc")
    'a\nb\nc'
    """
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_limits(
    text: str, *, source: str = "query", max_length: int = MAX_QUERY_LENGTH, max_depth: int = MAX_NESTING
) -> None:
    """Refuse a text too long or too deeply nested to parse safely: a parser walks nested
    brackets (and long chains) by recursion, and thousands of levels overflow its stack.

    Raises:
        QueryTooLarge: with the limit in the message.
    """
    if len(text) > max_length:
        raise QueryTooLarge(f"{source}: the query is {len(text)} characters long; the limit is {max_length}")
    depth = nesting_depth(text)
    if depth > max_depth:
        raise QueryTooLarge(f"{source}: brackets nest {depth} deep in the query; the limit is {max_depth}")


def _position_message(source: str, text: str, line: int, column: int, reason: str = "") -> str:
    lines = text.split("\n")
    row = lines[line - 1] if 1 <= line <= len(lines) else ""
    i = max(0, min(column - 1, len(row)))
    before, after = row[max(0, i - 15) : i], row[i : i + 15].rstrip()
    if i > 15 and " " in before:  # start at a word
        before = before[before.index(" ") + 1 :]
    if not after.strip() and line >= len(lines) and not "".join(lines[line:]).strip():
        before = before.rstrip()
        where = f'at the end of the query, after "{before}"' if before else "at the end of the query"
    else:
        where = f'near "{before}{after}"'
    if reason:
        return f"{source}: line {line}, column {column}: {reason}; {where}"
    return f"{source}: line {line}, column {column}: syntax error {where}"


_OXI_POSITION = re.compile(
    r"error at (\d+):(\d+)(?:-\d+:\d+)?:\s*(?:expected one of |expected )?(.*)", re.DOTALL
)
#: A sentence among the expected tokens ("SELECT * is not authorized with GROUP BY").
_OXI_REASON = re.compile(r"(?:^|, )([A-Z][^,\[\]\"'|]*? [a-z]{3,}[^,\[\]\"'|]*)(?=, |$)")


def syntax_message(e: BaseException, text: str, source: str = "query") -> str:
    """A one-line message for a parser error of Oxigraph or rdflib: the position, a
    reason where the parser gave a readable one, and the text there (never the
    parser's list of expected tokens, which can run to thousands of characters).

    >>> syntax_message(SyntaxError("error at 1:21: expected one of LATERAL, SERVICE"), "SELECT * { ?s ?p ?o ", "q")
    'q: line 1, column 21: syntax error at the end of the query, after "* { ?s ?p ?o"'
    """
    line = getattr(e, "lineno", None)
    column = getattr(e, "col", None)
    if not isinstance(e, SyntaxError) and isinstance(line, int) and isinstance(column, int):  # pyparsing
        return _position_message(source, text, line, column)
    m = _OXI_POSITION.match(str(e))
    if not m:
        return f"{source}: {error_text(e)}"
    found = _OXI_REASON.search(" ".join(m[3].split()))
    reason = found[1].strip() if found else ""
    if reason == "IRI parsing failed":
        reason = "invalid IRI"
    elif reason[1:2].islower():
        reason = reason[0].lower() + reason[1:]
    if unknown := _unknown_prefixes(text):
        reason = f"unknown prefix {', '.join(unknown)} (declare it with PREFIX)"
    return _position_message(source, text, int(m[1]), int(m[2]), reason)


def _unknown_prefixes(text: str) -> list[str]:
    """Prefixes used in ``text`` that neither a PREFIX line nor ``PREFIXES`` declares."""
    code = _blank_out(text)
    declared = set(PREFIXES) | {m[1] for m in re.finditer(r"(?i)\bPREFIX\s+([\w.-]*):", code)}
    used = re.findall(r"(?<![\w?$:.-])([A-Za-z][\w.-]*|):(?=[\w%\\]|\s|$)", code)
    return sorted({f"{p}:" for p in used if p not in declared})


class _DeepRecursion:
    """Raise the interpreter's recursion limit while rdflib's parser runs: its grammar
    recurses some thirty frames per bracket level, so the default limit of 1000 fails
    on 30 nested parentheses or a hundred triple patterns. (Since Python 3.11 these
    frames take no C stack, so a high limit is safe.)"""

    LIMIT = 200_000

    def __enter__(self) -> None:
        import sys

        self.previous = sys.getrecursionlimit()
        sys.setrecursionlimit(max(self.previous, self.LIMIT))

    def __exit__(self, *exc: object) -> None:
        import sys

        sys.setrecursionlimit(self.previous)


def _has_service(tree: object) -> bool:
    """Whether a parse tree of rdflib holds a ``ServiceGraphPattern`` node (walked
    without recursion: the tree is as deep as the query)."""
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, CompValue):
            if node.name == "ServiceGraphPattern":
                return True
            stack.extend(node.values())
        elif isinstance(node, dict):
            stack.extend(node.values())
        elif isinstance(node, (list, tuple)) or type(node).__name__ == "ParseResults":
            stack.extend(list(node))
    return False


def _parses_as_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import UpdateUnit

    try:
        with _DeepRecursion():
            UpdateUnit.parse_string(text, parse_all=True)
    except Exception:  # noqa: BLE001 - any failure means "not an update"
        return False
    return True


def check_query(
    text: str,
    *,
    source: str = "query",
    max_length: int = MAX_QUERY_LENGTH,
    max_depth: int = MAX_NESTING,
) -> str:
    """The query text to run, once it is known to be a read-only query without SERVICE.

    Line ends are normalised (``normalize_newlines``), and the result must be the text
    that is run, so that the decision below is about the text Oxigraph parses.

    SERVICE is decided from a parse, not by spelling: a text in which the letters
    "service" (in any case) do not appear cannot hold the keyword; any other text is
    parsed with rdflib's SPARQL grammar, and refused if its tree has a
    ``ServiceGraphPattern`` node or if it does not parse (so a text the two parsers
    might read differently is never run). rdflib's grammar is used without its
    pre-expansion of ``\\u`` escapes, which Oxigraph does not do outside strings.

    Raises:
        QueryTooLarge: over ``max_length`` characters or ``max_depth`` nested brackets.
        UpdateRefused: a SPARQL Update.
        ServiceRefused: a SERVICE clause.
        QuerySyntaxError: a text with "service" in it that is no query.
    """
    text = normalize_newlines(text)
    check_limits(text, source=source, max_length=max_length, max_depth=max_depth)
    if is_update(text):
        raise UpdateRefused(f"{source}: {UPDATE_REFUSED}")
    if "service" not in text.casefold():  # casefold: also ſ (long s) and the like
        return text
    verdict, message = _service_verdict(text, source)
    if verdict == "update":
        raise UpdateRefused(f"{source}: {UPDATE_REFUSED}")
    if verdict == "syntax":
        raise QuerySyntaxError(message)
    if verdict == "complex":
        raise QueryTooLarge(f"{source}: the query is too complex to parse")
    if verdict == "service":
        raise ServiceRefused(f"{source}: {SERVICE_REFUSED}")
    return text


@functools.lru_cache(maxsize=256)
def _service_verdict(text: str, source: str) -> tuple[str, str]:
    """rdflib's reading of a text that names "service": ``ok``, ``service``, ``update``,
    ``syntax`` (with the message) or ``complex``. Kept for the last texts seen, since
    the parse takes 50-300 ms and a client often sends the same query again."""
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import Query

    try:
        with _DeepRecursion():
            tree = Query.parse_string(text, parse_all=True)
    except ParseBaseException as e:
        if _parses_as_update(text):
            return "update", ""
        return "syntax", syntax_message(e, text, source)
    except RecursionError:
        return "complex", ""
    return ("service", "") if _has_service(tree) else ("ok", "")


# ---------------------------------------------------------------------- running
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
        if _parses_as_update(text):
            raise UpdateRefused(f"{source}: {UPDATE_REFUSED}") from None
        raise QuerySyntaxError(syntax_message(e, text, source)) from None
    except (OSError, RuntimeError) as e:
        if "Corruption" in str(e):
            from kg.sparql.store import StoreDamaged

            raise StoreDamaged(f"{source}: the query store is damaged ({error_text(e, 120)})") from None
        raise QueryError(f"{source}: {error_text(e)}") from None
    except (ValueError, TypeError) as e:
        raise QueryError(f"{source}: {error_text(e)}") from None


# ---------------------------------------------------------------------- formats
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


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal: wide and fullwidth characters take two,
    combining marks none.

    >>> width("山西省"), width("abc"), width("Ａ")
    (6, 3, 2)
    """
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return total


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
    widths = [max([width(c), *(width(r[i]) for r in cells)]) for i, c in enumerate(cols)]

    def line(values: list[str]) -> str:
        parts = []
        for i, v in enumerate(values):
            pad = " " * (widths[i] - width(v))
            parts.append(pad + v if numeric[i] else v + pad)
        return " | ".join(parts).rstrip()

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


def run(
    outdir: str | Path,
    spec: str,
    *,
    params: Mapping[str, str] | None = None,
    fmt: str = "table",
    rebuild: bool = False,
    notices: list[str] | None = None,
) -> str:
    """Resolve ``spec`` (see ``resolve_query``), set its parameters, run it on the store
    of ``outdir`` and format the result: the whole of ``kg query``.

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
        with GraphStore.open(outdir, rebuild=rebuild) as gs:
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


def describe_bundled(queries: Iterable[BundledQuery]) -> str:
    """The list ``kg query --list`` prints: name, question and parameters of each query."""
    out = []
    for q in queries:
        out.append(f"@{q.name}")
        out.append(f"    {q.question}")
        out.append(f"    {q.question_zh}")
        for p in q.params:
            out.append(f"    ?{p.name} = {p.default}  ({p.description})")
    return "\n".join(out) + "\n"
