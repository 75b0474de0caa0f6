"""What a query text must pass before it runs, in ``kg query`` and ``kg serve`` alike.

A text over ``MAX_QUERY_LENGTH`` characters or ``MAX_NESTING`` nested brackets is refused
before any parser reads it; a SPARQL Update is refused (``UPDATE_REFUSED``, the same words
in ``kg query`` and ``kg serve``); so is SERVICE, decided from a parse (``check_query``).
Syntax errors are one line with the line, the column and the text there
(``syntax_message``).
"""

from __future__ import annotations

import functools
import re

from kg.errors import QueryError, error_text
from kg.sparql.prefixes import PREFIXES

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


def parses_as_update(text: str) -> bool:
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
        if parses_as_update(text):
            return "update", ""
        return "syntax", syntax_message(e, text, source)
    except RecursionError:
        return "complex", ""
    return ("service", "") if _has_service(tree) else ("ok", "")
