"""Network analysis of an extraction: co-occurrence statistics, backbone, centrality,
communities, time, and the exports Gephi and notebooks read.

What is counted, and why:

- **Windows.** Co-occurrence is counted over units: sentences (the default), paragraphs or
  whole documents (``AnalysisSettings.window``). Every measure below is computed over the
  same units: ``n`` is the number of units, ``n_a`` the units naming ``a``, ``n_ab`` the
  units naming both.
- **What is left out.** Page furniture (``Document.excluded``), bylines (新华社记者 谢希瑶
  郑钧天, （记者刘冬冬）, 山西日报记者刘通摄: :func:`byline_spans`) and nested names (the
  place inside 山西省委) add neither pairs nor mentions. Near-duplicate documents (a story
  reprinted under another header, :mod:`kg.analysis.dedup`) count once: the earliest of a group
  is kept, the others are left out of every count here and listed in the summary.
- **Weights that do not lie.** A unit naming ``n`` entities gives each of its pairs the
  weight ``1/(n-1)`` (Newman's collaboration weighting): the pair weights of one entity in
  one unit add up to 1, so an attendee list of twelve officials weighs as much per person
  as a sentence naming two, instead of eleven times more. ``weight`` (the sum) is what
  ranks edges, the backbone, top-k, centrality and communities use; ``count`` (units) and
  ``documents`` (distinct documents) stay plain counts, and so do the association
  measures, which are defined on counts. ``max_entities`` can also drop long units.
- **Association** (pure functions over counts, numpy arrays or plain numbers): PMI and
  NPMI (Bouma 2009), Jaccard, Dice and Dunning's log-likelihood ratio G² (1993).
- **Filters.** ``min_count``; the disparity filter of Serrano, Boguñá and Vespignani
  (2009) keeps an edge when its significance ``alpha = (1 - w/s)^(k-1)`` from either end is
  below the threshold (``w`` the edge weight, ``s`` the node's strength, ``k`` its degree;
  from a node with one edge alpha is 1, so that edge stays only if the other end keeps
  it); ``top_k`` keeps each node's k heaviest edges (ties by the other end's id).
- **Centrality** on the kept graph: degree, weighted degree (strength), betweenness over
  shortest paths in hops (sampled from ``betweenness_sample`` seeded sources when the
  graph has more than 2,000 nodes; hops rather than 1/weight distances because weighted
  shortest paths cost a Dijkstra per source in Python, forty times the time, and the
  filters above already decide which edges count) and PageRank over weights.
- **Communities** by Leiden (igraph, modularity over weights) with a seeded generator over
  nodes inserted in sorted order, numbered by size (then smallest id), so the same input
  gives the same communities.
- **Time.** First and last seen (document dates) for every entity, co-occurrence edge and
  typed relation; with ``by`` = ``year`` or ``month`` the same tables and graphs per period.

:func:`analyze` does the computing; :func:`write_analysis` writes ``OUTDIR/analysis/``
(CSV tables, GEXF, GraphML, node-link JSON, ``summary.json``, ``report.html`` and the SVG
charts of :mod:`kg.analysis.charts`); :func:`load` reads it back for notebooks.
"""

from __future__ import annotations

import csv
import html
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import numpy as np

from kg.config import AnalysisSettings
from kg.analysis.dedup import DuplicateGroup, near_duplicates
from kg.errors import KGError, QueryError
from kg.graph import relation_rank, type_rank
from kg.model import DocExtraction, Extraction, Mention
from kg.export.html import TYPE_COLORS, UNKNOWN_COLOR

__all__ = [
    "Analysis",
    "analyze",
    "byline_spans",
    "dice",
    "disparity_alpha",
    "jaccard",
    "load",
    "log_likelihood",
    "npmi",
    "pair_weight",
    "pmi",
    "window_units",
    "write_analysis",
]

#: Graphs with more nodes than this get sampled betweenness.
EXACT_BETWEENNESS_MAX = 2000
#: Decimals kept for scores in every export (the same bytes on every run).
DECIMALS = 6


# ---------------------------------------------------------------------- measures
def _arr(x: Any) -> np.ndarray:
    return np.asarray(x, dtype=np.float64)


def _out(x: np.ndarray) -> Any:
    return float(x) if np.ndim(x) == 0 else x


def pmi(n_ab: Any, n_a: Any, n_b: Any, n: Any) -> Any:
    """Pointwise mutual information in bits: log2(P(a,b) / (P(a) P(b))) = log2(n_ab n / (n_a n_b)).

    >>> pmi(2, 2, 2, 4)
    1.0
    """
    n_ab, n_a, n_b, n = map(_arr, (n_ab, n_a, n_b, n))
    with np.errstate(divide="ignore", invalid="ignore"):
        return _out(np.log2(n_ab * n / (n_a * n_b)))


def npmi(n_ab: Any, n_a: Any, n_b: Any, n: Any) -> Any:
    """Normalised PMI: PMI / -log2 P(a,b), in [-1, 1]; 1 when the pair is in every unit.

    >>> npmi(2, 2, 2, 4), npmi(4, 4, 4, 4)
    (1.0, 1.0)
    """
    n_ab, n_a, n_b, n = map(_arr, (n_ab, n_a, n_b, n))
    with np.errstate(divide="ignore", invalid="ignore"):
        denom = -np.log2(n_ab / n)
        value = np.where(denom > 0, _arr(pmi(n_ab, n_a, n_b, n)) / np.where(denom > 0, denom, 1.0), 1.0)
    return _out(np.clip(value, -1.0, 1.0))


def jaccard(n_ab: Any, n_a: Any, n_b: Any) -> Any:
    """Units naming both over units naming either: n_ab / (n_a + n_b - n_ab).

    >>> jaccard(1, 2, 3)
    0.25
    """
    n_ab, n_a, n_b = map(_arr, (n_ab, n_a, n_b))
    return _out(n_ab / (n_a + n_b - n_ab))


def dice(n_ab: Any, n_a: Any, n_b: Any) -> Any:
    """Dice coefficient: 2 n_ab / (n_a + n_b).

    >>> dice(1, 2, 3)
    0.4
    """
    n_ab, n_a, n_b = map(_arr, (n_ab, n_a, n_b))
    return _out(2 * n_ab / (n_a + n_b))


