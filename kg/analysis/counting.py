"""Documents made ready for counting, and the counts of units, pairs and mentions.

Each document becomes a :class:`Prepared` (its units as corpus entity indices, from
:mod:`kg.analysis.units`); :func:`count_prepared` adds up a set of them: units, mentions,
documents and first and last date per entity, and per pair the units, the summed
:func:`~kg.analysis.measures.pair_weight` (``weight``, what ranks edges), the distinct
documents and the first and last date. ``count`` and ``documents`` stay plain counts, and
so do the association measures, which are defined on counts.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from kg.analysis.measures import pair_weight
from kg.analysis.units import doc_units
from kg.model import DocExtraction

__all__ = ["Counts", "Prepared", "count_prepared", "date_key", "prepare", "text_for_duplicates"]


@dataclass
class Counts:
    """Co-occurrence counts over a set of documents (entity indices into ``Analysis.ids``)."""

    units: int
    #: per entity index: units naming it, mentions (every document, as ``entities.csv``
    #: counts them), mentions with near-duplicates counted once, documents, first and last date
    unit_count: np.ndarray
    mentions: np.ndarray
    mentions_dedup: np.ndarray
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
class Prepared:
    """One document ready for counting: units and mentions as corpus entity indices."""

    id: str
    date: str
    units: list[tuple[int, ...]]
    mentions: dict[int, int]
    #: a near-duplicate of an earlier document: its mentions count in ``Counts.mentions``
    #: only (the count every export shares), and it adds nothing else
    duplicate: bool = False


def date_key(date: str) -> str:
    """A sortable ``yyyy-mm-dd`` or "" (dates the readers could not normalise)."""
    return date[:10] if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date[:10]) else ""


def count_prepared(
    prepared: Sequence[Prepared],
    n_entities: int,
    max_entities: int,
) -> Counts:
    """Add up units, pairs and mentions of the prepared documents."""
    units = 0
    unit_count = np.zeros(n_entities, dtype=np.int64)
    mentions = np.zeros(n_entities, dtype=np.int64)
    mentions_dedup = np.zeros(n_entities, dtype=np.int64)
    documents = np.zeros(n_entities, dtype=np.int64)
    first = [""] * n_entities
    last = [""] * n_entities
    dates = sorted({p.date for p in prepared if p.date})
    date_rank = {d: i for i, d in enumerate(dates)}
    keys: list[int] = []
    weights: list[float] = []
    doc_of: list[int] = []
    for d, p in enumerate(prepared):
        if p.duplicate:
            for e, c in p.mentions.items():
                mentions[e] += c
            continue
        units += len(p.units)
        for e, c in p.mentions.items():
            mentions[e] += c
            mentions_dedup[e] += c
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
        mentions_dedup=mentions_dedup,
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


def text_for_duplicates(dx: DocExtraction) -> str:
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


def prepare(
    dx: DocExtraction,
    window: str,
    entity_of: Mapping[tuple[str, str], str],
    index: dict[str, int],
    typed: Mapping[tuple[str, str, str], str] | None = None,
) -> Prepared:
    """One document's units and counted mentions as entity indices. Units name entities as
    the build's co-occurrence does (``entity_of``, by name); mentions go to the entity of
    their type (``typed``, from :func:`kg.merge.typed_entity_of`), as the build's counts do."""
    units, mentions = doc_units(dx, window)
    doc_id = dx.doc.id

    def idx(name: str) -> int | None:
        eid = entity_of.get((doc_id, name))
        return index.get(eid) if eid else None

    out_units = []
    for unit in units:
        ids = sorted({i for i in (idx(n) for n in unit) if i is not None})
        out_units.append(tuple(ids))
    out_mentions: dict[int, int] = defaultdict(int)
    for (typ, name), c in mentions.items():
        eid = typed.get((doc_id, typ, name)) if typed is not None else entity_of.get((doc_id, name))
        i = index.get(eid) if eid else None
        if i is not None:
            out_mentions[i] += c
    return Prepared(doc_id, date_key(dx.doc.date), out_units, dict(sorted(out_mentions.items())))
