"""The bundled research queries (``data/queries/<name>.rq``, run as ``@<name>``), their
parameters, and how ``kg query`` finds the text of a query.

Each file starts with comment lines::

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
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import QueryError


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