def log_likelihood(n_ab: Any, n_a: Any, n_b: Any, n: Any) -> Any:
    """Dunning's log-likelihood ratio G² of the 2×2 table of units (a or not, b or not).

    G² = 2 Σ k_ij ln(k_ij / E_ij) over the four cells, E_ij = row_i · col_j / n, a cell with
    k_ij = 0 adding nothing. Large when the pair is far from independence, in either
    direction (compare PMI's sign); 3.84 is the 5 % point of χ² with one degree of freedom.

    >>> round(log_likelihood(2, 2, 2, 4), 4)  # cells 2, 0, 0, 2, expected 1 each: 2·(2 ln 2 + 2 ln 2)
    5.5452
    """
    n_ab, n_a, n_b, n = map(_arr, (n_ab, n_a, n_b, n))
    k = (n_ab, n_a - n_ab, n_b - n_ab, n - n_a - n_b + n_ab)
    e = (n_a * n_b / n, n_a * (n - n_b) / n, (n - n_a) * n_b / n, (n - n_a) * (n - n_b) / n)
    total = np.zeros(np.broadcast(*k).shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        for kij, eij in zip(k, e):
            total = total + np.where(
                kij > 0, kij * np.log(np.where(kij > 0, kij, 1.0) / np.where(eij > 0, eij, 1.0)), 0.0
            )
    return _out(np.maximum(2.0 * total, 0.0))


def disparity_alpha(w: Any, s: Any, k: Any) -> Any:
    """Significance of an edge of weight ``w`` at a node of strength ``s`` and degree ``k``
    under the disparity filter's null model (weights spread uniformly at random):
    alpha = (1 - w/s)^(k-1); 1 for a node with a single edge.

    >>> disparity_alpha(3, 4, 3), disparity_alpha(5, 5, 1)
    (0.0625, 1.0)
    """
    w, s, k = map(_arr, (w, s, k))
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(k > 1, (1.0 - w / np.where(s > 0, s, 1.0)) ** (k - 1), 1.0)
    return _out(value)


def pair_weight(n: int) -> float:
    """Weight of each pair of a unit naming ``n`` entities: 1/(n-1).

    >>> pair_weight(2), pair_weight(12)
    (1.0, 0.09090909090909091)
    """
    return 1.0 / (n - 1)


# ---------------------------------------------------------------------- units
#: A byline's role word, with the agency or paper that may stand before it.
_ROLE = re.compile(
    r"(?:特约|实习|首席)?(?:记者|通讯员|实习生|摄影|摄影记者|责编|编辑|撰稿|撰文)[：:\s\u3000]*"
)
_BYLINE_SEP = re.compile(r"[ \t\u3000、，,：:/]*")
_BYLINE_TAIL = re.compile(r"(?:摄影|摄|报道|采写|整理|文/图|文图)?[ \t\u3000]*")
_OPENERS = "（("
#: An agency or paper crediting the story at the start of a line or in brackets:
#: 新华社北京3月23日电, 央视网消息（新闻联播）：, 本报讯, （新华社记者…）.
_CREDIT = re.compile(
    r"(?:^|(?<=[（(]))[ \t\u3000]*((?:新华社|中新社|中新网|人民网|央视网|央广网|光明网|本报)(?:消息)?)"
    r"(?=讯|记者|[（(]|[\u4e00-\u9fff]{0,8}?\d{1,2}\s*月\s*\d{1,2}\s*日\s*电)",
    re.MULTILINE,
)
#: A source note: (据《山西日报》), (文图均据《山西日报》), （文章来源：山西晚报）.
_SOURCE = re.compile(
    r"[（(][ \t\u3000]*(?:(?:文图均?|图文均?)?据《[^》\n]{1,30}》|(?:文章)?来源[：:][^）)\n]{1,30})[ \t\u3000]*[）)]"
)
_CLOSERS = "）)"


def byline_spans(text: str, mentions: Sequence[Mention]) -> list[tuple[int, int]]:
    """Spans of ``text`` that are bylines: a role word (记者, 通讯员, 摄影, 编辑 …) followed
    only by the names of people (the ``Person`` mentions), separators and 摄/报道, up to
    the end of the line, the sentence or a closing bracket; and agency credits (the
    新华社 of 新华社北京3月23日电, 央视网消息（新闻联播）：, 本报讯) and source notes
    ((据《山西日报》), （文章来源：山西晚报）), which name the messenger, not the story.
    The place of a dateline stays: it is where the story is.

    A byline in brackets (``（记者刘冬冬）``) is the bracketed span; a byline that is its own
    line or sentence (``山西日报记者刘通摄``, ``新华社记者 谢希瑶 郑钧天``) runs from the
    line's start, so the paper or agency before the role word goes too. A role word
    followed by anything else (记者了解到, 记者张三采访了李四) is not a byline.

    >>> from kg.model import Mention
    >>> t = "本报讯 （记者刘冬冬）近日，经纬公司在越南参展。"
    >>> m = [Mention(7, 10, "刘冬冬", "Person", 0, "pos:name", "刘冬冬", "刘冬冬")]
    >>> [t[s:e] for s, e in byline_spans(t, m)]
    ['本报', '（记者刘冬冬）']
    """
    people: dict[int, int] = {}
    for m in mentions:
        if m.type == "Person":
            people[m.start] = max(people.get(m.start, 0), m.end)
    spans = [m.span(1) for m in _CREDIT.finditer(text)] + [m.span() for m in _SOURCE.finditer(text)]
    for role in _ROLE.finditer(text):
        pos, names = role.end(), 0
        while True:
            pos = _BYLINE_SEP.match(text, pos).end()
            if pos in people:
                pos, names = people[pos], names + 1
                continue
            break
        if not names:
            continue
        pos = _BYLINE_TAIL.match(text, pos).end()
        # the byline's own line, or its own sentence after a photo caption (…现场。山西日报记者刘通摄)
        line_start = text.rfind("\n", 0, role.start()) + 1
        line_start = max([line_start] + [text.rfind(c, line_start, role.start()) + 1 for c in "。！？"])
        before = text[line_start : role.start()]
        opener = max(before.rfind(c) for c in _OPENERS)
        if pos < len(text) and text[pos] in _CLOSERS and opener >= 0:
            spans.append((line_start + opener, pos + 1))
        elif (
            (pos >= len(text) or text[pos] in "\n。")
            and len(before.strip()) <= 12
            and not re.search(r"[，；,;：:]", before)
        ):
            spans.append((line_start, pos))
    return sorted(spans)


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def window_units(dx: DocExtraction, window: str) -> list[tuple[str, ...]]:
    """The units of one document with the document-level names each one mentions.

    One tuple per unit (sentence, paragraph, or the whole document), names sorted and
    unique; a unit that lies entirely in page furniture is not a unit. Nested names,
    mentions in furniture and in bylines are left out.

    >>> from kg.model import Document, Sentence
    >>> text = "习近平会见马克龙。王毅参加。\\n李强出席。"
    >>> ss = (Sentence(0, 0, 9, "习近平会见马克龙。", 0), Sentence(1, 9, 14, "王毅参加。", 0),
    ...       Sentence(2, 15, 20, "李强出席。", 1))
    >>> ms = tuple(Mention(s, e, text[s:e], "Person", i, "lexicon", text[s:e], text[s:e])
    ...            for s, e, i in ((0, 3, 0), (5, 8, 0), (9, 11, 1), (15, 17, 2)))
    >>> dx = DocExtraction(Document("d", text), ss, ms, (), ())
    >>> window_units(dx, "sentence")
    [('习近平', '马克龙'), ('王毅',), ('李强',)]
    >>> window_units(dx, "paragraph")
    [('习近平', '王毅', '马克龙'), ('李强',)]
    """
    return _doc_units(dx, window)[0]


def _doc_units(dx: DocExtraction, window: str) -> tuple[list[tuple[str, ...]], dict[str, int]]:
    """``window_units`` and the number of kept mentions per document-level name."""
    furniture = list(dx.doc.excluded)
    bylines = byline_spans(dx.doc.text, dx.mentions)
    sentence_unit: dict[int, int] = {}
    order: dict[int, None] = {}
    for s in dx.sentences:
        if _inside(s.start, s.end, furniture):
            continue
        key = s.index if window == "sentence" else s.paragraph if window == "paragraph" else 0
        order.setdefault(key, None)
        sentence_unit[s.index] = key
    names: dict[int, set[str]] = defaultdict(set)
    mentions: dict[str, int] = defaultdict(int)
    for m in dx.mentions:
        if m.rule.startswith("nested-") or m.sentence not in sentence_unit:
            continue
        if _inside(m.start, m.end, furniture) or _inside(m.start, m.end, bylines):
            continue
        name = m.key or m.name or m.text
        names[sentence_unit[m.sentence]].add(name)
        mentions[name] += 1
    return [tuple(sorted(names.get(k, ()))) for k in order], dict(mentions)


# ---------------------------------------------------------------------- results
@dataclass
class Counts:
    """Co-occurrence counts over a set of documents (entity indices into ``Analysis.ids``)."""

    units: int
    #: per entity index: units naming it, mentions, documents, first and last date
    unit_count: np.ndarray
    mentions: np.ndarray
    documents: np.ndarray
    first: list[str]
    last: list[str]
    #: per pair (a < b): entity indices, units, summed 1/(n-1) weight, documents, dates
    a: np.ndarray
    b: np.ndarray
    count: np.ndarray
    weight: np.ndarray
    pair_documents: np.ndarray
    pair_first: list[str]
    pair_last: list[str]


@dataclass
class Community:
    """A community: its number (1 = the largest), members sorted by weighted degree."""

    id: int
    members: tuple[str, ...]
    types: dict[str, int]


@dataclass
class Layer:
    """Tables and graph for one slice of the corpus (the whole, or one period)."""

    name: str
    documents: int
    units: int
    #: one row per entity mentioned in the slice
    nodes: list[dict[str, Any]]
    #: co-occurrence pairs seen in at least ``min_count`` units, as columns (``EDGE_COLUMNS``)
    edges: dict[str, list[Any]]
    #: the kept edges (after backbone and top-k), nodes with ``label`` and ``type``
    graph: nx.Graph
    communities: list[Community]
    #: most edges in the graph files (0: all)
    export_max_edges: int = 0


@dataclass
class Analysis:
    """Everything ``kg analyze`` computes; :func:`write_analysis` writes it."""

    settings: AnalysisSettings
    whole: Layer
    periods: list[Layer]
    relations: list[dict[str, Any]]
    documents: list[dict[str, Any]]
    duplicates: list[DuplicateGroup]
    #: entity id -> its mentions per period (``yyyy-mm``), for the time chart
    timeline: dict[str, dict[str, int]] = field(default_factory=dict)


# ---------------------------------------------------------------------- counting
@dataclass
class Prepared:
    """One document ready for counting: units and mentions as corpus entity indices."""

    id: str
    date: str
    units: list[tuple[int, ...]]
    mentions: dict[int, int]


def _date_key(date: str) -> str:
    """A sortable ``yyyy-mm-dd`` or "" (dates the readers could not normalise)."""
    return date[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date[:10]) else ""


def _count(
    prepared: Sequence[Prepared],
    n_entities: int,
    max_entities: int,
) -> Counts:
    """Add up units, pairs and mentions of the prepared documents."""
    units = 0
    unit_count = np.zeros(n_entities, dtype=np.int64)
    mentions = np.zeros(n_entities, dtype=np.int64)
    documents = np.zeros(n_entities, dtype=np.int64)
    first = [""] * n_entities
    last = [""] * n_entities
    dates = sorted({p.date for p in prepared if p.date})
    date_rank = {d: i for i, d in enumerate(dates)}
    keys: list[int] = []
    weights: list[float] = []
    doc_of: list[int] = []
    for d, p in enumerate(prepared):
        units += len(p.units)
        for e, c in p.mentions.items():
            mentions[e] += c
            documents[e] += 1
            if p.date:
                if not first[e] or p.date < first[e]:
                    first[e] = p.date
                last[e] = max(last[e], p.date)
        for unit in p.units:
            n = len(unit)
            for e in unit:
                unit_count[e] += 1
            if n < 2 or (max_entities and n > max_entities):
                continue
            pairs = n * (n - 1) // 2
            keys.extend(a * n_entities + b for a, b in combinations(unit, 2))
            weights.extend([pair_weight(n)] * pairs)
            doc_of.extend([d] * pairs)
    key_arr = np.asarray(keys, dtype=np.int64)
    # a stable sort keeps each pair's occurrences in document order
    order = np.argsort(key_arr, kind="stable")
    key_arr = key_arr[order]
    w_arr = np.asarray(weights, dtype=np.float64)[order]
    d_arr = np.asarray(doc_of, dtype=np.int64)[order]
    uniq, starts, counts = np.unique(key_arr, return_index=True, return_counts=True)
    pair_first = [""] * len(uniq)
    pair_last = [""] * len(uniq)
    if len(uniq):
        wsum = np.add.reduceat(w_arr, starts)
        new_doc = np.ones(len(key_arr), dtype=np.int64)
        new_doc[1:] = (key_arr[1:] != key_arr[:-1]) | (d_arr[1:] != d_arr[:-1])
        pair_docs = np.add.reduceat(new_doc, starts)
        doc_rank = np.asarray([date_rank.get(p.date, -1) for p in prepared], dtype=np.int64)[d_arr]
        big = len(dates) + 1
        lo = np.minimum.reduceat(np.where(doc_rank >= 0, doc_rank, big), starts)
        hi = np.maximum.reduceat(doc_rank, starts)
        pair_first = [dates[i] if i < len(dates) else "" for i in lo.tolist()]
        pair_last = [dates[i] if i >= 0 else "" for i in hi.tolist()]
    else:
        wsum = np.zeros(0)
        pair_docs = np.zeros(0, dtype=np.int64)
    return Counts(
        units=units,
        unit_count=unit_count,
        mentions=mentions,
        documents=documents,
        first=first,
        last=last,
        a=uniq // n_entities,
        b=uniq % n_entities,
        count=counts.astype(np.int64),
        weight=wsum,
        pair_documents=pair_docs,
        pair_first=pair_first,
        pair_last=pair_last,
    )


# ---------------------------------------------------------------------- analysis
def _text_for_duplicates(dx: DocExtraction) -> str:
    """The text without its page furniture (reprints differ in their page headers)."""
    text = dx.doc.text
    if not dx.doc.excluded:
        return text
    parts, pos = [], 0
    for a, b in sorted(dx.doc.excluded):
        if a > pos:
            parts.append(text[pos:a])
        pos = max(pos, b)
    parts.append(text[pos:])
    return "\n".join(parts)


def _prepare(
    dx: DocExtraction, window: str, entity_of: Mapping[tuple[str, str], str], index: dict[str, int]
) -> Prepared:
    units, mentions = _doc_units(dx, window)
    doc_id = dx.doc.id

    def idx(name: str) -> int | None:
        eid = entity_of.get((doc_id, name))
        return index.get(eid) if eid else None

    out_units = []
    for unit in units:
        ids = sorted({i for i in (idx(n) for n in unit) if i is not None})
        out_units.append(tuple(ids))
    out_mentions: dict[int, int] = defaultdict(int)
    for name, c in mentions.items():
        i = idx(name)
        if i is not None:
            out_mentions[i] += c
    return Prepared(doc_id, _date_key(dx.doc.date), out_units, dict(sorted(out_mentions.items())))


def analyze(ex: Extraction, settings: AnalysisSettings | None = None) -> Analysis:
    """Co-occurrence statistics, backbone, centrality and communities of an extraction,
    for the whole corpus and (``settings.by``) for each period; see the module docstring."""
    settings = settings or AnalysisSettings()
    entities = sorted(ex.entities, key=lambda e: e.id)
    ids = [e.id for e in entities]
    index = {eid: i for i, eid in enumerate(ids)}

    duplicates: list[DuplicateGroup] = []
    if settings.duplicates > 0:
        duplicates = near_duplicates(
            [(dx.doc.id, _date_key(dx.doc.date), _text_for_duplicates(dx)) for dx in ex.docs],
            settings.duplicates,
            max_days=settings.duplicate_days,
        )
    duplicate_of = {d: g.kept for g in duplicates for d in g.duplicates}
    prepared = [
        _prepare(dx, settings.window, ex.entity_of, index)
        for dx in sorted(ex.docs, key=lambda dx: dx.doc.id)
        if dx.doc.id not in duplicate_of
    ]
    whole = _layer("all", prepared, settings, entities)
    periods: list[Layer] = []
    if settings.by:
        width = 4 if settings.by == "year" else 7
        by_period: dict[str, list[Prepared]] = defaultdict(list)
        for p in prepared:
            if p.date:
                by_period[p.date[:width]].append(p)
        periods = [_layer(name, docs, settings, entities) for name, docs in sorted(by_period.items())]

    kept_docs = {p.id for p in prepared}
    dates = {dx.doc.id: _date_key(dx.doc.date) for dx in ex.docs}
    names = {e.id: e.name for e in entities}
    relations = []
    for r in sorted(ex.relations, key=lambda r: (r.head, relation_rank(r.type), r.type, r.tail)):
        evidence = [v for v in r.evidence if v.doc in kept_docs]
        if not evidence:
            continue
        seen = sorted(d for d in {dates.get(v.doc, "") for v in evidence} if d)
        relations.append(
            {
                "head_id": r.head,
                "head": names.get(r.head, r.head),
                "type": r.type,
                "tail_id": r.tail,
                "tail": names.get(r.tail, r.tail),
                "evidence_sentences": len({(v.doc, v.sentence) for v in evidence}),
                "documents": len({v.doc for v in evidence}),
                "first_seen": seen[0] if seen else "",
                "last_seen": seen[-1] if seen else "",
            }
        )
    documents = []
    for dx in sorted(ex.docs, key=lambda dx: dx.doc.id):
        d = dx.doc
        documents.append(
            {
                "id": d.id,
                "date": _date_key(d.date),
                "title": d.title,
                "source": d.source,
                "path": d.path,
                "characters": len(d.text),
                "duplicate_of": duplicate_of.get(d.id, ""),
            }
        )
    return Analysis(
        settings, whole, periods, relations, documents, duplicates, _timeline(prepared, ids, whole)
    )


def _timeline(
    prepared: Sequence[Prepared], ids: Sequence[str], whole: Layer, top: int = 8
) -> dict[str, dict[str, int]]:
    """Documents per month (key "") and mentions per month of the most mentioned entities."""
    chosen = [row["id"] for row in sorted(whole.nodes, key=lambda r: (-r["mentions"], r["id"]))[:top]]
    wanted = {ids.index(c): c for c in chosen} if chosen else {}
    out: dict[str, dict[str, int]] = {"": defaultdict(int), **{c: defaultdict(int) for c in chosen}}
    for p in prepared:
        if not p.date:
            continue
        month = p.date[:7]
        out[""][month] += 1
        for i, c in p.mentions.items():
            if i in wanted:
                out[wanted[i]][month] += c
    return {k: dict(sorted(v.items())) for k, v in out.items()}


def _rounded(x: np.ndarray) -> list[float]:
    """Scores rounded for export; NaN and infinities (only from empty counts) become 0."""
    return np.round(
        np.nan_to_num(np.asarray(x, dtype=np.float64), nan=0.0, posinf=0.0, neginf=0.0), DECIMALS
    ).tolist()


def _r(x: float) -> float:
    x = float(x)
    return round(x, DECIMALS) if math.isfinite(x) else 0.0


def _layer(
    name: str, prepared: Sequence[Prepared], settings: AnalysisSettings, entities: Sequence[Any]
) -> Layer:
    n_entities = len(entities)
    ids = [e.id for e in entities]
    c = _count(prepared, n_entities, settings.max_entities)
    keep = c.count >= settings.min_count
    a, b = c.a[keep], c.b[keep]
    count, weight, docs = c.count[keep], c.weight[keep], c.pair_documents[keep]
    keep_list = keep.tolist()
    n_a, n_b, n = c.unit_count[a], c.unit_count[b], max(c.units, 1)
    strength = np.bincount(a, weights=weight, minlength=n_entities) + np.bincount(
        b, weights=weight, minlength=n_entities
    )
    degree = np.bincount(a, minlength=n_entities) + np.bincount(b, minlength=n_entities)
    alpha = np.minimum(
        _arr(disparity_alpha(weight, strength[a], degree[a])).reshape(-1),
        _arr(disparity_alpha(weight, strength[b], degree[b])).reshape(-1),
    )
    kept = alpha < settings.backbone if settings.backbone > 0 else np.ones(len(a), dtype=bool)
    if settings.top_k:
        kept &= _top_k(a, b, weight, kept, settings.top_k, ids)

    g = nx.Graph(name=name)
    in_graph = np.union1d(a[kept], b[kept]).tolist()
    g.add_nodes_from((ids[i], {"label": entities[i].name, "type": entities[i].type}) for i in in_graph)
    idx = np.flatnonzero(kept)
    g.add_edges_from(
        (ids[x], ids[y], {"weight": w, "count": k})
        for x, y, w, k in zip(a[idx].tolist(), b[idx].tolist(), _rounded(weight[idx]), count[idx].tolist())
    )
    cent = centrality(g, settings.seed, settings.betweenness_sample)
    found = communities(g, settings.seed)
    community_of = {m: com.id for com in found for m in com.members}

    nodes = []
    for i, e in enumerate(entities):
        if not c.mentions[i] and not c.unit_count[i]:
            continue
        nodes.append(
            {
                "id": e.id,
                "name": e.name,
                "type": e.type,
                "mentions": int(c.mentions[i]),
                "documents": int(c.documents[i]),
                "units": int(c.unit_count[i]),
                "first_seen": c.first[i],
                "last_seen": c.last[i],
                "degree": cent["degree"].get(e.id, 0),
                "weighted_degree": _r(cent["weighted_degree"].get(e.id, 0.0)),
                "betweenness": _r(cent["betweenness"].get(e.id, 0.0)),
                "pagerank": _r(cent["pagerank"].get(e.id, 0.0)),
                "community": community_of.get(e.id, 0),
            }
        )
    a_list, b_list = a.tolist(), b.tolist()
    edges: dict[str, list[Any]] = {
        "a": [ids[i] for i in a_list],
        "a_name": [entities[i].name for i in a_list],
        "b": [ids[i] for i in b_list],
        "b_name": [entities[i].name for i in b_list],
        "count": count.tolist(),
        "weight": _rounded(weight),
        "documents": docs.tolist(),
        "pmi": _rounded(pmi(count, n_a, n_b, n)),
        "npmi": _rounded(npmi(count, n_a, n_b, n)),
        "jaccard": _rounded(jaccard(count, n_a, n_b)),
        "dice": _rounded(dice(count, n_a, n_b)),
        "g2": _rounded(log_likelihood(count, n_a, n_b, n)),
        "alpha": _rounded(alpha),
        "kept": kept.astype(np.int64).tolist(),
        "first_seen": [x for x, k in zip(c.pair_first, keep_list) if k],
        "last_seen": [x for x, k in zip(c.pair_last, keep_list) if k],
    }
    return Layer(name, len(prepared), c.units, nodes, edges, g, found, settings.export_max_edges)


def _top_k(
    a: np.ndarray, b: np.ndarray, weight: np.ndarray, eligible: np.ndarray, k: int, ids: Sequence[str]
) -> np.ndarray:
    """Edges among each node's ``k`` heaviest (ties: the other end's id); either end suffices."""
    by_node: dict[int, list[tuple[float, str, int]]] = defaultdict(list)
    for i in np.flatnonzero(eligible).tolist():
        x, y, w = int(a[i]), int(b[i]), float(weight[i])
        by_node[x].append((-w, ids[y], i))
        by_node[y].append((-w, ids[x], i))
    out = np.zeros(len(a), dtype=bool)
    for items in by_node.values():
        for _w, _other, i in sorted(items)[:k]:
            out[i] = True
    return out


def _adjacency(g: nx.Graph) -> tuple[list[str], Any]:
    """Nodes of ``g`` in graph order and its symmetric weighted adjacency matrix (CSR)."""
    from scipy import sparse

    nodes = list(g.nodes)
    pos = {v: i for i, v in enumerate(nodes)}
    u = np.fromiter((pos[x] for x, _y in g.edges), dtype=np.int64, count=g.number_of_edges())
    v = np.fromiter((pos[y] for _x, y in g.edges), dtype=np.int64, count=g.number_of_edges())
    w = np.fromiter(
        (d.get("weight", 1.0) for _x, _y, d in g.edges(data=True)),
        dtype=np.float64,
        count=g.number_of_edges(),
    )
    n = len(nodes)
    adj = sparse.csr_matrix(
        (np.concatenate([w, w]), (np.concatenate([u, v]), np.concatenate([v, u]))), shape=(n, n)
    )
    return nodes, adj


def betweenness(g: nx.Graph, k: int | None = None, seed: int = 42) -> dict[str, float]:
    """Normalised betweenness over shortest paths counted in hops (Brandes 2001).

    ``k``: estimate from that many sources (``random.Random(seed).sample`` of the nodes
    in graph order), scaled to be unbiased (sources by 1/((k-1)(n-2)), other nodes by
    1/(k(n-2))); ``None`` or ``k >= n``: every source, the exact value, equal to
    ``nx.betweenness_centrality(g)``.

    >>> g = nx.path_graph(["a", "b", "c", "d"])
    >>> {n: round(v, 4) for n, v in betweenness(g).items()}
    {'a': 0.0, 'b': 0.6667, 'c': 0.6667, 'd': 0.0}
    """
    import random

    nodes, adj = _adjacency(g)
    n = len(nodes)
    if k is None or k >= n:
        sources = None
    else:
        pos = {v: i for i, v in enumerate(nodes)}
        sources = sorted(pos[v] for v in random.Random(seed).sample(nodes, k))
    values = _betweenness(adj, sources)
    return {v: float(values[i]) for i, v in enumerate(nodes)}


def _betweenness(adj: Any, sources: Sequence[int] | None = None, batch: int = 0) -> np.ndarray:
    """Brandes' betweenness for many sources at a time, with sparse matrix products.

    A breadth-first search from many sources at once is one sparse-times-dense product
    per level (the path counts σ move one hop), and the dependency accumulation runs back
    over the levels the same way: numpy does in one call what a Python loop over nodes
    does in thousands (about 30 times faster than networkx's loop on the benchmark graph).
    """
    n = adj.shape[0]
    if n < 3 or not adj.nnz:
        return np.zeros(n)
    hop = adj.copy()
    hop.data[:] = 1.0
    src_all = list(range(n)) if sources is None else list(sources)
    # 32 sources per batch: measured fastest from 2,000 to 29,000 nodes (wider dense
    # arrays fall out of the cache: 128 sources take twice as long on the benchmark graph)
    batch = batch or 32
    total = np.zeros(n)
    for lo in range(0, len(src_all), batch):
        src = np.asarray(src_all[lo : lo + batch])
        cols = np.arange(len(src))
        sigma = np.zeros((n, len(src)))
        sigma[src, cols] = 1.0
        dist = np.full((n, len(src)), -1, dtype=np.int32)
        dist[src, cols] = 0
        frontier = sigma.copy()
        level = 0
        while True:
            reached = hop @ frontier
            new = (reached > 0) & (dist < 0)
            if not new.any():
                break
            level += 1
            dist[new] = level
            sigma[new] = reached[new]
            frontier = np.where(new, reached, 0.0)
        delta = np.zeros_like(sigma)
        for lvl in range(level, 0, -1):
            at = dist == lvl
            coef = np.where(at, (1.0 + delta) / np.where(at, sigma, 1.0), 0.0)
            delta += np.where(dist == lvl - 1, sigma * (hop @ coef), 0.0)
        delta[src, cols] = 0.0
        total += delta.sum(axis=1)
    k = len(src_all)
    if k == n:
        return total / ((n - 1) * (n - 2))
    scale = np.full(n, 1.0 / (k * (n - 2)))
    scale[src_all] = 1.0 / ((k - 1) * (n - 2)) if k > 1 else 0.0
    return total * scale


def _pagerank(adj: Any, alpha: float = 0.85, tol: float = 1e-6, max_iter: int = 100) -> np.ndarray:
    """PageRank of a symmetric weighted adjacency matrix: networkx's definition (a walker
    follows an edge with probability proportional to its weight, jumps anywhere with
    probability 1 - alpha, and from a node without edges) by power iteration with the
    same stopping rule, vectorised."""
    n = adj.shape[0]
    if n == 0:
        return np.zeros(0)
    strength = np.asarray(adj.sum(axis=1)).reshape(-1)
    dangling = strength == 0
    inv = np.where(dangling, 0.0, 1.0 / np.where(dangling, 1.0, strength))
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        # adj is symmetric: x P = (x / s) A
        x = alpha * (adj @ (last * inv) + last[dangling].sum() / n) + (1.0 - alpha) / n
        if np.abs(x - last).sum() < n * tol:
            break
    return x / x.sum()


def centrality(g: nx.Graph, seed: int = 42, sample: int = 500) -> dict[str, dict[str, float]]:
    """Degree, weighted degree, betweenness and PageRank of every node of ``g``.

    Betweenness counts shortest paths in hops over the kept edges (:func:`betweenness`);
    above ``EXACT_BETWEENNESS_MAX`` nodes it is estimated from ``sample`` source nodes
    drawn with ``seed``. PageRank follows weights (``nx.pagerank``'s definition).

    >>> g = nx.Graph(); g.add_edge("a", "b", weight=1.0); g.add_edge("b", "c", weight=1.0)
    >>> centrality(g)["betweenness"]
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    if not len(g):
        return {"degree": {}, "weighted_degree": {}, "betweenness": {}, "pagerank": {}}
    import random

    nodes, adj = _adjacency(g)
    n = len(nodes)
    sources = None
    if n > EXACT_BETWEENNESS_MAX and sample < n:
        pos = {v: i for i, v in enumerate(nodes)}
        sources = sorted(pos[v] for v in random.Random(seed).sample(nodes, sample))
    bet = _betweenness(adj, sources)
    pr = _pagerank(adj)
    strength = np.asarray(adj.sum(axis=1)).reshape(-1)
    degree = np.diff(adj.indptr)
    return {
        "degree": dict(zip(nodes, degree.tolist())),
        "weighted_degree": dict(zip(nodes, strength.tolist())),
        "betweenness": dict(zip(nodes, bet.tolist())),
        "pagerank": dict(zip(nodes, pr.tolist())),
    }


def communities(g: nx.Graph, seed: int = 42) -> list[Community]:
    """Leiden communities (modularity, edge weights) with a seeded random generator,
    numbered 1, 2, … by size (then smallest id); members sorted by weighted degree (then id).

    igraph's Leiden rather than networkx's Louvain: on the benchmark graph (29,000 nodes,
    250,000 edges) it takes 2 seconds where networkx's Louvain takes 14, and Leiden
    never leaves a community internally disconnected, which Louvain can. igraph draws its
    random numbers from a Python generator; a fresh ``random.Random(seed)`` is installed
    for the call and the default put back after it, so the same graph gives the same
    communities in every run.

    >>> g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> [c.members for c in communities(g)]  # c and x first: the bridge adds to their weight
    [('c', 'a', 'b'), ('x', 'y', 'z')]
    """
    import random

    import igraph

    if not g.number_of_edges():
        return []
    nodes = list(g.nodes)
    pos = {v: i for i, v in enumerate(nodes)}
    ig = igraph.Graph(n=len(nodes), edges=[(pos[u], pos[v]) for u, v in g.edges])
    ig.es["weight"] = [float(d.get("weight", 1.0)) for _u, _v, d in g.edges(data=True)]
    igraph.set_random_number_generator(random.Random(seed))
    try:
        membership = ig.community_leiden(
            objective_function="modularity", weights="weight", n_iterations=-1
        ).membership
    finally:
        igraph.set_random_number_generator(random)
    parts: dict[int, list[str]] = defaultdict(list)
    for v, m in zip(nodes, membership):
        parts[m].append(v)
    strength = dict(g.degree(weight="weight"))
    ordered = sorted(parts.values(), key=lambda p: (-len(p), min(p)))
    out = []
    for n, part in enumerate(ordered, 1):
        members = tuple(sorted(part, key=lambda m: (-strength[m], m)))
        types: dict[str, int] = defaultdict(int)
        for m in members:
            types[g.nodes[m].get("type", "")] += 1
        out.append(
            Community(n, members, dict(sorted(types.items(), key=lambda kv: (type_rank(kv[0]), kv[0]))))
        )
    return out


def top_lists(layer: Layer, n: int = 20, key: str = "pagerank") -> dict[str, list[dict[str, Any]]]:
    """The ``n`` first entities of each type by ``key`` (then mentions, then id)."""
    out: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(
        layer.nodes, key=lambda r: (type_rank(r["type"]), r["type"], -r[key], -r["mentions"], r["id"])
    ):
        items = out.setdefault(row["type"], [])
        if len(items) < n:
            items.append(row)
    return out


# ---------------------------------------------------------------------- exports
NODE_COLUMNS = (
    "id",
    "name",
    "type",
    "mentions",
    "documents",
    "units",
    "first_seen",
    "last_seen",
    "degree",
    "weighted_degree",
    "betweenness",
    "pagerank",
    "community",
)
EDGE_COLUMNS = (
    "a",
    "a_name",
    "b",
    "b_name",
    "count",
    "weight",
    "documents",
    "pmi",
    "npmi",
    "jaccard",
    "dice",
    "g2",
    "alpha",
    "kept",
    "first_seen",
    "last_seen",
)
RELATION_COLUMNS = (
    "head_id",
    "head",
    "type",
    "tail_id",
    "tail",
    "evidence_sentences",
    "documents",
    "first_seen",
    "last_seen",
)
DOCUMENT_COLUMNS = ("id", "date", "title", "source", "path", "characters", "duplicate_of")
COMMUNITY_COLUMNS = (
    "community",
    "size",
    *(t for t in ("Person", "Place", "Organization", "Enterprise", "Initiative", "Event")),
    "members",
)


def _write_csv(path: Path, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(columns)
        w.writerows(rows)


def _dict_rows(columns: Sequence[str], rows: Iterable[Mapping[str, Any]]) -> Iterable[list[Any]]:
    return ([row.get(c, "") for c in columns] for row in rows)


def _column_rows(columns: Sequence[str], table: Mapping[str, Sequence[Any]]) -> Iterable[tuple[Any, ...]]:
    return zip(*(table[c] for c in columns))


#: Node attributes of the graph exports, with their GraphML/GEXF types.
GRAPH_NODE_ATTRS = (
    ("type", "string"),
    ("mentions", "int"),
    ("documents", "int"),
    ("units", "int"),
    ("first_seen", "string"),
    ("last_seen", "string"),
    ("degree", "int"),
    ("weighted_degree", "double"),
    ("betweenness", "double"),
    ("pagerank", "double"),
    ("community", "int"),
    ("color", "string"),
    ("r", "int"),
    ("g", "int"),
    ("b", "int"),
    ("size", "double"),
)
#: Edge attributes of the graph exports (``weight`` is also the GEXF edge weight).
GRAPH_EDGE_ATTRS = (
    ("weight", "double"),
    ("count", "int"),
    ("documents", "int"),
    ("pmi", "double"),
    ("npmi", "double"),
    ("jaccard", "double"),
    ("dice", "double"),
    ("g2", "double"),
    ("alpha", "double"),
    ("first_seen", "string"),
    ("last_seen", "string"),
)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(value: object) -> str:
    """Text or attribute value for XML: characters XML 1.0 forbids dropped, the rest escaped."""
    return html.escape(_NOT_XML.sub("", str(value)), quote=True)


def _rgb(color: str) -> tuple[int, int, int]:
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)


def graph_tables(layer: Layer) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Nodes and edges of a layer's kept graph, with every attribute the exports write.

    At most ``export_max_edges`` edges, the heaviest. Nodes (those with such an edge, by id) get their type colour (``color`` and ``r``,
    ``g``, ``b``) and a ``size`` growing with the square root of PageRank.
    """
    keep = list(layer.edges["kept"])
    cap = layer.export_max_edges
    if cap and sum(keep) > cap:
        # the heaviest kept edges (then the most units, then ids), in table order
        cols = layer.edges
        ranked = sorted(
            (i for i, k in enumerate(keep) if k),
            key=lambda i: (-cols["weight"][i], -cols["count"][i], cols["a"][i], cols["b"][i]),
        )
        chosen = set(ranked[:cap])
        keep = [1 if i in chosen else 0 for i in range(len(keep))]
    linked = {x for col in ("a", "b") for x, k in zip(layer.edges[col], keep) if k}
    nodes = [row for row in layer.nodes if row["id"] in linked]
    top = max((row["pagerank"] for row in nodes), default=0.0) or 1.0
    out_nodes = []
    for row in nodes:
        color = TYPE_COLORS.get(row["type"], UNKNOWN_COLOR)
        r, g, b = _rgb(color)
        size = round(4.0 + 26.0 * math.sqrt(row["pagerank"] / top), 3)
        out_nodes.append({**row, "color": color, "r": r, "g": g, "b": b, "size": size})
    names = [name for name, _t in GRAPH_EDGE_ATTRS]
    edges = [
        {"source": a, "target": b, **dict(zip(names, values))}
        for a, b, k, *values in zip(
            layer.edges["a"], layer.edges["b"], keep, *(layer.edges[n] for n in names)
        )
        if k
    ]
    return out_nodes, edges


def gexf_text(layer: Layer) -> str:
    """GEXF 1.2 of a layer's kept graph for Gephi: node labels, attributes, ``viz:color``
    (the type colour) and ``viz:size``; edge weights and attributes. Written directly (no
    date stamp, unlike networkx's writer, so the bytes depend on the input only)."""
    nodes, edges = graph_tables(layer)
    node_attrs = [(n, t) for n, t in GRAPH_NODE_ATTRS if n not in ("color", "r", "g", "b", "size")]
    gexf_type = {"int": "integer", "double": "double", "string": "string"}
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2">',
        f"  <meta><creator>kg</creator><description>{_x('co-occurrence graph: ' + layer.name)}</description></meta>",
        '  <graph defaultedgetype="undirected" mode="static">',
        '    <attributes class="node" mode="static">',
        *(
            f'      <attribute id="{i}" title="{n}" type="{gexf_type[t]}"/>'
            for i, (n, t) in enumerate(node_attrs)
        ),
        "    </attributes>",
        '    <attributes class="edge" mode="static">',
        *(
            f'      <attribute id="{i}" title="{n}" type="{gexf_type[t]}"/>'
            for i, (n, t) in enumerate(GRAPH_EDGE_ATTRS)
        ),
        "    </attributes>",
        "    <nodes>",
    ]
    for row in nodes:
        values = "".join(
            f'<attvalue for="{i}" value="{_x(row[n])}"/>' for i, (n, _t) in enumerate(node_attrs)
        )
        out.append(
            f'      <node id="{_x(row["id"])}" label="{_x(row["name"])}"><attvalues>{values}</attvalues>'
            f'<viz:color r="{row["r"]}" g="{row["g"]}" b="{row["b"]}" a="1.0"/><viz:size value="{row["size"]}"/></node>'
        )
    out.append("    </nodes>")
    out.append("    <edges>")
    for i, e in enumerate(edges):
        values = "".join(
            f'<attvalue for="{j}" value="{_x(e[n])}"/>' for j, (n, _t) in enumerate(GRAPH_EDGE_ATTRS)
        )
        out.append(
            f'      <edge id="{i}" source="{_x(e["source"])}" target="{_x(e["target"])}" weight="{e["weight"]}">'
            f"<attvalues>{values}</attvalues></edge>"
        )
    out += ["    </edges>", "  </graph>", "</gexf>", ""]
    return "\n".join(out)


