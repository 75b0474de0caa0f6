"""The units co-occurrence is counted over, and what is left out of them.

Co-occurrence is counted over units: sentences (the default), paragraphs or whole
documents (``AnalysisSettings.window``). Which mentions count is decided in one place,
:func:`kg.extract.counted.counted_mentions`, which the build uses too: page furniture
(``Document.excluded``), bylines and credits (新华社记者 谢希瑶 郑钧天, （记者刘冬冬）,
央视网消息（新闻联播）：: :func:`byline_spans`) and nested names (the place inside
山西省委) add neither pairs nor mentions.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from kg.extract.counted import byline_spans, counted_mentions
from kg.model import DocExtraction

__all__ = ["byline_spans", "doc_units", "window_units"]


def window_units(dx: DocExtraction, window: str) -> list[tuple[str, ...]]:
    """The units of one document with the document-level names each one mentions.

    One tuple per unit (sentence, paragraph, or the whole document), names sorted and
    unique; a unit that lies entirely in page furniture is not a unit. Nested names,
    mentions in furniture and in bylines are left out.

    >>> from kg.model import Document, Mention, Sentence
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
    return doc_units(dx, window)[0]


def _inside(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def doc_units(dx: DocExtraction, window: str) -> tuple[list[tuple[str, ...]], dict[tuple[str, str], int]]:
    """``window_units`` and the number of counted mentions per (type, document-level name)."""
    furniture = list(dx.doc.excluded)
    sentence_unit: dict[int, int] = {}
    order: dict[int, None] = {}
    for s in dx.sentences:
        if _inside(s.start, s.end, furniture):
            continue
        key = s.index if window == "sentence" else s.paragraph if window == "paragraph" else 0
        order.setdefault(key, None)
        sentence_unit[s.index] = key
    names: dict[int, set[str]] = defaultdict(set)
    mentions: dict[tuple[str, str], int] = defaultdict(int)
    for m in counted_mentions(dx.doc, dx.mentions):
        name = m.key or m.name or m.text
        mentions[(m.type, name)] += 1
        if m.sentence in sentence_unit:
            names[sentence_unit[m.sentence]].add(name)
    return [tuple(sorted(names.get(k, ()))) for k in order], dict(mentions)
