"""The data embedded in the page (``page_data``): nodes, edges, evidence and documents as
compact JSON-ready lists that refer to each other by index (see the package docstring)."""

from __future__ import annotations

import functools
import heapq
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from operator import attrgetter

from kg.config import Settings
from kg.export.html.kwicdata import kwic_data, page_concordance
from kg.export.html.labels import caption, relation_label, type_label, ui
from kg.export.html.neighbourhood import distances, select_entities
from kg.export.html.positions import layout
from kg.export.html.style import COOCCURRENCE_COLOR, FONT_STACK, RELATION_COLORS, TYPE_COLORS, UNKNOWN_COLOR
from kg.export.kwic import MentionIndex
from kg.model import (
    COOCCURS,
    ENTITY_TYPES,
    RELATION_TYPES,
    SYMMETRIC,
    Cooccurrence,
    DocExtraction,
    Evidence,
    Extraction,
    Relation,
)

#: At most this many co-occurrence edges per node on the page (the strongest); a large
#: corpus has tens of co-occurrences per entity and they would bury the typed relations.
COOCCURRENCE_EDGES_PER_NODE = 8

#: At most this many evidence sentences per co-occurrence edge on the page (a typed
#: relation keeps ``Settings.max_evidence``): co-occurrences are many, their sentences
#: would make most of a large page, and a few show what the pair is about.
COOCCURRENCE_EVIDENCE = 5

#: An entity that is not drawn still carries this many of its typed relations and this
#: many of its co-occurrences (the strongest of each), so that finding it on the page
#: can add it with its neighbours; more would make a large corpus's page several times
#: heavier, and the strongest few show where it belongs.
UNDRAWN_EDGES = 5

#: Evidence sentences carried per edge of an entity that is not drawn (a drawn edge keeps
#: ``Settings.max_evidence``); the panel says how many more the exports hold.
UNDRAWN_EVIDENCE = 1

#: The fields of a row of ``more_edges``, the edges of the entities not drawn: the keys of
#: an ``edges`` item as a list (``c`` is 0 when every document has one sentence, ``docs``,
#: ``pmi`` and ``npmi`` are 0 for a typed relation), a third of the size as objects.
MORE_EDGE_FIELDS = ("f", "t", "k", "w", "n", "ev", "d", "c", "docs", "pmi", "npmi")

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


def _finite(value: float | None) -> float | None:
    return round(float(value), 6) if value is not None and math.isfinite(value) else None


def node_size(mentions: int) -> float:
    """Radius of a node: grows with the logarithm of the mentions.

    >>> node_size(0), node_size(1), node_size(7)
    (8.0, 12.0, 20.0)
    """
    return round(8.0 + 4.0 * math.log2(1 + max(mentions, 0)), 2)


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
_DOC = attrgetter("doc")