def graphml_text(layer: Layer) -> str:
    """GraphML of a layer's kept graph: ``label`` and the attributes of the GEXF export;
    the colour as ``color`` (#rrggbb) and ``r``, ``g``, ``b``, which Gephi reads as the
    node colour."""
    nodes, edges = graph_tables(layer)
    node_keys = [("label", "string"), *GRAPH_NODE_ATTRS]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        (
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'
        ),
        *(
            f'  <key id="n{i}" for="node" attr.name="{n}" attr.type="{t}"/>'
            for i, (n, t) in enumerate(node_keys)
        ),
        *(
            f'  <key id="e{i}" for="edge" attr.name="{n}" attr.type="{t}"/>'
            for i, (n, t) in enumerate(GRAPH_EDGE_ATTRS)
        ),
        f'  <graph id="{_x(layer.name)}" edgedefault="undirected">',
    ]
    for row in nodes:
        row = {**row, "label": row["name"]}
        data = "".join(f'<data key="n{i}">{_x(row[n])}</data>' for i, (n, _t) in enumerate(node_keys))
        out.append(f'    <node id="{_x(row["id"])}">{data}</node>')
    for e in edges:
        data = "".join(f'<data key="e{i}">{_x(e[n])}</data>' for i, (n, _t) in enumerate(GRAPH_EDGE_ATTRS))
        out.append(f'    <edge source="{_x(e["source"])}" target="{_x(e["target"])}">{data}</edge>')
    out += ["  </graph>", "</graphml>", ""]
    return "\n".join(out)


