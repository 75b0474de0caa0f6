"""What graph.html's concordance tab (用例, ``templates/kwic.js``) carries: a sample of
each drawn entity's mentions with context (``kg.export.kwic``), and the tab's words.

The sample is cut from a mention index (``kg.export.kwic.MentionIndex``) in the page's
document order: a build makes the index of every entity once (``page_mentions``) and keeps
it in its store, so a page needs only the texts of the documents its rows come from
rather than every mention of every document its entities name."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from kg.export.html.doctables import iso_date
from kg.export.kwic import MentionIndex, mention_index
from kg.model import Document, Entity, Extraction

#: A row of the tab as ``page_concordance`` cuts it: (doc id, start, left, mention, right).
Context = tuple[str, int, str, str, str]

#: The concordance tab (用例) carries at most this many mentions per drawn entity, spread
#: evenly over its mentions in date order, with ``KWIC_WIDTH`` characters of context on
#: either side. Measured on the 2,000-story benchmark page (3.7 MB without the tab, 500
#: entities drawn, 30,500 mentions of them): 200 mentions with 20 characters would add
#: 2.4 MB, 100 with 15 add 1.5 MB (15,800 rows). ``kg kwic NAME`` lists every mention;
#: entities that are not drawn (added by a search) get none here.
KWIC_ROWS = 100
KWIC_WIDTH = 15

#: The concordance tab's words (the page's other words are in ``labels``).
KWIC_WORDS = {
    "zh": {
        "details": "详情",
        "tab": "用例",
        "date": "日期",
        "doc": "文档",
        "left": "左文",
        "mention": "提及",
        "right": "右文",
        "csv": "导出 CSV",
        "none": "此页没有这个实体的用例；kg kwic 名称 可列出全部。",
        "sample": "共 {n} 次提及，此页带 {a} 条（按时间均匀选取）；kg kwic 名称 可列出全部。",
        "in_period": "所选时间内 {a} / {b} 条",
        "sort_hint": "点击列标题排序",
    },
    "en": {
        "details": "Details",
        "tab": "Concordance",
        "date": "Date",
        "doc": "Document",
        "left": "Left",
        "mention": "Mention",
        "right": "Right",
        "csv": "Export CSV",
        "none": "This page carries no mentions of this entity; kg kwic NAME lists them all.",
        "sample": "{n} mentions, {a} on this page (spread over time); kg kwic NAME lists them all.",
        "in_period": "{a} of {b} in the chosen period",
        "sort_hint": "click a column head to sort",
    },
}


def page_order(doc: Document) -> tuple[bool, str, str]:
    """The page's order of documents: by date (undated last), then by id (the order of
    ``doctables``' document table, which the tab's rows follow)."""
    day = iso_date(doc.date)
    return (not day, day, doc.id)


def page_mentions(ex: Extraction) -> MentionIndex:
    """The mention index of every entity of ``ex`` in the page's order: what
    ``page_concordance`` samples, made once by a build for its page and kept in its store
    for ``kg view -d`` and ``kg kwic -d``."""
    return mention_index(ex, order=page_order)


def page_concordance(
    ex: Extraction, shown: Sequence[Entity], rank: Callable[[str], int], mentions: MentionIndex | None = None
) -> tuple[list[list[Context]], list[int]]:
    """Per drawn entity: at most ``KWIC_ROWS`` of its mentions with context, in date order
    and spread evenly over all of them (so every period has its share), and the number of
    all its mentions (the first and the last among them). ``rank`` gives a document's
    place in the page's date order; ``mentions`` is the index of ``page_mentions`` (else
    the drawn entities' mentions are found in ``ex`` in one pass). Only the rows taken
    are made, each from its document's text, as ``(doc id, start, left, mention, right)``
    (``MentionIndex.contexts``: the tab needs no more)."""
    ids = [e.id for e in shown]
    if mentions is None:
        mentions = mention_index(ex, ids, order=lambda doc: rank(doc.id))
    mentions.arrays(ids)  # one read for all when the index is kept in a store
    doc_of = {dx.doc.id: dx.doc for dx in ex.docs}
    picked: list[list[Context]] = []
    totals: list[int] = []
    step = max(KWIC_ROWS - 1, 1)
    for e in shown:
        n = mentions.count(e.id)
        # the first, the last and evenly between
        picks = range(n) if n <= KWIC_ROWS else [i * (n - 1) // step for i in range(KWIC_ROWS)]
        picked.append(mentions.contexts(e.id, doc_of, KWIC_WIDTH, picks))
        totals.append(n)
    return picked, totals


def kwic_data(
    shown: Sequence[Entity],
    rows: Sequence[Sequence[Context]],
    totals: Sequence[int],
    doc_index: dict[str, int],
    lang: str,
) -> dict[str, object]:
    """``data.kwic`` of the page: per drawn entity (in the order of ``data.nodes``) its rows
    ``[doc index, start, left, mention, right]`` (``mention`` is ``""`` when it is the
    entity's name, the common case, to keep the page small), ``n`` the number of all its
    mentions, ``width``, ``cap`` and ``ui``, the tab's words in ``lang``."""
    return {
        "width": KWIC_WIDTH,
        "cap": KWIC_ROWS,
        "n": list(totals),
        "rows": [
            [
                [doc_index[doc], start, left, "" if mention == name else mention, right]
                for doc, start, left, mention, right in picked
            ]
            for name, picked in zip([e.name for e in shown], rows)
        ],
        "ui": KWIC_WORDS[lang] if lang in KWIC_WORDS else KWIC_WORDS["en"],
    }
