"""The units co-occurrence is counted over, and what is left out of them.

Co-occurrence is counted over units: sentences (the default), paragraphs or whole
documents (``AnalysisSettings.window``). Page furniture (``Document.excluded``), bylines
(新华社记者 谢希瑶 郑钧天, （记者刘冬冬）, 山西日报记者刘通摄: :func:`byline_spans`) and nested
names (the place inside 山西省委) add neither pairs nor mentions.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from kg.model import DocExtraction, Mention

__all__ = ["byline_spans", "doc_units", "window_units"]


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
    return doc_units(dx, window)[0]


def doc_units(dx: DocExtraction, window: str) -> tuple[list[tuple[str, ...]], dict[str, int]]:
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