def node_link(layer: Layer) -> dict[str, Any]:
    """The node-link form of a layer's kept graph; ``nx.node_link_graph(data, edges="edges")``
    reads it back."""
    nodes, edges = graph_tables(layer)
    return {
        "directed": False,
        "multigraph": False,
        "graph": {"name": layer.name},
        "nodes": [
            {"id": row["id"], "label": row["name"], **{n: row[n] for n, _t in GRAPH_NODE_ATTRS}}
            for row in nodes
        ],
        "edges": edges,
    }


def _community_rows(layer: Layer) -> list[dict[str, Any]]:
    names = {row["id"]: row["name"] for row in layer.nodes}
    return [
        {
            "community": c.id,
            "size": len(c.members),
            **{t: c.types.get(t, 0) for t in COMMUNITY_COLUMNS[2:-1]},
            "members": "|".join(names.get(m, m) for m in c.members[:20]),
        }
        for c in layer.communities
    ]


def _write_layer(layer: Layer, folder: Path) -> list[Path]:
    _write_csv(folder / "nodes.csv", NODE_COLUMNS, _dict_rows(NODE_COLUMNS, layer.nodes))
    _write_csv(folder / "edges.csv", EDGE_COLUMNS, _column_rows(EDGE_COLUMNS, layer.edges))
    _write_csv(
        folder / "communities.csv", COMMUNITY_COLUMNS, _dict_rows(COMMUNITY_COLUMNS, _community_rows(layer))
    )
    (folder / "graph.gexf").write_text(gexf_text(layer), encoding="utf-8")
    return [folder / n for n in ("nodes.csv", "edges.csv", "communities.csv", "graph.gexf")]