class _Tables:
    """Documents, sentences and rules stored once and referred to by index (a sentence is
    shared by many co-occurrence edges, a document by many nodes)."""

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
        self._sentences: dict[tuple[str, str], None] = {}
        self._rules: dict[str, None] = {}

    def _known(self, doc_ids: Iterable[str]) -> None:
        missing = set(doc_ids).difference(self._rank)
        for d in sorted(missing):  # not in ex.docs: after the others
            self._rank[d] = len(self._rank)
            self.iso.setdefault(d, "")

    def rank(self, doc_id: str) -> int:
        """The place of a document in date order (undated last, then by id)."""
        self._known((doc_id,))
        return self._rank[doc_id]

    def edge(self, evidence: Sequence[Evidence], limit: int) -> tuple[list[str], list[int] | None, list]:
        """An edge's documents in date order, the number of its sentences in each (``None``
        when every document has one: the common case costs nothing) and its first ``limit``
        distinct evidence sentences in date order (see ``evidence``)."""
        if len(evidence) == 1:  # most co-occurrences: one sentence, nothing to sort or count
            e = evidence[0]
            doc = e.doc
            if doc not in self._rank:
                self._known((doc,))
            self._docs.add(doc)
            if limit < 1:
                return [doc], None, []
            sentence = (doc, e.text)
            self._sentences.setdefault(sentence, None)
            self._rules.setdefault(e.rule, None)
            return [doc], None, [(sentence, e.rule)]
        per_doc = Counter(map(_DOC, evidence))
        docs = self.docs(per_doc)
        counts = None if len(per_doc) == len(evidence) else [per_doc[d] for d in docs]
        if 0 < 2 * limit < len(evidence):
            # Sentences sort by document date first, so the first documents in date order
            # hold the first sentences: rank only those of the documents that together
            # hold 2 * limit of them. That prefix of the order falls short only when it
            # repeats a sentence so often that it has fewer than ``limit`` distinct ones;
            # then every sentence is ranked.
            need, first_docs = 2 * limit, set()
            for d in docs:
                first_docs.add(d)
                need -= per_doc[d]
                if need <= 0:
                    break
            if len(first_docs) < len(docs):
                ev = self.evidence([e for e in evidence if e.doc in first_docs], limit, known=True)
                if len(ev) == limit:
                    return docs, counts, ev
        return docs, counts, self.evidence(evidence, limit, known=True)

    def docs(self, doc_ids: Iterable[str]) -> list[str]:
        """``doc_ids`` without repeats, in date order (and kept for the document table)."""
        if isinstance(doc_ids, tuple) and len(doc_ids) == 1:  # most entities: one document
            doc = doc_ids[0]
            if doc not in self._rank:
                self._known(doc_ids)
            self._docs.add(doc)
            return [doc]
        unique = doc_ids if isinstance(doc_ids, (set, dict)) else set(doc_ids)
        self._known(unique)
        out = sorted(unique, key=self._rank.__getitem__)
        self._docs.update(out)
        return out

    def evidence(
        self, evidence: Sequence[Evidence], limit: int, known: bool = False
    ) -> list[tuple[tuple[str, str], str]]:
        """The first ``limit`` distinct evidence sentences in date order as ``((doc,
        text), rule)``, the sentence as ``finish`` numbers it (``known``: their documents
        have a rank already)."""
        if not known:
            self._known(map(_DOC, evidence))
        rank = self._rank
        # Two evidences with one key are one evidence (the key leaves out only the text,
        # which the document and sentence decide), so equal neighbours in key order are
        # duplicates: no evidence is hashed.
        keys = [(rank[e.doc], e.sentence, e.start, e.end, e.rule) for e in evidence]
        n = len(keys)
        if n <= 2 * limit:  # the common case: sort them all
            first = sorted(range(n), key=keys.__getitem__)
        else:
            first = heapq.nsmallest(2 * limit, range(n), key=keys.__getitem__)
            if len({keys[i] for i in first}) < min(limit, len(first)):
                first = sorted(range(n), key=keys.__getitem__)  # many duplicates: all of them
        out: list[tuple[tuple[str, str], str]] = []
        last = None
        for i in first:
            if keys[i] == last:
                continue
            last = keys[i]
            e = evidence[i]
            self._docs.add(e.doc)
            sentence = (e.doc, e.text)
            self._sentences.setdefault(sentence, None)
            self._rules.setdefault(e.rule, None)
            out.append((sentence, e.rule))
            if len(out) == limit:
                break
        return out

    def finish(self) -> tuple[list[list[str]], dict[str, int], list[list[object]], dict, list[str], dict]:
        docs = sorted(self._docs, key=self._rank.__getitem__)
        doc_index = {d: i for i, d in enumerate(docs)}
        doc_rows = []
        for d in docs:
            doc = self._meta.get(d)
            name = doc_name(doc.title, self._first.get(d, "")) if doc else ""
            doc_rows.append([d, name or d, doc.date if doc else "", self.iso.get(d, "")])
        sentences = sorted(self._sentences, key=lambda s: (doc_index[s[0]], s[1]))
        sentence_index = {s: i for i, s in enumerate(sentences)}
        rules = sorted(self._rules)
        rule_index = {r: i for i, r in enumerate(rules)}
        return (
            doc_rows,
            doc_index,
            [[doc_index[d], text] for d, text in sentences],
            sentence_index,
            rules,
            rule_index,
        )


