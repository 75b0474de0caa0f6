"""The tables the page's nodes and edges refer to by index: documents, evidence sentences
and rules (``DocTables``), with what decides them: a document's date (``iso_date``),
name (``doc_name``) and the time slider's steps (``periods``).

A large page refers to the same few thousand documents and sentences tens of thousands of
times (a node's documents, an edge's documents and evidence), and an index is known only
once every reference is: a document's is its place among the documents referred to, in
date order. So references are handed out before the tables are finished as small lists
that ``DocTables.finish`` fills in place: one ``[doc]`` list per document shared by every
reference to that document alone (most edges and entities), one ``[sentence, rule]`` pair
per distinct evidence sentence and rule shared by every edge citing it, and the lists of
several documents rewritten where they are. The page's data holds those very lists, so
nothing is looked up again or copied once the tables are made.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from datetime import date
from operator import itemgetter

from kg.model import DocExtraction, Evidence, Extraction

#: A document without a title is named by its first sentence, cut to this many characters.
DOC_NAME_CHARS = 30

#: The time slider steps by day when the documents span at most this many days, by month
#: when they span at most ``MONTHS_UP_TO`` months, else by year.
DAYS_UP_TO = 62
MONTHS_UP_TO = 48


_DATE_RE = re.compile(r"\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


@functools.lru_cache(maxsize=4096)
def iso_date(text: str) -> str:
    """A document date as ``YYYY-MM-DD``, or ``""`` if it is not a day.

    Kept per text: a build reads every document's date four times (the page's document
    table and its concordance order, the map and its GeoJSON), and a corpus has far
    fewer dates than documents (197 for 3,010 news stories).

    >>> iso_date("2024-11-05"), iso_date("2024年11月7日"), iso_date("2024/1/2 08:00")
    ('2024-11-05', '2024-11-07', '2024-01-02')
    >>> iso_date("2024-02-30"), iso_date("11月"), iso_date("")
    ('', '', '')
    """
    m = _DATE_RE.match(text or "")
    if not m:
        return ""
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()
    except ValueError:
        return ""


def doc_name(title: str, first_sentence: str) -> str:
    """What a document is called on the page: its title, else its first sentence cut to
    ``DOC_NAME_CHARS`` characters (a hash id tells a reader nothing).

    >>> doc_name("习近平会见马克龙", "x"), doc_name("", " 新华社北京11月5日电 国家主席习近平今天在人民大会堂会见法国总统马克龙。")
    ('习近平会见马克龙', '新华社北京11月5日电 国家主席习近平今天在人民大会堂会见…')
    """
    title = " ".join(title.split())
    if title:
        return title
    text = " ".join(first_sentence.split())
    return text if len(text) <= DOC_NAME_CHARS else text[: DOC_NAME_CHARS - 1] + "…"


def periods(isos: Iterable[str]) -> list[list[str]]:
    """The time slider's steps: ``[label, first day, last day]`` for every day, month or
    year (see ``DAYS_UP_TO``) from the first document date to the last, empty ones too
    so the slider moves at an even pace.

    >>> periods(["2024-11-05", "", "2024-11-07"])[0], len(periods(["2024-01-31", "2024-03-01"]))
    (['2024-11-05', '2024-11-05', '2024-11-05'], 31)
    >>> periods(["2023-12-30", "2024-05-01"])[:2]
    [['2023-12', '2023-12-01', '2023-12-31'], ['2024-01', '2024-01-01', '2024-01-31']]
    """
    days = sorted({d for d in isos if d})
    if not days:
        return []
    first, last = date.fromisoformat(days[0]), date.fromisoformat(days[-1])
    out: list[list[str]] = []
    if (last - first).days < DAYS_UP_TO:
        for n in range((last - first).days + 1):
            day = date.fromordinal(first.toordinal() + n).isoformat()
            out.append([day, day, day])
        return out
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    if months <= MONTHS_UP_TO:
        for n in range(months):
            y, m = divmod(first.year * 12 + first.month - 1 + n, 12)
            end = date(y + (m == 11), (m + 1) % 12 + 1, 1).toordinal() - 1
            out.append([f"{y:04d}-{m + 1:02d}", f"{y:04d}-{m + 1:02d}-01", date.fromordinal(end).isoformat()])
        return out
    return [[f"{y:04d}", f"{y:04d}-01-01", f"{y:04d}-12-31"] for y in range(first.year, last.year + 1)]


def _first_text(dx: DocExtraction) -> str:
    """The text of a document's first sentence (its whole text when it has none).

    A document held packed (``kg.stored_doc.StoredDoc``) keeps its first sentence
    as ``first``: reading ``sentences`` would unpack the whole document, a third of a
    second per thousand stories, for one sentence."""
    first = getattr(dx, "first", _UNSET)
    if first is _UNSET:
        first = dx.sentences[0] if dx.sentences else None
    return dx.doc.text if first is None else first.text


_UNSET = object()
#: The order of one document's evidence: sentence, span, rule (``Evidence`` fields).
_IN_DOC = itemgetter(1, 2, 3, 5)

#: What ``DocTables.edge`` gives: the edge's documents, the number of its sentences in
#: each (``None`` when every document has one) and its evidence as ``[sentence, rule]``.
EdgeRefs = tuple[list, "list[int] | None", list]


class DocTables:
    """Documents, sentences and rules stored once and referred to by index (a sentence is
    shared by many co-occurrence edges, a document by many nodes).

    ``docs`` and ``edge`` hand out references as lists that ``finish`` fills in (see the
    module docstring): until then a list of documents holds their ids and an evidence pair
    ``[(doc, text), rule]``; afterwards document indices and ``[sentence index, rule
    index]``. The lists may be shared: read them, never change them."""

    def __init__(self, ex: Extraction) -> None:
        meta = {dx.doc.id: dx.doc for dx in ex.docs}
        self._first = {dx.doc.id: _first_text(dx) for dx in ex.docs}
        self.iso = {doc_id: iso_date(doc.date) for doc_id, doc in meta.items()}
        self._meta = meta
        # Documents in date order (undated last), then by id, as one integer per document:
        # the many sorts below then compare integers.
        order = sorted(meta, key=lambda d: (not self.iso[d], self.iso[d], d))
        self._rank = {d: i for i, d in enumerate(order)}
        self._docs: set[str] = set()
        #: doc id -> the one list ``[doc]`` every reference to that document alone shares
        self._single: dict[str, list] = {}
        #: lists of several doc ids handed out, to be made indices in place
        self._lists: list[list] = []
        #: (doc, text, rule) -> its evidence pair; (doc rank, doc, text) -> its pairs
        self._pairs: dict[tuple[str, str, str], list] = {}
        self._sentences: dict[tuple[int, str, str], list[list]] = {}
        self._rules: set[str] = set()

    def _known(self, doc_ids: Iterable[str]) -> None:
        missing = set(doc_ids).difference(self._rank)
        for d in sorted(missing):  # not in ex.docs: after the others
            self._rank[d] = len(self._rank)
            self.iso.setdefault(d, "")

    def rank(self, doc_id: str) -> int:
        """The place of a document in date order (undated last, then by id)."""
        self._known((doc_id,))
        return self._rank[doc_id]

    def add_docs(self, doc_ids: Iterable[str]) -> None:
        """Put ``doc_ids`` in the document table (the concordance's documents, which refer
        to them by id until the page's data is made)."""
        ids = set(doc_ids)
        self._known(ids)
        self._docs.update(ids)

    def _one(self, doc: str) -> list:
        """The shared list ``[doc]`` (its document known and kept)."""
        got = self._single.get(doc)
        if got is None:
            if doc not in self._rank:
                self._known((doc,))
            self._docs.add(doc)
            got = self._single[doc] = [doc]
        return got

    def _pair(self, e: Evidence) -> list:
        """The shared evidence pair of ``e``'s sentence and rule (its document ranked)."""
        doc, text, rule = key = (e.doc, e.text, e.rule)
        got = self._pairs.get(key)
        if got is None:
            got = self._pairs[key] = [(doc, text), rule]
            self._docs.add(doc)
            sentence = (self._rank[doc], doc, text)
            pairs = self._sentences.get(sentence)
            if pairs is None:
                self._sentences[sentence] = [got]
            else:
                pairs.append(got)
            self._rules.add(rule)
        return got

    def edge(self, evidence: Sequence[Evidence], limit: int) -> EdgeRefs:
        """An edge's documents in date order, the number of its sentences in each (``None``
        when every document has one: the common case costs nothing) and its first ``limit``
        distinct evidence sentences in date order: by document, then sentence, span and
        rule (two evidences alike in all of these are one; the text is the sentence's)."""
        if len(evidence) == 1:  # most co-occurrences: one sentence, nothing to sort or count
            e = evidence[0]
            docs = self._single.get(e.doc) or self._one(e.doc)  # a [doc] list is never empty
            if limit < 1:
                return docs, None, []
            return docs, None, [self._pairs.get((e.doc, e.text, e.rule)) or self._pair(e)]
        by_doc: dict[str, list[Evidence]] = {}
        for e in evidence:
            got = by_doc.get(e.doc)
            if got is None:
                by_doc[e.doc] = [e]
            else:
                got.append(e)
        docs = self.docs(by_doc)
        counts = None if len(by_doc) == len(evidence) else [len(by_doc[d]) for d in docs]
        out: list[list] = []
        if limit > 0:
            # The documents in date order, each one's sentences in order: only as many of
            # them are sorted and taken as the first ``limit`` need.
            pair = self._pair
            for d in docs if len(by_doc) > 1 else by_doc:
                group = by_doc[d]
                if len(group) > 1:
                    group = sorted(group, key=_IN_DOC)
                last = None
                for e in group:
                    key = _IN_DOC(e)
                    if key != last:
                        last = key
                        out.append(pair(e))
                        if len(out) == limit:
                            return docs, counts, out
        return docs, counts, out

    def docs(self, doc_ids: Iterable[str]) -> list:
        """``doc_ids`` without repeats, in date order (and kept for the document table)."""
        if isinstance(doc_ids, tuple) and len(doc_ids) == 1:  # most entities: one document
            return self._one(doc_ids[0])
        unique = doc_ids if isinstance(doc_ids, (set, dict)) else set(doc_ids)
        if len(unique) == 1:
            return self._one(next(iter(unique)))
        self._known(unique)
        out = sorted(unique, key=self._rank.__getitem__)
        self._docs.update(out)
        self._lists.append(out)
        return out

    def finish(self) -> tuple[list[list[str]], dict[str, int], list[list[object]], list[str]]:
        """The document table (``[id, name, date, ISO date]`` in date order), doc id ->
        index, the sentence table (``[doc index, text]``) and the rules; every reference
        handed out is filled in."""
        docs = sorted(self._docs, key=self._rank.__getitem__)
        doc_index = {d: i for i, d in enumerate(docs)}
        doc_rows = []
        for d in docs:
            doc = self._meta.get(d)
            name = doc_name(doc.title, self._first.get(d, "")) if doc else ""
            doc_rows.append([d, name or d, doc.date if doc else "", self.iso.get(d, "")])
        for d, one in self._single.items():
            one[0] = doc_index[d]
        index_of = doc_index.__getitem__
        for several in self._lists:
            several[:] = map(index_of, several)
        rules = sorted(self._rules)
        rule_index = {r: i for i, r in enumerate(rules)}
        # (rank, doc, text) sorts as (document index, text): the order of the sentence table
        sentences = []
        for i, key in enumerate(sorted(self._sentences)):
            sentences.append([doc_index[key[1]], key[2]])
            for pair in self._sentences[key]:
                pair[0] = i
                pair[1] = rule_index[pair[1]]
        return doc_rows, doc_index, sentences, rules