def summary(an: Analysis) -> dict[str, Any]:
    """What ``summary.json`` holds: settings, counts, duplicate groups, communities, top
    lists per type and one line per period."""
    w = an.whole
    s = an.settings
    names = {row["id"]: row["name"] for row in w.nodes}

    def brief(row: Mapping[str, Any]) -> dict[str, Any]:
        return {
            k: row[k]
            for k in (
                "id",
                "name",
                "mentions",
                "degree",
                "weighted_degree",
                "betweenness",
                "pagerank",
                "community",
                "first_seen",
                "last_seen",
            )
        }

    return {
        "settings": an.settings.as_dict(),
        "counts": {
            "documents": len(an.documents),
            "documents_counted": w.documents,
            "documents_dated": sum(1 for d in an.documents if d["date"] and not d["duplicate_of"]),
            "duplicates": sum(len(g.duplicates) for g in an.duplicates),
            "units": w.units,
            "entities": len(w.nodes),
            "pairs": len(w.edges["a"]),
            "graph_nodes": w.graph.number_of_nodes(),
            "graph_edges": w.graph.number_of_edges(),
            "graph_edges_exported": min(
                w.graph.number_of_edges(), s.export_max_edges or w.graph.number_of_edges()
            ),
            "communities": len(w.communities),
            "relations": len(an.relations),
        },
        "duplicate_groups": [
            {"kept": g.kept, "duplicates": list(g.duplicates), "similarity": list(g.similarity)}
            for g in an.duplicates
        ],
        "communities": [
            {
                "id": c.id,
                "size": len(c.members),
                "types": c.types,
                "members": [{"id": m, "name": names.get(m, m)} for m in c.members[:10]],
            }
            for c in w.communities[: an.settings.top_n]
        ],
        "top": {t: [brief(r) for r in rows] for t, rows in top_lists(w, an.settings.top_n).items()},
        "periods": [
            {
                "period": p.name,
                "documents": p.documents,
                "units": p.units,
                "entities": len(p.nodes),
                "pairs": len(p.edges["a"]),
                "graph_edges": p.graph.number_of_edges(),
                "communities": len(p.communities),
                "top": [brief(r) for r in sorted(p.nodes, key=lambda r: (-r["pagerank"], r["id"]))[:5]],
            }
            for p in an.periods
        ],
    }