def page_data(
    ex: Extraction, settings: Settings, *, focus: str | None = None, scope: str = "", mentions: MentionIndex | None = None
) -> dict[str, object]:
    """Everything the page shows, as JSON-ready values (the content of ``#kg-data``).

    ``focus`` (an entity id) makes an ego page: the nearest entities are kept first and
    the page opens with that entity selected; ``scope`` ends the "showing N of M
    entities" line (e.g. "within 1 step of 习近平"; ``caption`` is in English, the page
    shows it in ``settings.lang``, see ``kg.export.html.labels.caption``). ``mentions``:
    the build's mention index, which the concordance tab is cut from (see
    ``kg.export.html.kwicdata``); without it the tab's mentions are found in ``ex``.
    """
    rank = distances(ex, focus) if focus is not None else None
    shown = select_entities(ex, settings.html_max_nodes, rank)
    node_index = {e.id: i for i, e in enumerate(shown)}
    # Entities not drawn, most mentioned first; their index on the page follows the drawn.
    drawn = set(node_index)
    more = sorted((e for e in ex.entities if e.id not in drawn), key=lambda e: (-e.mentions, e.id))
    index = dict(node_index)
    index.update((e.id, len(shown) + i) for i, e in enumerate(more))
    limit = settings.max_evidence
    tables = _Tables(ex)

    types = list(ENTITY_TYPES) + sorted({e.type for e in ex.entities} - set(ENTITY_TYPES))
    type_index = {t: i for i, t in enumerate(types)}
    rel_types = list(RELATION_TYPES) + sorted(
        {r.type for r in ex.relations if r.head in index and r.tail in index} - set(RELATION_TYPES)
    )
    rel_types.append(COOCCURS)
    rel_index = {t: i for i, t in enumerate(rel_types)}

    weights: dict[tuple[str, str], float] = {}

    def bump(a: str, b: str, w: float) -> None:
        key = (a, b) if a < b else (b, a)
        if a != b:
            weights[key] = weights.get(key, 0.0) + w

    edge = tables.edge
    cooccurs = rel_index[COOCCURS]

    def relation_row(r: Relation, cap: int) -> dict[str, object]:
        docs, counts, ev = edge(r.evidence, cap)
        row = {"f": index[r.head], "t": index[r.tail], "k": rel_index[r.type], "w": r.weight,
               "n": len(r.evidence), "ev": ev, "d": docs}
        if counts:
            row["c"] = counts
        return row

    def cooccurrence_row(c: Cooccurrence, cap: int) -> dict[str, object]:
        docs, counts, ev = edge(c.evidence, cap)
        row = {"f": index[c.a], "t": index[c.b], "k": cooccurs, "w": c.count,
               "n": len(c.evidence), "ev": ev, "d": docs}
        if counts:
            row["c"] = counts
        row.update(docs=c.documents, pmi=_finite(c.pmi), npmi=_finite(c.npmi))
        return row

    raw_edges: list[dict[str, object]] = []
    relations = sorted(
        (r for r in ex.relations if r.head in node_index and r.tail in node_index),
        key=lambda r: (r.head, rel_index[r.type], r.tail),
    )
    for r in relations:
        bump(r.head, r.tail, 2.0 * max(r.weight, 1))
        raw_edges.append(relation_row(r, limit))
    coocs = [c for c in ex.cooccurrences if c.a in node_index and c.b in node_index]
    cooc_total = len(coocs)
    budget = int(COOCCURRENCE_EDGES_PER_NODE * len(shown))
    if cooc_total > budget:
        coocs = sorted(coocs, key=_strongest)[:budget]
    for c in sorted(coocs, key=lambda c: (c.a, c.b)):
        bump(c.a, c.b, float(max(c.count, 1)))
        raw_edges.append(cooccurrence_row(c, min(limit, COOCCURRENCE_EVIDENCE)))

    # The edges of the entities not drawn go to the page as rows of MORE_EDGE_FIELDS:
    # made as such, with the fields a relation lacks (c, docs, pmi, npmi) as 0.
    extra_relations, extra_coocs = _undrawn_edges(ex, drawn)
    cap = min(limit, UNDRAWN_EVIDENCE)
    extra_edges: list[list] = []
    for r in extra_relations:
        docs, counts, ev = edge(r.evidence, cap)
        extra_edges.append([index[r.head], index[r.tail], rel_index[r.type], r.weight, len(r.evidence),
                            ev, docs, counts or 0, 0, 0, 0])
    for c in extra_coocs:
        docs, counts, ev = edge(c.evidence, cap)
        extra_edges.append([index[c.a], index[c.b], cooccurs, c.count, len(c.evidence), ev, docs, counts or 0,
                            c.documents, _finite(c.pmi), _finite(c.npmi)])

    node_docs = [tables.docs(e.documents) for e in shown]
    more_docs = [tables.docs(e.documents) for e in more]
    kwic_rows, kwic_total = page_concordance(ex, shown, tables.rank, mentions)
    tables.docs(r[0] for rows in kwic_rows for r in rows)
    doc_rows, doc_index, sentences, sentence_index, rules, rule_index = tables.finish()
    for row in raw_edges:
        row["ev"] = [[sentence_index[s], rule_index[rule]] for s, rule in row["ev"]]  # type: ignore[union-attr]
        row["d"] = [doc_index[d] for d in row["d"]]  # type: ignore[union-attr]
    for more_row in extra_edges:
        more_row[5] = [[sentence_index[s], rule_index[rule]] for s, rule in more_row[5]]
        more_row[6] = [doc_index[d] for d in more_row[6]]

    pos = layout([e.id for e in shown], weights, {e.id: node_size(e.mentions) for e in shown})
    order = sorted(range(len(shown)), key=lambda i: (-shown[i].mentions, shown[i].id))
    if focus in node_index:
        order.remove(node_index[focus])
        order.insert(0, node_index[focus])
    rank_of = {i: r for r, i in enumerate(order)}
    nodes = [
        {
            "id": e.id,
            "label": e.name,
            "type": type_index[e.type],
            "aliases": list(e.aliases),
            "mentions": e.mentions,
            "docs": [doc_index[d] for d in docs],
            "attrs": [[k, v] for k, v in e.attrs],
            "size": node_size(e.mentions),
            "x": pos[e.id][0],
            "y": pos[e.id][1],
            "rank": rank_of[i],
        }
        for i, (e, docs) in enumerate(zip(shown, node_docs))
    ]
    lang = settings.lang
    kept = [len(coocs), cooc_total] if cooc_total > len(coocs) else None
    return {
        "caption": caption(len(shown), len(ex.entities), scope, kept, "en"),
        "lang": lang,
        "cooccurrences_kept": kept,
        "ui": ui(lang),
        "shown": len(shown),
        "total": len(ex.entities),
        "focus": node_index.get(focus) if focus is not None else None,
        "font": FONT_STACK,
        "types": [[t, TYPE_COLORS.get(t, UNKNOWN_COLOR), type_label(t, lang)] for t in types],
        "relations": [
            [
                t,
                RELATION_COLORS.get(t, COOCCURRENCE_COLOR if t == COOCCURS else UNKNOWN_COLOR),
                _directed(t),
                relation_label(t, lang),
            ]
            for t in rel_types
        ],
        "docs": doc_rows,
        "periods": periods([row[3] for row in doc_rows]),
        "sentences": sentences,
        "rules": rules,
        "nodes": nodes,
        "edges": raw_edges,
        "more": [
            [e.id, e.name, type_index[e.type], list(e.aliases), e.mentions, [doc_index[d] for d in docs]]
            for e, docs in zip(more, more_docs)
        ],
        "more_edges": extra_edges,
        "undrawn_edges": UNDRAWN_EDGES,
        "more_edge_fields": list(MORE_EDGE_FIELDS),
        "kwic": kwic_data(shown, kwic_rows, kwic_total, doc_index, lang),
    }


