"""Writing the statements of ``kg.export.rdf.text`` as N-Triples, N-Quads, Turtle and TriG.

- N-Triples: ``subject predicate object .`` per line; N-Quads the same with `` <graph>``
  before the dot for a named graph.
- Turtle: the prefixes (``terms.TURTLE_HEADER``) once there is a triple, then per
  subject ``subject predicate object`` with `` , object`` for another object of the same
  predicate, `` ;`` + newline + tab before the next predicate and `` .`` + newline at the
  end, in the same order. A record (``kg.export.rdf.shapes``) writes its own subject so.
- TriG: the default graph as Turtle, then each named graph as ``<graph> {`` + newline,
  its subjects as Turtle indented by one tab (two for continuation lines), ``}`` + newline.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import BinaryIO

from kg.export.rdf import terms as t
from kg.export.rdf.shapes import Record
from kg.export.rdf.statements import Statements

Graph = list[tuple[str, "list[str] | Record | str"]]

#: Subjects per piece of text the writers give (a few hundred kilobytes).
_BATCH = 2000


def _ntriples(graph: Graph, name: str = "") -> Iterator[str]:
    end = f" {name} .\n" if name else " .\n"
    for i in range(0, len(graph), _BATCH):
        out = []
        for s, lines in graph[i : i + _BATCH]:
            if lines.__class__ is not list:
                lines = lines[0].lines(lines)
            head = s + " "
            out += (head, (end + head).join(lines), end)
        yield "".join(out)


def _turtle(graph: Graph, forms: dict[str, str], indent: str = "") -> Iterator[str]:
    """Turtle of one graph; ``forms`` gives the Turtle form of a term where it differs
    from the N-Triples form (``Statements.turtle``). Records are written by their shape,
    Turtle text as it is (only the graph of the triple formats, never indented, holds
    them)."""
    short = forms.get
    # What goes before a predicate and its object: after the subject, or after another
    # predicate's object; and before another object of the same predicate.
    first = {p: f" {tp} " for p, tp in t.TURTLE_PREDICATE.items()}
    after = {p: f" ;\n\t{indent}{tp} " for p, tp in t.TURTLE_PREDICATE.items()}
    for i in range(0, len(graph), _BATCH):
        out = []
        add = out.append
        for s, lines in graph[i : i + _BATCH]:
            if lines.__class__ is str:  # written as it was made
                add(lines)
                continue
            if lines.__class__ is not list:
                add(lines[0].turtle(s, lines, short))
                continue
            p, _, o = lines[0].partition(" ")  # no IRI holds a space
            add(f"{indent}{short(s, s)}{first.get(p) or f' {p} '}{short(o, o)}")
            last = p
            for line in islice(lines, 1, None):
                p, _, o = line.partition(" ")
                if p == last:
                    add(" , " + short(o, o))
                else:
                    add((after.get(p) or f" ;\n\t{indent}{p} ") + short(o, o))
                    last = p
            add(" .\n")
        yield "".join(out)


def chunks(st: Statements, syntax: str) -> Iterator[str]:
    """The text of ``st`` in ``syntax`` (``ntriples``, ``nquads``, ``turtle`` or ``trig``),
    in pieces. The triple syntaxes write every statement (``st.nodes()``), the quad ones
    the default graph and then each document's graph."""
    if st.rendered and syntax != "turtle":
        raise ValueError(f"statements made as Turtle text cannot be written as {syntax}")
    if syntax in ("ntriples", "turtle"):
        graph = st.nodes()
        if syntax == "ntriples":
            yield from _ntriples(graph)
        elif graph:
            yield t.TURTLE_HEADER
            yield from _turtle(graph, st.turtle)
        return
    default = st.nodes("")
    names = sorted(st.graphs)
    if syntax == "nquads":
        yield from _ntriples(default)
        for name in names:
            yield from _ntriples(st.nodes(name), name)
        return
    if syntax != "trig":
        raise ValueError(f"no text writer for {syntax!r}")
    if st:
        yield t.TURTLE_HEADER
    yield from _turtle(default, st.turtle)
    for name in names:
        yield f"{st.turtle.get(name, name)} {{\n"
        yield from _turtle(st.nodes(name), st.turtle, "\t")
        yield "}\n"


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        start = text.rfind("\n", 0, e.start) + 1
        end = text.find("\n", e.end)
        line = text[start : end if end >= 0 else len(text)]
        raise ValueError(
            f"cannot write U+{ord(text[e.start]):04X}, a lone surrogate (no Unicode text), "
            f"in the RDF statement {line[:300]!r}"
        ) from None


def write_text(pieces: Iterable[str], out: BinaryIO) -> None:
    """Write ``pieces`` to ``out`` as UTF-8.

    Raises:
        ValueError: a piece holds a lone surrogate (the message shows its statement).
    """
    out.writelines(_utf8(piece) for piece in pieces)