def write_analysis(an: Analysis, outdir: str | Path) -> list[str]:
    """Write ``OUTDIR/analysis/``; return the files written, relative to ``outdir``.

    ``periods/`` is emptied first, so a run without ``--by`` leaves none from an earlier one.
    """

    root = Path(outdir)
    out = root / "analysis"
    out.mkdir(parents=True, exist_ok=True)
    written = _write_layer(an.whole, out)
    _write_csv(out / "relations.csv", RELATION_COLUMNS, _dict_rows(RELATION_COLUMNS, an.relations))
    _write_csv(out / "documents.csv", DOCUMENT_COLUMNS, _dict_rows(DOCUMENT_COLUMNS, an.documents))
    (out / "graph.graphml").write_text(graphml_text(an.whole), encoding="utf-8")
    (out / "graph.json").write_text(
        json.dumps(node_link(an.whole), ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    data = summary(an)
    (out / "summary.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written += [
        out / n for n in ("relations.csv", "documents.csv", "graph.graphml", "graph.json", "summary.json")
    ]

    periods = out / "periods"
    if periods.exists():
        import shutil

        shutil.rmtree(periods)
    for layer in an.periods:
        written += _write_layer(layer, periods / layer.name)

    svgs = _charts(an)
    (out / "charts").mkdir(exist_ok=True)
    for name, svg in svgs.items():
        (out / "charts" / name).write_text(svg, encoding="utf-8")
        written.append(out / "charts" / name)
    (out / "report.html").write_text(_report(an, data, svgs), encoding="utf-8")
    written.append(out / "report.html")
    return [p.relative_to(root).as_posix() for p in written]


def _charts(an: Analysis) -> dict[str, str]:
    from kg.analysis import charts

    w = an.whole
    names = {row["id"]: row["name"] for row in w.nodes}
    by_mentions = {t: rows for t, rows in top_lists(w, 10, key="mentions").items()}
    series = {names.get(k, k): v for k, v in an.timeline.items() if k}
    return {
        "top_entities.svg": charts.top_entities_chart(
            by_mentions, "mentions", 10, "Most mentioned entities by type"
        ),
        "timeline.svg": charts.timeline_chart(
            series, an.timeline.get(""), "Mentions per month (most mentioned entities)"
        ),
        "communities.svg": charts.communities_chart(w.communities, names, 12, "Largest communities (Leiden)"),
    }


def _report(an: Analysis, data: Mapping[str, Any], svgs: Mapping[str, str]) -> str:
    from kg.analysis.charts import report_html, table

    w = an.whole
    s = an.settings
    counts = data["counts"]
    names = {row["id"]: row["name"] for row in w.nodes}
    settings_line = (
        f"window: {s.window}; pair weight 1/(n-1)"
        + (f"; units over {s.max_entities} entities add no pairs" if s.max_entities else "")
        + f"; min count {s.min_count}"
        + (f"; disparity backbone alpha < {s.backbone}" if s.backbone else "")
        + (f"; top {s.top_k} edges per node" if s.top_k else "")
        + (
            f"; near-duplicates at Jaccard ≥ {s.duplicates} within {s.duplicate_days} days"
            if s.duplicates
            else ""
        )
    )
    sections: list[tuple[str, str, list[str]]] = [
        (
            "Corpus",
            settings_line,
            [table(["", "count"], [(k.replace("_", " "), v) for k, v in counts.items()])],
        ),
        (
            "Most mentioned entities",
            "Bylines, agency credits, page furniture and duplicates left out.",
            [f"<figure>{svgs['top_entities.svg']}</figure>"],
        ),
        (
            "Top entities by PageRank",
            "PageRank over the kept co-occurrence graph, per type.",
            [
                f"<h3>{t}</h3>"
                + table(
                    [
                        "name",
                        "mentions",
                        "degree",
                        "weighted degree",
                        "betweenness",
                        "PageRank",
                        "community",
                        "first seen",
                        "last seen",
                    ],
                    [
                        (
                            r["name"],
                            r["mentions"],
                            r["degree"],
                            r["weighted_degree"],
                            r["betweenness"],
                            r["pagerank"],
                            r["community"],
                            r["first_seen"],
                            r["last_seen"],
                        )
                        for r in rows
                    ],
                )
                for t, rows in top_lists(w, min(s.top_n, 10)).items()
            ],
        ),
        (
            "Communities",
            f"{len(w.communities)} Leiden communities (seed {s.seed}); the largest below.",
            [
                f"<figure>{svgs['communities.svg']}</figure>",
                table(
                    ["community", "size", "types", "members (most connected first)"],
                    [
                        (
                            c.id,
                            len(c.members),
                            ", ".join(f"{t} {k}" for t, k in c.types.items()),
                            "、".join(names.get(m, m) for m in c.members[:12]),
                        )
                        for c in w.communities[:20]
                    ],
                ),
            ],
        ),
        (
            "Over time",
            f"{counts['documents_dated']} of {counts['documents_counted']} counted documents have a date.",
            [f"<figure>{svgs['timeline.svg']}</figure>"],
        ),
    ]
    if an.periods:
        sections.append(
            (
                "Periods",
                f"Tables and graphs per {s.by} under periods/.",
                [
                    table(
                        ["period", "documents", "entities", "pairs", "edges kept", "top entities (PageRank)"],
                        [
                            (
                                p["period"],
                                p["documents"],
                                p["entities"],
                                p["pairs"],
                                p["graph_edges"],
                                "、".join(r["name"] for r in p["top"]),
                            )
                            for p in data["periods"]
                        ],
                    )
                ],
            )
        )
    titles = {d["id"]: d["title"] for d in an.documents}
    sections.append(
        (
            "Near-duplicate documents",
            "Each group is counted once: the first document is kept, the others are left out of every count.",
            [
                table(
                    ["kept", "duplicates (Jaccard similarity)", "title"],
                    [
                        (
                            g.kept,
                            ", ".join(f"{d} ({sim})" for d, sim in zip(g.duplicates, g.similarity)),
                            titles.get(g.kept, ""),
                        )
                        for g in an.duplicates
                    ],
                )
            ]
            if an.duplicates
            else ["<p>none</p>"],
        )
    )
    sections.append(
        (
            "Files",
            "",
            [
                table(
                    ["file", "what"],
                    [
                        (
                            "nodes.csv",
                            "entities: mentions, documents, units, first/last seen, centrality, community",
                        ),
                        (
                            "edges.csv",
                            "co-occurrence pairs: count, weight, documents, PMI, NPMI, Jaccard, Dice, G², alpha, kept",
                        ),
                        ("relations.csv", "typed relations with first/last seen"),
                        ("documents.csv", "documents with date and duplicate_of"),
                        ("communities.csv", "communities: size, types, members"),
                        ("graph.gexf, graph.graphml, graph.json", "the kept graph for Gephi and networkx"),
                        (
                            "summary.json",
                            "settings, counts, duplicate groups, communities, top lists, periods",
                        ),
                    ],
                )
            ],
        )
    )
    return report_html("kg analysis", sections)


# ---------------------------------------------------------------------- loading
@dataclass
class Loaded:
    """What :func:`load` returns: the graph and the tables of an output directory.

    ``graph`` is the kept co-occurrence graph (``analysis/graph.graphml``) with every node
    and edge attribute, or, for a directory ``kg build`` wrote alone, the co-occurrence
    graph of ``relations.csv``. The DataFrames: ``entities`` (``analysis/nodes.csv``, or
    ``entities.csv``), ``relations`` (typed relations), ``cooccurrences``
    (``analysis/edges.csv``, or the co-occurrence rows of ``relations.csv``) and
    ``documents``. ``summary`` is ``analysis/summary.json`` (empty without an analysis).
    """

    graph: nx.Graph
    entities: Any
    relations: Any
    cooccurrences: Any
    documents: Any
    summary: dict[str, Any]
    path: Path

    def __repr__(self) -> str:
        return (
            f"<kg output {self.path}: {self.graph.number_of_nodes()} nodes, {self.graph.number_of_edges()} edges; "
            f"{len(self.entities)} entities, {len(self.relations)} relations, "
            f"{len(self.cooccurrences)} co-occurrences, {len(self.documents)} documents>"
        )


_TEXT_COLUMNS = {
    "id",
    "name",
    "type",
    "first_seen",
    "last_seen",
    "a",
    "a_name",
    "b",
    "b_name",
    "head_id",
    "head",
    "tail_id",
    "tail",
    "date",
    "title",
    "source",
    "path",
    "duplicate_of",
    "aliases",
    "adcode",
    "parent",
    "rule",
    "first_evidence",
}


def _read_csv(path: Path) -> Any:
    import pandas as pd

    with open(path, encoding="utf-8", newline="") as f:
        header = next(csv.reader(f), [])
    dtype = {c: str for c in header if c in _TEXT_COLUMNS}
    return pd.read_csv(
        path,
        dtype=dtype,
        keep_default_na=False,
        na_values={c: [""] for c in header if c not in _TEXT_COLUMNS},
    )


def load(outdir: str | Path = "output") -> Loaded:
    """Read an output directory of ``kg analyze`` (or of ``kg build``) for a notebook.

    Needs pandas (``pip install 'kg[analysis]'``). Raises ``QueryError`` when the folder
    holds neither ``analysis/`` nor the tables of ``kg build``.
    """
    root = Path(outdir)
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - pandas is in the test extra
        raise KGError("kg.load needs pandas: pip install 'kg[analysis]'") from e
    an = root / "analysis"
    try:
        if (an / "nodes.csv").is_file():
            summary_path = an / "summary.json"
            return Loaded(
                graph=nx.read_graphml(an / "graph.graphml"),
                entities=_read_csv(an / "nodes.csv"),
                relations=_read_csv(an / "relations.csv"),
                cooccurrences=_read_csv(an / "edges.csv"),
                documents=_read_csv(an / "documents.csv"),
                summary=json.loads(summary_path.read_text(encoding="utf-8"))
                if summary_path.is_file()
                else {},
                path=root,
            )
        if (root / "entities.csv").is_file() and (root / "relations.csv").is_file():
            entities = _read_csv(root / "entities.csv")
            rel = _read_csv(root / "relations.csv")
            co = rel[rel["type"] == "co_occurs_with"].reset_index(drop=True)
            typed = rel[rel["type"] != "co_occurs_with"].reset_index(drop=True)
            docs = []
            if (root / "documents.jsonl").is_file():
                with open(root / "documents.jsonl", encoding="utf-8") as f:
                    for line in f:
                        if line.strip():
                            rec = json.loads(line)
                            docs.append({k: v for k, v in rec.items() if not isinstance(v, list | dict)})
            g = nx.Graph()
            for row in entities.itertuples(index=False):
                g.add_node(row.id, label=row.name, type=row.type)
            for row in co.itertuples(index=False):
                g.add_edge(row.head_id, row.tail_id, weight=float(row.weight))
            return Loaded(g, entities, typed, co, pd.DataFrame(docs), {}, root)
    except (OSError, ValueError, KeyError, csv.Error) as e:
        raise QueryError(f"{root}: cannot read the kg output: {e}") from e
    raise QueryError(f"{root}: no kg output here (run kg analyze or kg build first)")