def _undrawn_edges(ex: Extraction, drawn: set[str]) -> tuple[list[Relation], list[Cooccurrence]]:
    """The typed relations and co-occurrences an entity that is not drawn brings when it is
    added: its ``UNDRAWN_EDGES`` strongest of each (an edge between two drawn entities is
    already among the drawn edges or was left out on purpose)."""
    rel_of: dict[str, list[Relation]] = {}
    for r in ex.relations:
        head, tail = r.head, r.tail
        if head not in drawn:
            rel_of.setdefault(head, []).append(r)
        if tail not in drawn and tail != head:
            rel_of.setdefault(tail, []).append(r)
    cooc_of: dict[str, list[Cooccurrence]] = {}
    for c in ex.cooccurrences:
        a, b = c.a, c.b
        if a not in drawn:
            cooc_of.setdefault(a, []).append(c)
        if b not in drawn and b != a:
            cooc_of.setdefault(b, []).append(c)
    # An entity with at most UNDRAWN_EDGES edges brings them all: no ranking needed (the
    # chosen edges are sorted by their ids below).
    relations: dict[tuple[str, str, str], Relation] = {}
    for rels in rel_of.values():
        if len(rels) > UNDRAWN_EDGES:
            rels = heapq.nsmallest(UNDRAWN_EDGES, rels, key=lambda r: (-r.weight, r.type, r.head, r.tail))
        for r in rels:
            relations[(r.head, r.type, r.tail)] = r
    coocs: dict[tuple[str, str], Cooccurrence] = {}
    for cs in cooc_of.values():
        if len(cs) > UNDRAWN_EDGES:
            cs = heapq.nsmallest(UNDRAWN_EDGES, cs, key=_strongest)
        for c in cs:
            coocs[(c.a, c.b)] = c
    return [relations[k] for k in sorted(relations)], [coocs[k] for k in sorted(coocs)]


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


def _strongest(c: Cooccurrence) -> tuple[int, float, str, str]:
    """Sort key: most sentences first, then highest NPMI (undefined last), then ids."""
    npmi = _finite(c.npmi)
    return (-c.count, -npmi if npmi is not None else 2.0, c.a, c.b)


def _directed(relation_type: str) -> bool:
    return relation_type != COOCCURS and relation_type not in SYMMETRIC
