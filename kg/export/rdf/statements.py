"""The statements of an RDF export as text (made by ``kg.export.rdf.text``), and their
canonical order.

The canonical order: the lines of a graph without duplicates, sorted as strings (by code
point); the default graph first, then the named graphs by ``<graph IRI>``. Sorting
subjects first and then each subject's ``"<predicate> object"`` gives that order, since
an IRI ends at its ``>``, which no IRI holds: no subject's text is the start of
another's, so two lines with different subjects compare as their subjects do. A
record's lines (``kg.export.rdf.shapes``) are in that order as made.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from itertools import islice
from operator import eq, itemgetter

from kg.export.rdf import terms as t
from kg.export.rdf.shapes import Record

#: subject (``<iri>``) → the rest of its lines (``"<predicate> object"``), or its record,
#: or its Turtle text.
Subjects = dict[str, list[str] | Record | str]


class Statements:
    """Every statement of an export as text: ``corpus`` for what the corpus says as a whole
    (every statement, when made without documents' graphs), ``graphs`` the named graph
    of each document (``<document IRI>`` → its subjects) when made ``by_document``."""

    __slots__ = ("_canonical", "corpus", "graphs", "records", "rendered", "turtle")

    def __init__(self) -> None:
        self.corpus: Subjects = defaultdict(list)
        self.graphs: dict[str, Subjects] = defaultdict(lambda: defaultdict(list))
        #: The Turtle form of every object (and subject) whose form differs from its
        #: N-Triples form: the vocabulary IRIs and each typed literal the builder made.
        self.turtle: dict[str, str] = dict(t.TURTLE_IRI)
        self._canonical: dict[str | None, list[tuple[str, list[str]]]] = {}
        #: Whether ``corpus`` holds records (``kg.export.rdf.shapes``), not lines only;
        #: and whether records are written as their Turtle text already (then Turtle is the
        #: only syntax it can be written in).
        self.records = self.rendered = False

    def typed(self, literal: str) -> str:
        """Note the Turtle form of a typed literal (``3`` for ``"3"^^xsd:integer``)."""
        short = t.turtle_object(literal)
        if short != literal:
            self.turtle[literal] = short
        return literal

    def __bool__(self) -> bool:
        return bool(self.corpus or self.graphs)

    def _union(self) -> Subjects:
        if not self.graphs:
            return self.corpus
        out: Subjects = {s: list(lines) for s, lines in self.corpus.items()}
        for graph in self.graphs.values():
            for s, lines in graph.items():
                mine = out.get(s)
                if mine is None:
                    out[s] = list(lines)
                else:
                    mine += lines
        return out

    def nodes(self, name: str | None = None) -> list[tuple[str, list[str] | Record | str]]:
        """A graph in the canonical order: its subjects sorted, each with its lines
        deduplicated and sorted, or its record (``kg.export.rdf.shapes``), whose lines are
        in that order already, or (``rendered``) its Turtle text. ``name`` is ``None`` for every statement (the union of
        the graphs), ``""`` for the default graph, else a document's ``<IRI>``. Each is
        sorted once; the sorted lists replace the made ones."""
        done = self._canonical.get(name)
        if done is None:
            subjects = self._union() if name is None else self.graphs[name] if name else self.corpus
            if not self.records or list in set(map(type, subjects.values())):
                for lines in subjects.values():
                    if lines.__class__ is list:
                        lines.sort()
                        if any(map(eq, lines, islice(lines, 1, None))):  # rare: drop duplicates
                            lines[:] = sorted(set(lines))
            # Sorting the items by key moves each value with its key: quicker than looking
            # every value up again in key order.
            done = self._canonical[name] = sorted(subjects.items(), key=itemgetter(0))
        return done

    def graph(self, name: str | None = None) -> list[tuple[str, list[str]]]:
        """``nodes(name)`` with each record as its lines.

        Raises:
            ValueError: the statements were made as Turtle text.
        """
        return list(self.lines(name))

    def lines(self, name: str | None = None) -> Iterator[tuple[str, list[str]]]:
        """``graph(name)`` one subject at a time, each record's lines made as they are
        read (a writer reading them once holds no list of every line).

        Raises:
            ValueError: the statements were made as Turtle text.
        """
        if self.rendered:
            raise ValueError("statements made as Turtle text have no lines")
        for s, v in self.nodes(name):
            yield s, v if v.__class__ is list else v[0].lines(v)
